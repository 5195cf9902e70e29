import { testFleet } from '../../test/fleets';
import { aksOverlayVmSizeProblem, aksSystemPoolVmSizeProblem, azureVmSizeVcpus } from './aks-vm-sizes';
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
