import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { EKS_AMI_TYPE_RULE } from './eks-ami-type';
import { fleetProblems } from './validate-fleet';

describe('EKS node groups: what EKS and its Terraform provider take beyond the catalog', () => {
  test('fails when an instance family has no AMI type fleetsynth knows, at the machine type, rather than guess one', () => {
    // GIVEN an AMD GPU family on aws-prod's spot pool
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].machineType = 'g4ad.xlarge';
    // THEN
    expect(fleetProblems(f)).toEqual([{
      path: 'clusters[aws-prod].nodePools[spot].machineType',
      message: 'no EKS AMI type known for instance family "g4ad" (lib/fleet/eks-ami-type.ts): the node group would get the x86 AMI without accelerator drivers, or be refused',
      given: '"g4ad.xlarge"',
      allowed: EKS_AMI_TYPE_RULE,
    }]);
  });

  test('Graviton and NVIDIA families pass', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[0].machineType = 'm7g.large';
    clusterOf(f, 'aws-prod').nodePools[1].machineType = 'g6e.xlarge';
    expect(fleetProblems(f)).toEqual([]);
  });

  test('fails when the machine type has another cloud\'s shape, with the catalog\'s problem only', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].machineType = 'e2-standard-4';
    expect(fleetProblems(f).map((p) => p.path)).toEqual(['clusters[aws-prod].nodePools[spot].machineType']);
  });
});
