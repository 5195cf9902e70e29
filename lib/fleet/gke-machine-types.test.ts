import { testFleet } from '../../test/fleets';
import { gkeMachineTypeProblem } from './gke-machine-types';
import { fleetProblems } from './validate-fleet';

describe('machine types GKE refuses', () => {
  test('f1-micro is refused (GKE: "Node pools of f1-micro machines are not supported due to insufficient memory"); other types pass', () => {
    expect(gkeMachineTypeProblem('f1-micro')).toMatch(/insufficient memory/);
    for (const type of ['g1-small', 'e2-micro', 'e2-standard-4', 'n2-highcpu-2', 't2a-standard-1']) expect([type, gkeMachineTypeProblem(type)]).toEqual([type, undefined]);
  });

  test('fails when a GKE pool is of f1-micro, at its machineType', () => {
    const f = testFleet();
    const gcp = f.clusters[2];
    gcp.nodePools = [...gcp.nodePools, { ...gcp.nodePools[0], name: 'tiny', machineType: 'f1-micro' }];
    const found = fleetProblems(f).filter((p) => p.path === 'clusters[t-gcp].nodePools[tiny].machineType');
    expect(found.map((p) => p.message)).toEqual([expect.stringMatching(/^GKE refuses node pools of f1-micro machines/)]);
  });
});
