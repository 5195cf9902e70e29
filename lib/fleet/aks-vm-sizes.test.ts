import { testFleet } from '../../test/fleets';
import { aksOverlayVmSizeProblem, aksSystemPoolVmSizeProblem, AZURE_VM_SIZE, azureVmSizeVcpus } from './aks-vm-sizes';
import { longestStartMatching } from './suggest';
import { fleetProblems } from './validate-fleet';

describe('VM sizes AKS refuses for a system pool', () => {
  test('the vCPUs come from the name: the number after the family, or the constrained count; not the G-series\'', () => {
    expect(azureVmSizeVcpus('Standard_D4s_v5')).toBe(4);
    expect(azureVmSizeVcpus('Standard_DS1_v2')).toBe(1);
    expect(azureVmSizeVcpus('Standard_B1ls')).toBe(1);
    expect(azureVmSizeVcpus('Standard_DS11-1_v2')).toBe(1);
    expect(azureVmSizeVcpus('Standard_E16-4as_v4')).toBe(4);
    expect(azureVmSizeVcpus('Standard_NC4as_T4_v3')).toBe(4);
    expect(azureVmSizeVcpus('Standard_G1')).toBeUndefined();
    expect(azureVmSizeVcpus('Standard_GS1')).toBeUndefined();
  });

  test('fewer than 2 vCPUs, or the B v2 series\' 1 GiB sizes, are refused; other sizes pass', () => {
    for (const size of ['Standard_DS1_v2', 'Standard_B1ms', 'Standard_A1_v2', 'Standard_F1s', 'Standard_DS11-1_v2', 'Standard_B2ts_v2', 'Standard_B2ats_v2', 'Standard_B2pts_v2']) {
      expect([size, aksSystemPoolVmSizeProblem(size)]).toEqual([size, expect.stringContaining('SystemPoolSkuTooLow')]);
    }
    for (const size of ['Standard_D2s_v5', 'Standard_D4s_v5', 'Standard_B2ls_v2', 'Standard_B2s', 'Standard_E4-2s_v5', 'Standard_G1']) {
      expect([size, aksSystemPoolVmSizeProblem(size)]).toEqual([size, undefined]);
    }
  });

  test('fails when an AKS system pool is of 1 vCPU, at its machineType; a user pool of it passes', () => {
    // GIVEN the AKS workload cluster's system pool of Standard_DS1_v2 (1 vCPU, 3.5 GiB), and a user pool of it
    const f = testFleet();
    const aks = f.clusters[3];
    aks.nodePools[0].machineType = 'Standard_DS1_v2';
    aks.nodePools.push({ name: 'small', machineType: 'Standard_DS1_v2', minSize: 0, maxSize: 2 });
    // WHEN / THEN
    const problems = fleetProblems(f).filter((p) => p.path.startsWith(`clusters[${aks.name}].nodePools`));
    expect(problems).toEqual([expect.objectContaining({ path: `clusters[${aks.name}].nodePools[system].machineType`, message: expect.stringContaining('has 1 vCPU') })]);
  });
});

describe('VM sizes Azure CNI Overlay does not run on', () => {
  test('the DCsv2 series, and not the confidential series that replace it', () => {
    for (const size of ['Standard_DC1s_v2', 'Standard_DC2s_v2', 'Standard_DC4s_v2', 'Standard_DC8_v2']) expect([size, aksOverlayVmSizeProblem(size)]).toEqual([size, expect.stringContaining('DCsv2')]);
    for (const size of ['Standard_DC2as_v5', 'Standard_DC4ads_v5', 'Standard_DC2s_v3', 'Standard_D2s_v5']) expect([size, aksOverlayVmSizeProblem(size)]).toEqual([size, undefined]);
  });

  test('fails when an AKS user pool is of a DCsv2 size, at its machineType', () => {
    const f = testFleet();
    const aks = f.clusters[3];
    aks.nodePools.push({ name: 'sgx', machineType: 'Standard_DC4s_v2', minSize: 0, maxSize: 2 });
    expect(fleetProblems(f).filter((p) => p.path.startsWith(`clusters[${aks.name}].nodePools`))).toEqual([
      expect.objectContaining({ path: `clusters[${aks.name}].nodePools[sgx].machineType`, message: expect.stringContaining('Azure CNI Overlay') }),
    ]);
  });
});

/*
 * Every VM size named in stored sources (2026-11): kubernetes/autoscaler 55c37cd5
 * cluster-autoscaler/cloudprovider/azure/azure_instance_types.go (generated from Azure's resource SKUs API, 1370
 * sizes); hashicorp/terraform-provider-azurerm 69697b7f (its tests, docs and the vendored go-azure-sdk compute enum
 * VirtualMachineSizeTypes), kubernetes-sigs/cloud-provider-azure 7b31c76c, Azure/AKS 8d1c8909 (CHANGELOG) and
 * MicrosoftDocs/azure-aks-docs fb060abe: every `Standard_…` word of them but what is no VM size (storage
 * redundancy, CDN, App Service and gateway SKUs; series and quota family names such as `Standard_D_v4`,
 * `Standard_NCads_A100_v4`, `Standard_DadsV7`; azurerm's `<size>_<instance count>` examples such as
 * `Standard_D48_v3_6`; Azure Stack HCI's `Standard_K8S_v1` sizes, not Azure's; the AKS CHANGELOG's prose
 * `Standard_NC24rsv3`) and the typo `Standard_DCa4_v5` of azure-aks-docs use-cvm.md. Cases as the sources write them.
 */
const REAL_SIZES = `
  Standard_A0 Standard_A1 Standard_A10 Standard_A11 Standard_A1_V2 Standard_A1_v2 Standard_A2 Standard_A2_V2
  Standard_A2_v2 Standard_A2m_V2 Standard_A2m_v2 Standard_A3 Standard_A4 Standard_A4_V2 Standard_A4_v2
  Standard_A4m_V2 Standard_A4m_v2 Standard_A5 Standard_A6 Standard_A7 Standard_A8 Standard_A8_V2 Standard_A8_v2
  Standard_A8m_V2 Standard_A8m_v2 Standard_A9 Standard_B12ms Standard_B16als_v2 Standard_B16as_v2
  Standard_B16ls_v2 Standard_B16ms Standard_B16pls_v2 Standard_B16ps_v2 Standard_B16s_v2 Standard_B1ls
  Standard_B1ms Standard_B1s Standard_B20ms Standard_B2als_v2 Standard_B2as_v2 Standard_B2ats_v2 Standard_B2ls_v2
  Standard_B2ms Standard_B2pls_v2 Standard_B2ps_v2 Standard_B2pts_v2 Standard_B2s Standard_B2s_v2 Standard_B2ts_v2
  Standard_B32als_v2 Standard_B32as_v2 Standard_B32ls_v2 Standard_B32s_v2 Standard_B4als_v2 Standard_B4as_v2
  Standard_B4ls_v2 Standard_B4ms Standard_B4pls_v2 Standard_B4ps_v2 Standard_B4s_v2 Standard_B8als_v2
  Standard_B8as_v2 Standard_B8ls_v2 Standard_B8ms Standard_B8pls_v2 Standard_B8ps_v2 Standard_B8s_v2 Standard_D1
  Standard_D11 Standard_D11_V2 Standard_D11_v2 Standard_D11_v2_Promo Standard_D12 Standard_D128ads_v7
  Standard_D128alds_v7 Standard_D128als_v7 Standard_D128as_v7 Standard_D128ds_v6 Standard_D128lds_v6
  Standard_D128ls_v6 Standard_D128s_v6 Standard_D12_V2 Standard_D12_v2 Standard_D12_v2_Promo Standard_D13
  Standard_D13_V2 Standard_D13_v2 Standard_D13_v2_Promo Standard_D14 Standard_D14_V2 Standard_D14_v2
  Standard_D14_v2_Promo Standard_D15_v2 Standard_D160ads_v7 Standard_D160alds_v7 Standard_D160als_v7
  Standard_D160as_v7 Standard_D16_v3 Standard_D16_v4 Standard_D16_v5 Standard_D16a_V4 Standard_D16a_v4
  Standard_D16ads_V5 Standard_D16ads_v5 Standard_D16ads_v6 Standard_D16ads_v7 Standard_D16alds_v6
  Standard_D16alds_v7 Standard_D16als_v6 Standard_D16als_v7 Standard_D16as_v4 Standard_D16as_v5 Standard_D16as_v6
  Standard_D16as_v7 Standard_D16d_v4 Standard_D16d_v5 Standard_D16ds Standard_D16ds_v4 Standard_D16ds_v5
  Standard_D16ds_v6 Standard_D16lds_v5 Standard_D16lds_v6 Standard_D16ls_v5 Standard_D16ls_v6 Standard_D16pds_v5
  Standard_D16pds_v6 Standard_D16plds_v5 Standard_D16plds_v6 Standard_D16pls_v5 Standard_D16pls_v6
  Standard_D16ps_v5 Standard_D16ps_v6 Standard_D16s_v3 Standard_D16s_v4 Standard_D16s_v5 Standard_D16s_v6
  Standard_D192ds_v6 Standard_D192s_v6 Standard_D1_V2 Standard_D1_v2 Standard_D2 Standard_D2S_V3 Standard_D2S_v5
  Standard_D2_V2 Standard_D2_v2 Standard_D2_v2_Promo Standard_D2_v3 Standard_D2_v4 Standard_D2_v5 Standard_D2a_V4
  Standard_D2a_v4 Standard_D2ads_V5 Standard_D2ads_v5 Standard_D2ads_v6 Standard_D2ads_v7 Standard_D2alds_v6
  Standard_D2alds_v7 Standard_D2als_v6 Standard_D2als_v7 Standard_D2as_v4 Standard_D2as_v5 Standard_D2as_v6
  Standard_D2as_v7 Standard_D2d_v4 Standard_D2d_v5 Standard_D2ds_v4 Standard_D2ds_v5 Standard_D2ds_v6
  Standard_D2lds_v5 Standard_D2lds_v6 Standard_D2ls_v5 Standard_D2ls_v6 Standard_D2pds_v5 Standard_D2pds_v6
  Standard_D2plds_v5 Standard_D2plds_v6 Standard_D2pls_v5 Standard_D2pls_v6 Standard_D2ps_v5 Standard_D2ps_v6
  Standard_D2s_v3 Standard_D2s_v4 Standard_D2s_v5 Standard_D2s_v6 Standard_D3 Standard_D32_v3 Standard_D32_v4
  Standard_D32_v5 Standard_D32a_V4 Standard_D32a_v4 Standard_D32ads_V5 Standard_D32ads_v5 Standard_D32ads_v6
  Standard_D32ads_v7 Standard_D32alds_v6 Standard_D32alds_v7 Standard_D32als_v6 Standard_D32als_v7
  Standard_D32as_v4 Standard_D32as_v5 Standard_D32as_v6 Standard_D32as_v7 Standard_D32d_v4 Standard_D32d_v5
  Standard_D32ds_v4 Standard_D32ds_v5 Standard_D32ds_v6 Standard_D32lds_v5 Standard_D32lds_v6 Standard_D32ls_v5
  Standard_D32ls_v6 Standard_D32pds_v5 Standard_D32pds_v6 Standard_D32plds_v5 Standard_D32plds_v6
  Standard_D32pls_v5 Standard_D32pls_v6 Standard_D32ps_v5 Standard_D32ps_v6 Standard_D32s_v3 Standard_D32s_v4
  Standard_D32s_v5 Standard_D32s_v6 Standard_D3_V2 Standard_D3_v2 Standard_D3_v2_Promo Standard_D4 Standard_D48_v3
  Standard_D48_v4 Standard_D48_v5 Standard_D48a_V4 Standard_D48a_v4 Standard_D48ads_V5 Standard_D48ads_v5
  Standard_D48ads_v6 Standard_D48ads_v7 Standard_D48alds_v6 Standard_D48alds_v7 Standard_D48als_v6
  Standard_D48als_v7 Standard_D48as_v4 Standard_D48as_v5 Standard_D48as_v6 Standard_D48as_v7 Standard_D48d_v4
  Standard_D48d_v5 Standard_D48ds_v4 Standard_D48ds_v5 Standard_D48ds_v6 Standard_D48lds_v5 Standard_D48lds_v6
  Standard_D48ls_v5 Standard_D48ls_v6 Standard_D48pds_v5 Standard_D48pds_v6 Standard_D48plds_v5
  Standard_D48plds_v6 Standard_D48pls_v5 Standard_D48pls_v6 Standard_D48ps_v5 Standard_D48ps_v6 Standard_D48s_v3
  Standard_D48s_v4 Standard_D48s_v5 Standard_D48s_v6 Standard_D4_V2 Standard_D4_v2 Standard_D4_v2_Promo
  Standard_D4_v3 Standard_D4_v4 Standard_D4_v5 Standard_D4a_V4 Standard_D4a_v4 Standard_D4ads_V5 Standard_D4ads_v5
  Standard_D4ads_v6 Standard_D4ads_v7 Standard_D4alds_v6 Standard_D4alds_v7 Standard_D4als_v6 Standard_D4als_v7
  Standard_D4as_v4 Standard_D4as_v5 Standard_D4as_v6 Standard_D4as_v7 Standard_D4d_v4 Standard_D4d_v5
  Standard_D4ds_v4 Standard_D4ds_v5 Standard_D4ds_v6 Standard_D4lds_v5 Standard_D4lds_v6 Standard_D4ls_v5
  Standard_D4ls_v6 Standard_D4pds_v5 Standard_D4pds_v6 Standard_D4plds_v5 Standard_D4plds_v6 Standard_D4pls_v5
  Standard_D4pls_v6 Standard_D4ps_v5 Standard_D4ps_v6 Standard_D4s_v3 Standard_D4s_v4 Standard_D4s_v5
  Standard_D4s_v6 Standard_D5_V2 Standard_D5_v2 Standard_D5_v2_Promo Standard_D64_v3 Standard_D64_v4
  Standard_D64_v5 Standard_D64a_V4 Standard_D64a_v4 Standard_D64ads_V5 Standard_D64ads_v5 Standard_D64ads_v6
  Standard_D64ads_v7 Standard_D64alds_v6 Standard_D64alds_v7 Standard_D64als_v6 Standard_D64als_v7
  Standard_D64as_v4 Standard_D64as_v5 Standard_D64as_v6 Standard_D64as_v7 Standard_D64d_v4 Standard_D64d_v5
  Standard_D64ds_v4 Standard_D64ds_v5 Standard_D64ds_v6 Standard_D64lds_v5 Standard_D64lds_v6 Standard_D64ls_v5
  Standard_D64ls_v6 Standard_D64pds_v5 Standard_D64pds_v6 Standard_D64plds_v5 Standard_D64plds_v6
  Standard_D64pls_v5 Standard_D64pls_v6 Standard_D64ps_v5 Standard_D64ps_v6 Standard_D64s_v3 Standard_D64s_v4
  Standard_D64s_v5 Standard_D64s_v6 Standard_D8_v3 Standard_D8_v4 Standard_D8_v5 Standard_D8a_V4 Standard_D8a_v4
  Standard_D8ads_V5 Standard_D8ads_v5 Standard_D8ads_v6 Standard_D8ads_v7 Standard_D8alds_v6 Standard_D8alds_v7
  Standard_D8als_v6 Standard_D8als_v7 Standard_D8as_v4 Standard_D8as_v5 Standard_D8as_v6 Standard_D8as_v7
  Standard_D8d_v4 Standard_D8d_v5 Standard_D8ds Standard_D8ds_v4 Standard_D8ds_v5 Standard_D8ds_v6
  Standard_D8lds_v5 Standard_D8lds_v6 Standard_D8ls_v5 Standard_D8ls_v6 Standard_D8pds_v5 Standard_D8pds_v6
  Standard_D8plds_v5 Standard_D8plds_v6 Standard_D8pls_v5 Standard_D8pls_v6 Standard_D8ps_v5 Standard_D8ps_v6
  Standard_D8s_v3 Standard_D8s_v4 Standard_D8s_v5 Standard_D8s_v6 Standard_D96_v5 Standard_D96a_V4
  Standard_D96a_v4 Standard_D96ads_V5 Standard_D96ads_v5 Standard_D96ads_v6 Standard_D96ads_v7 Standard_D96alds_v6
  Standard_D96alds_v7 Standard_D96als_v6 Standard_D96als_v7 Standard_D96as_v4 Standard_D96as_v5 Standard_D96as_v6
  Standard_D96as_v7 Standard_D96d_v5 Standard_D96ds_v5 Standard_D96ds_v6 Standard_D96lds_v5 Standard_D96lds_v6
  Standard_D96ls_v5 Standard_D96ls_v6 Standard_D96pds_v6 Standard_D96plds_v6 Standard_D96pls_v6 Standard_D96ps_v6
  Standard_D96s_v5 Standard_D96s_v6 Standard_DC128eds_v6 Standard_DC128es_v6 Standard_DC16ads_cc_v5
  Standard_DC16ads_v5 Standard_DC16ads_v6 Standard_DC16as_cc_v5 Standard_DC16as_v5 Standard_DC16as_v6
  Standard_DC16ds_v3 Standard_DC16eds_v5 Standard_DC16eds_v6 Standard_DC16es_v5 Standard_DC16es_v6
  Standard_DC16s_v3 Standard_DC1ds_v3 Standard_DC1s_v2 Standard_DC1s_v3 Standard_DC24ds_v3 Standard_DC24s_v3
  Standard_DC2ads_v5 Standard_DC2ads_v6 Standard_DC2as_v5 Standard_DC2as_v6 Standard_DC2ds_v3 Standard_DC2eds_v5
  Standard_DC2eds_v6 Standard_DC2es_v5 Standard_DC2es_v6 Standard_DC2s_v2 Standard_DC2s_v3 Standard_DC32ads_cc_v5
  Standard_DC32ads_v5 Standard_DC32ads_v6 Standard_DC32as_cc_v5 Standard_DC32as_v5 Standard_DC32as_v6
  Standard_DC32ds_v3 Standard_DC32eds_v5 Standard_DC32eds_v6 Standard_DC32es_v5 Standard_DC32es_v6
  Standard_DC32s_v3 Standard_DC48ads_cc_v5 Standard_DC48ads_v5 Standard_DC48ads_v6 Standard_DC48as_cc_v5
  Standard_DC48as_v5 Standard_DC48as_v6 Standard_DC48ds_v3 Standard_DC48eds_v5 Standard_DC48eds_v6
  Standard_DC48es_v5 Standard_DC48es_v6 Standard_DC48s_v3 Standard_DC4ads_cc_v5 Standard_DC4ads_v5
  Standard_DC4ads_v6 Standard_DC4as_cc_v5 Standard_DC4as_v5 Standard_DC4as_v6 Standard_DC4ds_v3 Standard_DC4eds_v5
  Standard_DC4eds_v6 Standard_DC4es_v5 Standard_DC4es_v6 Standard_DC4s_v2 Standard_DC4s_v3 Standard_DC64ads_cc_v5
  Standard_DC64ads_v5 Standard_DC64ads_v6 Standard_DC64as_cc_v5 Standard_DC64as_v5 Standard_DC64as_v6
  Standard_DC64eds_v5 Standard_DC64eds_v6 Standard_DC64es_v5 Standard_DC64es_v6 Standard_DC8_v2
  Standard_DC8ads_cc_v5 Standard_DC8ads_v5 Standard_DC8ads_v6 Standard_DC8as_cc_v5 Standard_DC8as_v5
  Standard_DC8as_v6 Standard_DC8ds_v3 Standard_DC8eds_v5 Standard_DC8eds_v6 Standard_DC8es_v5 Standard_DC8es_v6
  Standard_DC8s_v3 Standard_DC96ads_cc_v5 Standard_DC96ads_v5 Standard_DC96ads_v6 Standard_DC96as_cc_v5
  Standard_DC96as_v5 Standard_DC96as_v6 Standard_DC96eds_v5 Standard_DC96eds_v6 Standard_DC96es_v5
  Standard_DC96es_v6 Standard_DS1 Standard_DS11 Standard_DS11-1_v2 Standard_DS11_V2 Standard_DS11_v2
  Standard_DS11_v2_Promo Standard_DS12 Standard_DS12-1_v2 Standard_DS12-2_v2 Standard_DS12_V2 Standard_DS12_v2
  Standard_DS12_v2_Promo Standard_DS13 Standard_DS13-2_v2 Standard_DS13-4_v2 Standard_DS13_V2 Standard_DS13_v2
  Standard_DS13_v2_Promo Standard_DS14 Standard_DS14-4_v2 Standard_DS14-8_v2 Standard_DS14_V2 Standard_DS14_v2
  Standard_DS14_v2_Promo Standard_DS15_v2 Standard_DS1_V2 Standard_DS1_v2 Standard_DS2 Standard_DS2_V2
  Standard_DS2_v2 Standard_DS2_v2_Promo Standard_DS2_v4 Standard_DS3 Standard_DS3_V2 Standard_DS3_v2
  Standard_DS3_v2_Promo Standard_DS4 Standard_DS4_V2 Standard_DS4_v2 Standard_DS4_v2_Promo Standard_DS5_V2
  Standard_DS5_v2 Standard_DS5_v2_Promo Standard_Ds3_v2 Standard_E104i_v5 Standard_E104id_v5 Standard_E104ids_v5
  Standard_E104is_v5 Standard_E112iads_v5 Standard_E112ias_v5 Standard_E112ibds_v5 Standard_E112ibs_v5
  Standard_E128-32ads_v7 Standard_E128-32as_v7 Standard_E128-32ds_v6 Standard_E128-32s_v6 Standard_E128-64ads_v7
  Standard_E128-64as_v7 Standard_E128-64ds_v6 Standard_E128-64s_v6 Standard_E128ads_v7 Standard_E128as_v7
  Standard_E128ds_v6 Standard_E128s_v6 Standard_E16-4ads_v5 Standard_E16-4ads_v7 Standard_E16-4as_v4
  Standard_E16-4as_v5 Standard_E16-4as_v7 Standard_E16-4ds_v4 Standard_E16-4ds_v5 Standard_E16-4ds_v6
  Standard_E16-4s_v3 Standard_E16-4s_v4 Standard_E16-4s_v5 Standard_E16-4s_v6 Standard_E16-8ads_v5
  Standard_E16-8ads_v7 Standard_E16-8as_v4 Standard_E16-8as_v5 Standard_E16-8as_v7 Standard_E16-8ds_v4
  Standard_E16-8ds_v5 Standard_E16-8ds_v6 Standard_E16-8s_v3 Standard_E16-8s_v4 Standard_E16-8s_v5
  Standard_E16-8s_v6 Standard_E160ads_v7 Standard_E160as_v7 Standard_E16_V3 Standard_E16_v3 Standard_E16_v4
  Standard_E16_v5 Standard_E16a_V4 Standard_E16a_v4 Standard_E16ads_V5 Standard_E16ads_v5 Standard_E16ads_v6
  Standard_E16ads_v7 Standard_E16as_v4 Standard_E16as_v5 Standard_E16as_v6 Standard_E16as_v7 Standard_E16bds_v5
  Standard_E16bs_v5 Standard_E16d_v4 Standard_E16d_v5 Standard_E16ds Standard_E16ds_v4 Standard_E16ds_v5
  Standard_E16ds_v6 Standard_E16pds_v5 Standard_E16pds_v6 Standard_E16ps_v5 Standard_E16ps_v6 Standard_E16s_V3
  Standard_E16s_v3 Standard_E16s_v4 Standard_E16s_v5 Standard_E16s_v6 Standard_E192ids_v6 Standard_E192is_v6
  Standard_E20_V3 Standard_E20_v3 Standard_E20_v4 Standard_E20_v5 Standard_E20a_V4 Standard_E20a_v4
  Standard_E20ads_V5 Standard_E20ads_v5 Standard_E20ads_v6 Standard_E20as_v4 Standard_E20as_v5 Standard_E20as_v6
  Standard_E20d_v4 Standard_E20d_v5 Standard_E20ds_v4 Standard_E20ds_v5 Standard_E20ds_v6 Standard_E20pds_v5
  Standard_E20ps_v5 Standard_E20s_V3 Standard_E20s_v3 Standard_E20s_v4 Standard_E20s_v5 Standard_E20s_v6
  Standard_E2_V3 Standard_E2_v3 Standard_E2_v4 Standard_E2_v5 Standard_E2a_V4 Standard_E2a_v4 Standard_E2ads_V5
  Standard_E2ads_v5 Standard_E2ads_v6 Standard_E2ads_v7 Standard_E2as_v4 Standard_E2as_v5 Standard_E2as_v6
  Standard_E2as_v7 Standard_E2bds_v5 Standard_E2bs_v5 Standard_E2d_v4 Standard_E2d_v5 Standard_E2ds_v4
  Standard_E2ds_v5 Standard_E2ds_v6 Standard_E2pds_v5 Standard_E2pds_v6 Standard_E2ps_v5 Standard_E2ps_v6
  Standard_E2s_V3 Standard_E2s_v3 Standard_E2s_v4 Standard_E2s_v5 Standard_E2s_v6 Standard_E32-16_v3
  Standard_E32-16ads_v5 Standard_E32-16ads_v7 Standard_E32-16as_v4 Standard_E32-16as_v5 Standard_E32-16as_v7
  Standard_E32-16ds_v4 Standard_E32-16ds_v5 Standard_E32-16ds_v6 Standard_E32-16s_v3 Standard_E32-16s_v4
  Standard_E32-16s_v5 Standard_E32-16s_v6 Standard_E32-8ads_v5 Standard_E32-8ads_v7 Standard_E32-8as_v4
  Standard_E32-8as_v5 Standard_E32-8as_v7 Standard_E32-8ds_v4 Standard_E32-8ds_v5 Standard_E32-8ds_v6
  Standard_E32-8s_v3 Standard_E32-8s_v4 Standard_E32-8s_v5 Standard_E32-8s_v6 Standard_E32_V3 Standard_E32_v3
  Standard_E32_v4 Standard_E32_v5 Standard_E32a_V4 Standard_E32a_v4 Standard_E32ads_V5 Standard_E32ads_v5
  Standard_E32ads_v6 Standard_E32ads_v7 Standard_E32as_v4 Standard_E32as_v5 Standard_E32as_v6 Standard_E32as_v7
  Standard_E32bds_v5 Standard_E32bs_v5 Standard_E32d_v4 Standard_E32d_v5 Standard_E32ds_v4 Standard_E32ds_v5
  Standard_E32ds_v6 Standard_E32pds_v5 Standard_E32pds_v6 Standard_E32ps_v5 Standard_E32ps_v6 Standard_E32s_V3
  Standard_E32s_v3 Standard_E32s_v4 Standard_E32s_v5 Standard_E32s_v6 Standard_E4-2ads_v5 Standard_E4-2ads_v7
  Standard_E4-2as_v4 Standard_E4-2as_v5 Standard_E4-2as_v7 Standard_E4-2ds_v4 Standard_E4-2ds_v5
  Standard_E4-2ds_v6 Standard_E4-2s_v3 Standard_E4-2s_v4 Standard_E4-2s_v5 Standard_E4-2s_v6 Standard_E48_v3
  Standard_E48_v4 Standard_E48_v5 Standard_E48a_V4 Standard_E48a_v4 Standard_E48ads_V5 Standard_E48ads_v5
  Standard_E48ads_v6 Standard_E48ads_v7 Standard_E48as_v4 Standard_E48as_v5 Standard_E48as_v6 Standard_E48as_v7
  Standard_E48bds_v5 Standard_E48bs_v5 Standard_E48d_v4 Standard_E48d_v5 Standard_E48ds_v4 Standard_E48ds_v5
  Standard_E48ds_v6 Standard_E48pds_v6 Standard_E48ps_v6 Standard_E48s_v3 Standard_E48s_v4 Standard_E48s_v5
  Standard_E48s_v6 Standard_E4_V3 Standard_E4_v3 Standard_E4_v4 Standard_E4_v5 Standard_E4a_V4 Standard_E4a_v4
  Standard_E4ads_V5 Standard_E4ads_v5 Standard_E4ads_v6 Standard_E4ads_v7 Standard_E4as_v4 Standard_E4as_v5
  Standard_E4as_v6 Standard_E4as_v7 Standard_E4bds_v5 Standard_E4bs_v5 Standard_E4d_v4 Standard_E4d_v5
  Standard_E4ds_v4 Standard_E4ds_v5 Standard_E4ds_v6 Standard_E4pds_v5 Standard_E4pds_v6 Standard_E4ps_v5
  Standard_E4ps_v6 Standard_E4s_V3 Standard_E4s_v3 Standard_E4s_v4 Standard_E4s_v5 Standard_E4s_v6
  Standard_E64-16ads_v5 Standard_E64-16ads_v7 Standard_E64-16as_v4 Standard_E64-16as_v5 Standard_E64-16as_v7
  Standard_E64-16ds_v4 Standard_E64-16ds_v5 Standard_E64-16ds_v6 Standard_E64-16s_v3 Standard_E64-16s_v4
  Standard_E64-16s_v5 Standard_E64-16s_v6 Standard_E64-32ads_v5 Standard_E64-32ads_v7 Standard_E64-32as_v4
  Standard_E64-32as_v5 Standard_E64-32as_v7 Standard_E64-32ds_v4 Standard_E64-32ds_v5 Standard_E64-32ds_v6
  Standard_E64-32s_v3 Standard_E64-32s_v4 Standard_E64-32s_v5 Standard_E64-32s_v6 Standard_E64_V3 Standard_E64_v3
  Standard_E64_v4 Standard_E64_v5 Standard_E64a_V4 Standard_E64a_v4 Standard_E64ads_V5 Standard_E64ads_v5
  Standard_E64ads_v6 Standard_E64ads_v7 Standard_E64as_v4 Standard_E64as_v5 Standard_E64as_v6 Standard_E64as_v7
  Standard_E64bds_v5 Standard_E64bs_v5 Standard_E64d_v4 Standard_E64d_v5 Standard_E64ds_v4 Standard_E64ds_v5
  Standard_E64ds_v6 Standard_E64i_V3 Standard_E64i_v3 Standard_E64is_V3 Standard_E64is_v3 Standard_E64pds_v6
  Standard_E64ps_v6 Standard_E64s_V3 Standard_E64s_v3 Standard_E64s_v4 Standard_E64s_v5 Standard_E64s_v6
  Standard_E8-2ads_v5 Standard_E8-2ads_v7 Standard_E8-2as_v4 Standard_E8-2as_v5 Standard_E8-2as_v7
  Standard_E8-2ds_v4 Standard_E8-2ds_v5 Standard_E8-2ds_v6 Standard_E8-2s_v3 Standard_E8-2s_v4 Standard_E8-2s_v5
  Standard_E8-2s_v6 Standard_E8-4ads_v5 Standard_E8-4ads_v7 Standard_E8-4as_v4 Standard_E8-4as_v5
  Standard_E8-4as_v7 Standard_E8-4ds_v4 Standard_E8-4ds_v5 Standard_E8-4ds_v6 Standard_E8-4s_v3 Standard_E8-4s_v4
  Standard_E8-4s_v5 Standard_E8-4s_v6 Standard_E80ids_v4 Standard_E80is_v4 Standard_E8_V3 Standard_E8_v3
  Standard_E8_v4 Standard_E8_v5 Standard_E8a_V4 Standard_E8a_v4 Standard_E8ads_V5 Standard_E8ads_v5
  Standard_E8ads_v6 Standard_E8ads_v7 Standard_E8as_v4 Standard_E8as_v5 Standard_E8as_v6 Standard_E8as_v7
  Standard_E8bds_v5 Standard_E8bs_v5 Standard_E8d_v4 Standard_E8d_v5 Standard_E8ds_v4 Standard_E8ds_v5
  Standard_E8ds_v6 Standard_E8pds_v5 Standard_E8pds_v6 Standard_E8ps_v5 Standard_E8ps_v6 Standard_E8s_V3
  Standard_E8s_v3 Standard_E8s_v4 Standard_E8s_v5 Standard_E8s_v6 Standard_E96-24ads_v5 Standard_E96-24ads_v6
  Standard_E96-24ads_v7 Standard_E96-24as_v4 Standard_E96-24as_v5 Standard_E96-24as_v7 Standard_E96-24ds_v5
  Standard_E96-24ds_v6 Standard_E96-24s_v5 Standard_E96-24s_v6 Standard_E96-48ads_v5 Standard_E96-48ads_v6
  Standard_E96-48ads_v7 Standard_E96-48as_v4 Standard_E96-48as_v5 Standard_E96-48as_v7 Standard_E96-48ds_v5
  Standard_E96-48ds_v6 Standard_E96-48s_v5 Standard_E96-48s_v6 Standard_E96_v5 Standard_E96a_V4 Standard_E96a_v4
  Standard_E96ads_V5 Standard_E96ads_v5 Standard_E96ads_v6 Standard_E96ads_v7 Standard_E96as_v4 Standard_E96as_v5
  Standard_E96as_v6 Standard_E96as_v7 Standard_E96bds_v5 Standard_E96bs_v5 Standard_E96d_v5 Standard_E96ds_v5
  Standard_E96ds_v6 Standard_E96ias_v4 Standard_E96pds_v6 Standard_E96ps_v6 Standard_E96s_v5 Standard_E96s_v6
  Standard_EC128eds_v5 Standard_EC128es_v5 Standard_EC128ieds_v5 Standard_EC128ies_v5 Standard_EC16ads_cc_v5
  Standard_EC16ads_v5 Standard_EC16ads_v6 Standard_EC16as_cc_v5 Standard_EC16as_v5 Standard_EC16as_v6
  Standard_EC16eds_v5 Standard_EC16eds_v6 Standard_EC16es_v5 Standard_EC16es_v6 Standard_EC20ads_cc_v5
  Standard_EC20ads_v5 Standard_EC20as_cc_v5 Standard_EC20as_v5 Standard_EC2ads_v5 Standard_EC2ads_v6
  Standard_EC2as_v5 Standard_EC2as_v6 Standard_EC2eds_v5 Standard_EC2eds_v6 Standard_EC2es_v5 Standard_EC2es_v6
  Standard_EC32ads_cc_v5 Standard_EC32ads_v5 Standard_EC32ads_v6 Standard_EC32as_cc_v5 Standard_EC32as_v5
  Standard_EC32as_v6 Standard_EC32eds_v5 Standard_EC32eds_v6 Standard_EC32es_v5 Standard_EC32es_v6
  Standard_EC48ads_cc_v5 Standard_EC48ads_v5 Standard_EC48ads_v6 Standard_EC48as_cc_v5 Standard_EC48as_v5
  Standard_EC48as_v6 Standard_EC48eds_v5 Standard_EC48eds_v6 Standard_EC48es_v5 Standard_EC48es_v6
  Standard_EC4ads_cc_v5 Standard_EC4ads_v5 Standard_EC4ads_v6 Standard_EC4as_cc_v5 Standard_EC4as_v5
  Standard_EC4as_v6 Standard_EC4eds_v5 Standard_EC4eds_v6 Standard_EC4es_v5 Standard_EC4es_v6
  Standard_EC64ads_cc_v5 Standard_EC64ads_v5 Standard_EC64ads_v6 Standard_EC64as_cc_v5 Standard_EC64as_v5
  Standard_EC64as_v6 Standard_EC64eds_v5 Standard_EC64eds_v6 Standard_EC64es_v5 Standard_EC64es_v6
  Standard_EC8ads_cc_v5 Standard_EC8ads_v5 Standard_EC8ads_v6 Standard_EC8as_cc_v5 Standard_EC8as_v5
  Standard_EC8as_v6 Standard_EC8eds_v5 Standard_EC8eds_v6 Standard_EC8es_v5 Standard_EC8es_v6
  Standard_EC96ads_cc_v5 Standard_EC96ads_v5 Standard_EC96ads_v6 Standard_EC96as_cc_v5 Standard_EC96as_v5
  Standard_EC96as_v6 Standard_EC96iads_v5 Standard_EC96ias_v5 Standard_F1 Standard_F16 Standard_F16-4amds_v7
  Standard_F16-4ams_v7 Standard_F16-8amds_v7 Standard_F16-8ams_v7 Standard_F16ads_v7 Standard_F16alds_v7
  Standard_F16als_v6 Standard_F16als_v7 Standard_F16amds_v7 Standard_F16ams_v6 Standard_F16ams_v7
  Standard_F16as_v6 Standard_F16as_v7 Standard_F16s Standard_F16s_V2 Standard_F16s_v2 Standard_F1ads_v7
  Standard_F1alds_v7 Standard_F1als_v7 Standard_F1amds_v7 Standard_F1ams_v7 Standard_F1as_v7 Standard_F1s
  Standard_F2 Standard_F2-1amds_v7 Standard_F2-1ams_v7 Standard_F2ads_v7 Standard_F2alds_v7 Standard_F2als_v6
  Standard_F2als_v7 Standard_F2amds_v7 Standard_F2ams_v6 Standard_F2ams_v7 Standard_F2as_v6 Standard_F2as_v7
  Standard_F2s Standard_F2s_V2 Standard_F2s_v2 Standard_F32-16amds_v7 Standard_F32-16ams_v7 Standard_F32-8amds_v7
  Standard_F32-8ams_v7 Standard_F32ads_v7 Standard_F32alds_v7 Standard_F32als_v6 Standard_F32als_v7
  Standard_F32amds_v7 Standard_F32ams_v6 Standard_F32ams_v7 Standard_F32as_v6 Standard_F32as_v7 Standard_F32s_V2
  Standard_F32s_v2 Standard_F4 Standard_F4-1amds_v7 Standard_F4-1ams_v7 Standard_F4-2amds_v7 Standard_F4-2ams_v7
  Standard_F48ads_v7 Standard_F48alds_v7 Standard_F48als_v6 Standard_F48als_v7 Standard_F48amds_v7
  Standard_F48ams_v6 Standard_F48ams_v7 Standard_F48as_v6 Standard_F48as_v7 Standard_F48s_v2 Standard_F4ads_v7
  Standard_F4alds_v7 Standard_F4als_v6 Standard_F4als_v7 Standard_F4amds_v7 Standard_F4ams_v6 Standard_F4ams_v7
  Standard_F4as_v6 Standard_F4as_v7 Standard_F4s Standard_F4s_V2 Standard_F4s_v2 Standard_F64-16amds_v7
  Standard_F64-16ams_v7 Standard_F64-32amds_v7 Standard_F64-32ams_v7 Standard_F64ads_v7 Standard_F64alds_v7
  Standard_F64als_v6 Standard_F64als_v7 Standard_F64amds_v7 Standard_F64ams_v6 Standard_F64ams_v7
  Standard_F64as_v6 Standard_F64as_v7 Standard_F64s_V2 Standard_F64s_v2 Standard_F72s_V2 Standard_F72s_v2
  Standard_F8 Standard_F8-2amds_v7 Standard_F8-2ams_v7 Standard_F8-4amds_v7 Standard_F8-4ams_v7 Standard_F80ads_v7
  Standard_F80alds_v7 Standard_F80als_v7 Standard_F80amds_v7 Standard_F80ams_v7 Standard_F80as_v7
  Standard_F8ads_v7 Standard_F8alds_v7 Standard_F8als_v6 Standard_F8als_v7 Standard_F8amds_v7 Standard_F8ams_v6
  Standard_F8ams_v7 Standard_F8as_v6 Standard_F8as_v7 Standard_F8s Standard_F8s_V2 Standard_F8s_v2
  Standard_FX12-6mds_v2 Standard_FX12-6ms_v2 Standard_FX12mds Standard_FX12mds_v2 Standard_FX12ms_v2
  Standard_FX16-4mds_v2 Standard_FX16-4ms_v2 Standard_FX16-8mds_v2 Standard_FX16-8ms_v2 Standard_FX16mds_v2
  Standard_FX16ms_v2 Standard_FX24-12mds_v2 Standard_FX24-12ms_v2 Standard_FX24-6mds_v2 Standard_FX24-6ms_v2
  Standard_FX24mds Standard_FX24mds_v2 Standard_FX24ms_v2 Standard_FX2mds_v2 Standard_FX2ms_v2
  Standard_FX32-16mds_v2 Standard_FX32-16ms_v2 Standard_FX32-8mds_v2 Standard_FX32-8ms_v2 Standard_FX32mds_v2
  Standard_FX32ms_v2 Standard_FX36mds Standard_FX4-2mds_v2 Standard_FX4-2ms_v2 Standard_FX48-12mds_v2
  Standard_FX48-12ms_v2 Standard_FX48-24mds_v2 Standard_FX48-24ms_v2 Standard_FX48mds Standard_FX48mds_v2
  Standard_FX48ms_v2 Standard_FX4mds Standard_FX4mds_v2 Standard_FX4ms_v2 Standard_FX64-16mds_v2
  Standard_FX64-16ms_v2 Standard_FX64-32mds_v2 Standard_FX64-32ms_v2 Standard_FX64mds_v2 Standard_FX64ms_v2
  Standard_FX8-2mds_v2 Standard_FX8-2ms_v2 Standard_FX8-4mds_v2 Standard_FX8-4ms_v2 Standard_FX8mds_v2
  Standard_FX8ms_v2 Standard_FX96-24mds_v2 Standard_FX96-24ms_v2 Standard_FX96-48mds_v2 Standard_FX96-48ms_v2
  Standard_FX96mds_v2 Standard_FX96ms_v2 Standard_G1 Standard_G2 Standard_G3 Standard_G4 Standard_G5 Standard_GS1
  Standard_GS2 Standard_GS3 Standard_GS4 Standard_GS4-4 Standard_GS4-8 Standard_GS5 Standard_GS5-16 Standard_GS5-8
  Standard_H16 Standard_H16m Standard_H16mr Standard_H16r Standard_H8 Standard_H8m Standard_HB120
  Standard_HB120-16rs_v2 Standard_HB120-16rs_v3 Standard_HB120-32rs_v2 Standard_HB120-32rs_v3
  Standard_HB120-64rs_v2 Standard_HB120-64rs_v3 Standard_HB120-96rs_v2 Standard_HB120-96rs_v3 Standard_HB120rs_v2
  Standard_HB120rs_v3 Standard_HB176-144rs_v4 Standard_HB176-24rs_v4 Standard_HB176-48rs_v4 Standard_HB176-96rs_v4
  Standard_HB176rs_v4 Standard_HB368-144rs_v5 Standard_HB368-192rs_v5 Standard_HB368-240rs_v5
  Standard_HB368-288rs_v5 Standard_HB368-336rs_v5 Standard_HB368-48rs_v5 Standard_HB368-96rs_v5
  Standard_HB368rs_v5 Standard_HC44-16rs Standard_HC44-32rs Standard_HC44rs Standard_HX176-144rs
  Standard_HX176-24rs Standard_HX176-48rs Standard_HX176-96rs Standard_HX176rs Standard_L12aos_v4
  Standard_L16aos_v4 Standard_L16as_v3 Standard_L16as_v4 Standard_L16s Standard_L16s_v2 Standard_L16s_v3
  Standard_L16s_v4 Standard_L24aos_v4 Standard_L2aos_v4 Standard_L2as_v4 Standard_L2s_v4 Standard_L32aos_v4
  Standard_L32as_v3 Standard_L32as_v4 Standard_L32s Standard_L32s_v2 Standard_L32s_v3 Standard_L32s_v4
  Standard_L48as_v3 Standard_L48as_v4 Standard_L48s_v2 Standard_L48s_v3 Standard_L48s_v4 Standard_L4aos_v4
  Standard_L4as_v4 Standard_L4s Standard_L4s_v4 Standard_L64as_v3 Standard_L64as_v4 Standard_L64s_v2
  Standard_L64s_v3 Standard_L64s_v4 Standard_L80as_v3 Standard_L80as_v4 Standard_L80s_v2 Standard_L80s_v3
  Standard_L80s_v4 Standard_L8aos_v4 Standard_L8as_v3 Standard_L8as_v4 Standard_L8s Standard_L8s_v2
  Standard_L8s_v3 Standard_L8s_v4 Standard_L96as_v4 Standard_L96s_v4 Standard_M128 Standard_M128-32ms
  Standard_M128-64bds_3_v3 Standard_M128-64bds_v3 Standard_M128-64bs_v3 Standard_M128-64ms Standard_M128bds_3_v3
  Standard_M128bds_v3 Standard_M128bs_v3 Standard_M128dms_v2 Standard_M128ds_v2 Standard_M128m Standard_M128ms
  Standard_M128ms_v2 Standard_M128s Standard_M128s_v2 Standard_M12ds_v3 Standard_M12s_v3 Standard_M16-4ms
  Standard_M16-8ms Standard_M16bds_v3 Standard_M16bs_v3 Standard_M16ms Standard_M176-88bds_4_v3
  Standard_M176-88bds_v3 Standard_M176-88bs_v3 Standard_M176bds_4_v3 Standard_M176bds_v3 Standard_M176bs_v3
  Standard_M176ds_3_v3 Standard_M176ds_4_v3 Standard_M176s_3_v3 Standard_M176s_4_v3 Standard_M192idms_v2
  Standard_M192ids_v2 Standard_M192ims_v2 Standard_M192is_v2 Standard_M208ms_v2 Standard_M208s_v2
  Standard_M24ds_v3 Standard_M24s_v3 Standard_M32-16ms Standard_M32-8ms Standard_M32bds_v3 Standard_M32bs_v3
  Standard_M32dms_v2 Standard_M32ls Standard_M32ms Standard_M32ms_v2 Standard_M32ts Standard_M416-208ms_v2
  Standard_M416-208s_v2 Standard_M416bs_v3 Standard_M416ds_6_v3 Standard_M416ds_8_v3 Standard_M416ms_v2
  Standard_M416s_10_v2 Standard_M416s_6_v3 Standard_M416s_8_v2 Standard_M416s_8_v3 Standard_M416s_9_v2
  Standard_M416s_v2 Standard_M48bds_v3 Standard_M48bs_v3 Standard_M48ds_1_v3 Standard_M48s_1_v3
  Standard_M624ds_12_v3 Standard_M624s_12_v3 Standard_M64 Standard_M64-16ms Standard_M64-32bds_1_v3
  Standard_M64-32ms Standard_M64bds_1_v3 Standard_M64bds_v3 Standard_M64bs_v3 Standard_M64dms_v2 Standard_M64ds_v2
  Standard_M64ls Standard_M64m Standard_M64ms Standard_M64ms_v2 Standard_M64s Standard_M64s_v2 Standard_M8-2ms
  Standard_M8-4ms Standard_M832ds_12_v3 Standard_M832ids_16_v3 Standard_M832is_16_v3 Standard_M832s_12_v3
  Standard_M8ms Standard_M96-48bds_2_v3 Standard_M96bds_2_v3 Standard_M96bds_v3 Standard_M96bs_v3
  Standard_M96ds_1_v3 Standard_M96ds_2_v3 Standard_M96s_1_v3 Standard_M96s_2_v3 Standard_NC12 Standard_NC12s_v2
  Standard_NC12s_v3 Standard_NC13 Standard_NC16ads_A10_v4 Standard_NC16as_T4_v3 Standard_NC20 Standard_NC24
  Standard_NC24ads_A100_v4 Standard_NC24r Standard_NC24rs_v2 Standard_NC24rs_v3 Standard_NC24s_v2
  Standard_NC24s_v3 Standard_NC32ads_A10_v4 Standard_NC40ads_H100_v5 Standard_NC40ads_H200_v6
  Standard_NC48ads_A100_v4 Standard_NC4as_T4_v3 Standard_NC6 Standard_NC64as_T4_v3 Standard_NC6s_v2
  Standard_NC6s_v3 Standard_NC80adis_H100_v5 Standard_NC80ads_H100_v5 Standard_NC8ads_A10_v4 Standard_NC8as_T4_v3
  Standard_NC96ads_A100_v4 Standard_NCC40ads_H100_v5 Standard_ND12s Standard_ND24rs Standard_ND24s
  Standard_ND40rs_v2 Standard_ND40s_v3 Standard_ND6s Standard_ND96amsr_A100_v4 Standard_ND96as Standard_ND96asr_v4
  Standard_ND96is_MI300X_v5 Standard_ND96isr_H100_v5 Standard_ND96isr_H200_v5 Standard_ND96isr_MI300X_v5
  Standard_NG16ads_V620_v1 Standard_NG32adms_V620_v1 Standard_NG32ads_V620_v1 Standard_NG8ads_V620_v1
  Standard_NK12 Standard_NK6 Standard_NP10s Standard_NP20s Standard_NP40s Standard_NV12 Standard_NV12_Promo
  Standard_NV12ads_A10_v5 Standard_NV12ads_V710_v5 Standard_NV12s_v2 Standard_NV12s_v3 Standard_NV16as_v4
  Standard_NV18ads_A10_v5 Standard_NV24 Standard_NV24_Promo Standard_NV24ads_V710_v5 Standard_NV24s_v2
  Standard_NV24s_v3 Standard_NV28adms_V710_v5 Standard_NV32as_v4 Standard_NV36adms_A10_v5 Standard_NV36ads_A10_v5
  Standard_NV48s_v3 Standard_NV4ads_V710_v5 Standard_NV4as_v4 Standard_NV6 Standard_NV6ads_A10_v5 Standard_NV6s_v2
  Standard_NV72ads_A10_v5 Standard_NV8ads_V710_v5 Standard_NV8as_v4 Standard_a2_v2 Standard_nc24ads_A100_v4
`.trim().split(/\s+/);

/*
 * The sizes of microsoft/aspire 59d405ff src/Aspire.Hosting.Azure.Kubernetes/AksNodeVmSizes.Generated.cs (generated by its
 * tools/GenVmSizes.cs from the Microsoft.Compute/skus API of every region, less sizes under 2 vCPUs or 2 GB and Basic
 * ones: 1480) that the sources above do not name (134): the D v7, Dn v6 and NC RTX PRO 6000 BSE v6 series among them.
 */
const SKU_API_SIZES = `
  Standard_D128ds_v7 Standard_D128lds_v7 Standard_D128ls_v7 Standard_D128nds_v6 Standard_D128nlds_v6
  Standard_D128nls_v6 Standard_D128ns_v6 Standard_D128s_v7 Standard_D16ds_v7 Standard_D16lds_v7 Standard_D16ls_v7
  Standard_D16nds_v6 Standard_D16nlds_v6 Standard_D16nls_v6 Standard_D16ns_v6 Standard_D16s_v7 Standard_D192ds_v7
  Standard_D192lds_v7 Standard_D192ls_v7 Standard_D192s_v7 Standard_D2ds_v7 Standard_D2lds_v7 Standard_D2ls_v7
  Standard_D2nds_v6 Standard_D2nlds_v6 Standard_D2nls_v6 Standard_D2ns_v6 Standard_D2s_v7 Standard_D32ds_v7
  Standard_D32lds_v7 Standard_D32ls_v7 Standard_D32nds_v6 Standard_D32nlds_v6 Standard_D32nls_v6 Standard_D32ns_v6
  Standard_D32s_v7 Standard_D48ds_v7 Standard_D48lds_v7 Standard_D48ls_v7 Standard_D48nds_v6 Standard_D48nlds_v6
  Standard_D48nls_v6 Standard_D48ns_v6 Standard_D48s_v7 Standard_D4ds_v7 Standard_D4lds_v7 Standard_D4ls_v7
  Standard_D4nds_v6 Standard_D4nlds_v6 Standard_D4nls_v6 Standard_D4ns_v6 Standard_D4s_v7 Standard_D64ds_v7
  Standard_D64lds_v7 Standard_D64ls_v7 Standard_D64nds_v6 Standard_D64nlds_v6 Standard_D64nls_v6 Standard_D64ns_v6
  Standard_D64s_v7 Standard_D8ds_v7 Standard_D8lds_v7 Standard_D8ls_v7 Standard_D8nds_v6 Standard_D8nlds_v6
  Standard_D8nls_v6 Standard_D8ns_v6 Standard_D8s_v7 Standard_D96ds_v7 Standard_D96lds_v7 Standard_D96ls_v7
  Standard_D96nds_v6 Standard_D96nlds_v6 Standard_D96nls_v6 Standard_D96ns_v6 Standard_D96s_v7 Standard_E128ds_v7
  Standard_E128nds_v6 Standard_E128ns_v6 Standard_E128s_v7 Standard_E16ds_v7 Standard_E16nds_v6 Standard_E16ns_v6
  Standard_E16s_v7 Standard_E192ds_v7 Standard_E192s_v7 Standard_E20ds_v7 Standard_E20s_v7 Standard_E2ds_v7
  Standard_E2nds_v6 Standard_E2ns_v6 Standard_E2s_v7 Standard_E32ds_v7 Standard_E32nds_v6 Standard_E32ns_v6
  Standard_E32s_v7 Standard_E48ds_v7 Standard_E48nds_v6 Standard_E48ns_v6 Standard_E48s_v7 Standard_E4ds_v7
  Standard_E4nds_v6 Standard_E4ns_v6 Standard_E4s_v7 Standard_E64ds_v7 Standard_E64nds_v6 Standard_E64ns_v6
  Standard_E64s_v7 Standard_E8ds_v7 Standard_E8nds_v6 Standard_E8ns_v6 Standard_E8s_v7 Standard_E96ds_v7
  Standard_E96nds_v6 Standard_E96ns_v6 Standard_E96s_v7 Standard_M416ds_10_v3 Standard_M416ds_12_v3
  Standard_M416ds_9_v3 Standard_M416s_10_v3 Standard_M416s_12_v3 Standard_M416s_9_v3
  Standard_NC144ds_xl_RTXPRO6000BSE_v6 Standard_NC144lds_xl_RTXPRO6000BSE_v6 Standard_NC24lds_xl_RTXPRO6000BSE_v6
  Standard_NC288ds_xl_RTXPRO6000BSE_v6 Standard_NC288lds_xl_RTXPRO6000BSE_v6 Standard_NC36ds_xl_RTXPRO6000BSE_v6
  Standard_NC36lds_xl_RTXPRO6000BSE_v6 Standard_NC72ds_xl_RTXPRO6000BSE_v6 Standard_NC72lds_xl_RTXPRO6000BSE_v6
  Standard_ND128isr_GB300_v6 Standard_ND128isr_NDR_GB200_v6 Standard_PB6s
`.trim().split(/\s+/);

describe('Azure VM size names (Azure\'s naming convention)', () => {
  test('accepts every size named in the stored sources, and newer shapes: memory capacity, two accelerators, Promo', () => {
    const newer = ['Standard_M416s_8_v2', 'Standard_M896ixds_32_v3', 'Standard_ND128isr_NDR_GB200_v6', 'Standard_NG32ads_V620_v1', 'Standard_NV4ads_V710_v5', 'Standard_DS2_v2_Promo', 'Standard_HB176-144rs_v4', 'Standard_NCC40ads_H100_v5', 'Standard_D2alds_v6', 'Standard_FX48mds'];
    expect([...REAL_SIZES, ...newer].filter((size) => !AZURE_VM_SIZE.test(size))).toEqual([]);
    expect(REAL_SIZES.length).toBeGreaterThan(1400);
  });

  test('accepts every size of Azure\'s SKU API that aspire lists and the other sources do not: NC RTX PRO 6000 BSE v6 (_xl_RTXPRO6000BSE_v6), D v7, Dn v6', () => {
    expect(SKU_API_SIZES.filter((size) => !AZURE_VM_SIZE.test(size))).toEqual([]);
    expect(SKU_API_SIZES).toContain('Standard_NC24lds_xl_RTXPRO6000BSE_v6');
    expect(azureVmSizeVcpus('Standard_NC24lds_xl_RTXPRO6000BSE_v6')).toBe(24);
  });

  // Azure/karpenter-provider-azure 352646f5 pkg/providers/pricing/zz_generated.pricing.go: the Retail Prices API's
  // armSkuName of sizes priced in regions fleetsynth offers, which the rule before this one's ("Standard_" and letters,
  // digits, "_") took, or which name the constrained count after the features.
  test('accepts the sizes Azure\'s retail prices name otherwise: _flex and _noIB before the accelerator, _SPECIAL, the constrained count last', () => {
    const sizes = ['Standard_ND96is_flex_H100_v5', 'Standard_ND96is_noIB_H100_v5', 'Standard_E64is_v4_SPECIAL', 'Standard_E64i_v4_SPECIAL', 'Standard_M12ds-6_v3', 'Standard_M176s-44_3_v3', 'Standard_M832ids-208_16_v3'];
    expect(sizes.filter((size) => !AZURE_VM_SIZE.test(size))).toEqual([]);
    expect(sizes.map(azureVmSizeVcpus)).toEqual([96, 96, 64, 64, 6, 44, 208]);
  });

  test.each([
    ['Standard_D4s_xl', 'Standard_D4s'],
    ['Standard_D4s_noIB_v5', 'Standard_D4s'],
    ['Standard_D4s_v5_SPECIALNaN', 'Standard_D4s_v5_SPECIAL'],
    ['Standard_D4s_v5NaN', 'Standard_D4s_v5'],
    ['Standard_D4s_v5undefined', 'Standard_D4s_v5'],
    ['Standard_D4s_v5_NaN', 'Standard_D4s_v5'],
    ['Standard_D4s_v5_', 'Standard_D4s_v5'],
    ['Standard_D4s__v5', 'Standard_D4s'],
    ['Standard_D4s_null', 'Standard_D4s'],
    ['Standard_Dsv5', undefined],
    ['Standard_Ev5', undefined],
    ['Standard_NaN', undefined],
    ['Standard_', undefined],
  ])('fails when the size is %s, suggesting %s', (size, within) => {
    expect(AZURE_VM_SIZE.test(size)).toBe(false);
    expect(longestStartMatching(size, AZURE_VM_SIZE)).toBe(within);
  });

  test('fails when an AKS pool\'s machineType has text after the size, at its field, with the size meant', () => {
    const f = testFleet();
    const aks = f.clusters[3];
    aks.nodePools[0].machineType = 'Standard_D4s_v5NaN';
    const problems = fleetProblems(f).filter((p) => p.path === `clusters[${aks.name}].nodePools[system].machineType`);
    expect(problems).toEqual([expect.objectContaining({ message: 'not an AKS machine type; did you mean "Standard_D4s_v5"?', given: '"Standard_D4s_v5NaN"', allowed: expect.stringMatching(/^Azure's VM size naming: Standard_<family><vCPUs>/) })]);
  });

  test('sizes are read without regard to case, as Azure does: a lowercase 1-vCPU size is still refused for the system pool', () => {
    expect(aksSystemPoolVmSizeProblem('Standard_ds1_v2')).toContain('has 1 vCPU');
    expect(aksSystemPoolVmSizeProblem('Standard_b2ts_V2')).toContain('1 GiB');
    expect(aksOverlayVmSizeProblem('Standard_dc2s_v2')).toContain('DCsv2');
  });
});
