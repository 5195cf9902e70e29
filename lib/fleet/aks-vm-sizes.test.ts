import { testFleet } from '../../test/fleets';
import { aksOverlayVmSizeProblem, aksSystemPoolVmSizeProblem, AZURE_VM_SIZE, azureVmSizeVcpus, azureVmSizeWithin } from './aks-vm-sizes';
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
 * Every VM size named in stored sources (2026-11): hashicorp/terraform-provider-azurerm 69697b7f (its tests, docs and
 * the vendored go-azure-sdk compute enum VirtualMachineSizeTypes), kubernetes-sigs/cloud-provider-azure 7b31c76c,
 * Azure/AKS 8d1c8909 (CHANGELOG) and MicrosoftDocs/azure-aks-docs fb060abe: every `Standard_…` word of them but what
 * is no VM size (storage redundancy, CDN, App Service and gateway SKUs; series and quota family names such as
 * `Standard_D_v4`, `Standard_NCads_A100_v4`, `Standard_DadsV7`; azurerm's `<size>_<instance count>` examples such
 * as `Standard_D48_v3_6`; Azure Stack HCI's `Standard_K8S_v1` sizes, not Azure's; the AKS CHANGELOG's prose
 * `Standard_NC24rsv3`) and the typo `Standard_DCa4_v5` of azure-aks-docs use-cvm.md. Cases as the sources write them.
 */
const REAL_SIZES = `
  Standard_A0 Standard_A1 Standard_A10 Standard_A11 Standard_A1_V2 Standard_A1_v2 Standard_A2 Standard_A2_V2
  Standard_A2_v2 Standard_A2m_V2 Standard_A2m_v2 Standard_A3 Standard_A4 Standard_A4_V2 Standard_A4_v2
  Standard_A4m_V2 Standard_A4m_v2 Standard_A5 Standard_A6 Standard_A7 Standard_A8 Standard_A8_V2 Standard_A8_v2
  Standard_A8m_V2 Standard_A8m_v2 Standard_A9 Standard_B1ls Standard_B1ms Standard_B1s Standard_B2ms Standard_B2s
  Standard_B4ms Standard_B8ms Standard_D1 Standard_D11 Standard_D11_V2 Standard_D11_v2 Standard_D12
  Standard_D12_V2 Standard_D12_v2 Standard_D13 Standard_D13_V2 Standard_D13_v2 Standard_D14 Standard_D14_V2
  Standard_D14_v2 Standard_D15_v2 Standard_D16_v3 Standard_D16a_V4 Standard_D16ads_V5 Standard_D16as_v5
  Standard_D16d_v5 Standard_D16ds Standard_D16ds_v4 Standard_D16ds_v5 Standard_D16ds_v6 Standard_D16s_v3
  Standard_D1_V2 Standard_D1_v2 Standard_D2 Standard_D2S_V3 Standard_D2S_v5 Standard_D2_V2 Standard_D2_v2
  Standard_D2_v3 Standard_D2a_V4 Standard_D2ads_V5 Standard_D2ads_v5 Standard_D2ads_v6 Standard_D2ds_v4
  Standard_D2ds_v5 Standard_D2pds_v5 Standard_D2s_v3 Standard_D2s_v4 Standard_D2s_v5 Standard_D3 Standard_D32_v3
  Standard_D32a_V4 Standard_D32ads_V5 Standard_D32d_v4 Standard_D32d_v5 Standard_D32ds_v6 Standard_D32s_v3
  Standard_D3_V2 Standard_D3_v2 Standard_D4 Standard_D48_v3 Standard_D48a_V4 Standard_D48ads_V5 Standard_D48s_v3
  Standard_D4_V2 Standard_D4_v2 Standard_D4_v3 Standard_D4_v5 Standard_D4a_V4 Standard_D4ads_V5 Standard_D4ads_v5
  Standard_D4ds_v5 Standard_D4ds_v6 Standard_D4s_v3 Standard_D4s_v4 Standard_D4s_v5 Standard_D5_V2 Standard_D5_v2
  Standard_D64_v3 Standard_D64a_V4 Standard_D64ads_V5 Standard_D64s_v3 Standard_D8_v3 Standard_D8a_V4
  Standard_D8ads_V5 Standard_D8as_v4 Standard_D8as_v5 Standard_D8ds Standard_D8ds_v5 Standard_D8ds_v6
  Standard_D8ps_v5 Standard_D8s_v3 Standard_D8s_v5 Standard_D96a_V4 Standard_D96ads_V5 Standard_D96ds_v6
  Standard_DC2ads_v5 Standard_DC2as_v5 Standard_DC2s_v2 Standard_DC4as_v5 Standard_DC4s_v2 Standard_DC8_v2
  Standard_DC8as_cc_v5 Standard_DS1 Standard_DS11 Standard_DS11_V2 Standard_DS11_v2 Standard_DS12 Standard_DS12_V2
  Standard_DS12_v2 Standard_DS13 Standard_DS13-2_v2 Standard_DS13-4_v2 Standard_DS13_V2 Standard_DS13_v2
  Standard_DS14 Standard_DS14-4_v2 Standard_DS14-8_v2 Standard_DS14_V2 Standard_DS14_v2 Standard_DS15_v2
  Standard_DS1_V2 Standard_DS1_v2 Standard_DS2 Standard_DS2_V2 Standard_DS2_v2 Standard_DS2_v4 Standard_DS3
  Standard_DS3_V2 Standard_DS3_v2 Standard_DS4 Standard_DS4_V2 Standard_DS4_v2 Standard_DS5_V2 Standard_DS5_v2
  Standard_Ds3_v2 Standard_E112ibds_v5 Standard_E16_V3 Standard_E16_v3 Standard_E16a_V4 Standard_E16a_v4
  Standard_E16ads_V5 Standard_E16ads_v5 Standard_E16as_v4 Standard_E16as_v5 Standard_E16d_v4 Standard_E16d_v5
  Standard_E16ds Standard_E16ds_v4 Standard_E16s_V3 Standard_E16s_v3 Standard_E16s_v4 Standard_E16s_v5
  Standard_E20_V3 Standard_E20a_V4 Standard_E20ads_V5 Standard_E20s_V3 Standard_E2_V3 Standard_E2_v3
  Standard_E2a_V4 Standard_E2a_v4 Standard_E2ads_V5 Standard_E2ads_v5 Standard_E2bds_v5 Standard_E2d_v4
  Standard_E2d_v5 Standard_E2s_V3 Standard_E2s_v3 Standard_E2s_v5 Standard_E32-16_v3 Standard_E32-8s_v3
  Standard_E32_V3 Standard_E32_v3 Standard_E32a_V4 Standard_E32ads_V5 Standard_E32ds_v4 Standard_E32s_V3
  Standard_E32s_v3 Standard_E32s_v5 Standard_E48_v3 Standard_E48a_V4 Standard_E48ads_V5 Standard_E48s_v3
  Standard_E4_V3 Standard_E4_v3 Standard_E4a_V4 Standard_E4a_v4 Standard_E4ads_V5 Standard_E4ads_v5
  Standard_E4as_v4 Standard_E4bds_v5 Standard_E4d_v4 Standard_E4d_v5 Standard_E4ds_v5 Standard_E4s_V3
  Standard_E4s_v3 Standard_E64-16s_v3 Standard_E64-32s_v3 Standard_E64_V3 Standard_E64_v3 Standard_E64_v5
  Standard_E64a_V4 Standard_E64ads_V5 Standard_E64i_V3 Standard_E64i_v3 Standard_E64is_V3 Standard_E64s_V3
  Standard_E64s_v3 Standard_E80ids_v4 Standard_E8_V3 Standard_E8_v3 Standard_E8a_V4 Standard_E8a_v4
  Standard_E8ads_V5 Standard_E8ads_v5 Standard_E8as_v4 Standard_E8as_v5 Standard_E8d_v4 Standard_E8d_v5
  Standard_E8ds_v5 Standard_E8s_V3 Standard_E8s_v3 Standard_E8s_v4 Standard_E8s_v5 Standard_E96a_V4
  Standard_E96ads_V5 Standard_EC16ads_v5 Standard_EC16as_v5 Standard_EC2as_v5 Standard_EC8ads_v5 Standard_EC8as_v5
  Standard_F1 Standard_F16 Standard_F16s Standard_F16s_V2 Standard_F16s_v2 Standard_F1s Standard_F2 Standard_F2s
  Standard_F2s_V2 Standard_F2s_v2 Standard_F32s_V2 Standard_F32s_v2 Standard_F4 Standard_F48s_v2 Standard_F4s
  Standard_F4s_V2 Standard_F4s_v2 Standard_F64s_V2 Standard_F64s_v2 Standard_F72s_V2 Standard_F72s_v2 Standard_F8
  Standard_F8s Standard_F8s_V2 Standard_F8s_v2 Standard_G1 Standard_G2 Standard_G3 Standard_G4 Standard_G5
  Standard_GS1 Standard_GS2 Standard_GS3 Standard_GS4 Standard_GS4-4 Standard_GS4-8 Standard_GS5 Standard_GS5-16
  Standard_GS5-8 Standard_H16 Standard_H16m Standard_H16mr Standard_H16r Standard_H8 Standard_H8m Standard_HB120
  Standard_HB120-16rs_v3 Standard_L16as_v3 Standard_L16s Standard_L16s_v2 Standard_L16s_v3 Standard_L32as_v3
  Standard_L32s Standard_L32s_v3 Standard_L48s_v2 Standard_L4s Standard_L4s_v4 Standard_L64s_v3 Standard_L8as_v3
  Standard_L8s Standard_L8s_v2 Standard_L8s_v3 Standard_L8s_v4 Standard_L96s_v4 Standard_M128-32ms
  Standard_M128-64ms Standard_M128ms Standard_M128s Standard_M208ms_v2 Standard_M208s_v2 Standard_M32ls
  Standard_M64-16ms Standard_M64-32ms Standard_M64ms Standard_M64s Standard_M8ms Standard_NC12 Standard_NC12s_v2
  Standard_NC12s_v3 Standard_NC13 Standard_NC20 Standard_NC24 Standard_NC24ads_A100_v4 Standard_NC24r
  Standard_NC24rs_v2 Standard_NC24rs_v3 Standard_NC24s_v2 Standard_NC24s_v3 Standard_NC40ads_H100_v5
  Standard_NC40ads_H200_v6 Standard_NC48ads_A100_v4 Standard_NC4as_T4_v3 Standard_NC6 Standard_NC6s_v2
  Standard_NC6s_v3 Standard_NC80adis_H100_v5 Standard_NC80ads_H100_v5 Standard_NC96ads_A100_v4 Standard_ND12s
  Standard_ND24rs Standard_ND24s Standard_ND40rs_v2 Standard_ND40s_v3 Standard_ND6s Standard_ND96amsr_A100_v4
  Standard_ND96as Standard_ND96asr_v4 Standard_ND96isr_H100_v5 Standard_ND96isr_H200_v5 Standard_ND96isr_MI300X_v5
  Standard_NK12 Standard_NK6 Standard_NV12 Standard_NV12_Promo Standard_NV12ads_A10_v5 Standard_NV12s_v3
  Standard_NV18ads_A10_v5 Standard_NV24 Standard_NV24_Promo Standard_NV24s_v3 Standard_NV48s_v3 Standard_NV6
  Standard_NV6ads_A10_v5 Standard_a2_v2 Standard_nc24ads_A100_v4
`.trim().split(/\s+/);

describe('Azure VM size names (Azure\'s naming convention)', () => {
  test('accepts every size named in the stored sources, and newer shapes: memory capacity, two accelerators, Promo', () => {
    const newer = ['Standard_M416s_8_v2', 'Standard_M896ixds_32_v3', 'Standard_ND128isr_NDR_GB200_v6', 'Standard_NG32ads_V620_v1', 'Standard_NV4ads_V710_v5', 'Standard_DS2_v2_Promo', 'Standard_HB176-144rs_v4', 'Standard_NCC40ads_H100_v5', 'Standard_D2alds_v6', 'Standard_FX48mds'];
    expect([...REAL_SIZES, ...newer].filter((size) => !AZURE_VM_SIZE.test(size))).toEqual([]);
    expect(REAL_SIZES.length).toBeGreaterThan(350);
  });

  test.each([
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
    expect(azureVmSizeWithin(size)).toBe(within);
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
