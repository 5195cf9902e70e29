import { testFleet } from '../../test/fleets';
import { CLOUD_CATALOG } from './cloud-catalog';
import { EKS_ADDON_VERSIONS, EKS_MANAGED_ADDONS, eksAddonVersions, missingEksAddonVersions } from './eks-addon-versions';
import { fleetProblems } from './validate-fleet';

describe('pinned EKS managed add-on versions', () => {
  test('every version is an exact EKS add-on build (vX.Y.Z-eksbuild.N)', () => {
    for (const row of Object.values(EKS_ADDON_VERSIONS)) for (const v of Object.values(row)) expect(v).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
  });

  test('every pinned EBS CSI driver can deploy the default StorageClass (defaultStorageClass.enabled, add-on v1.31.0 or later)', () => {
    // awsdocs/amazon-eks-user-guide latest/ug/clusters/kubernetes-versions-standard.adoc:62; lib/infra/eks-cluster.ts sets the value.
    const pinned = Object.values(EKS_ADDON_VERSIONS).flatMap((row) => (row['aws-ebs-csi-driver'] ? [row['aws-ebs-csi-driver']] : []));
    expect(pinned.length).toBeGreaterThan(0);
    for (const v of pinned) {
      const [major, minor] = /^v(\d+)\.(\d+)\./.exec(v)!.slice(1).map(Number);
      expect([v, major > 1 || (major === 1 && minor >= 31)]).toEqual([v, true]);
    }
  });

  test('kube-proxy follows the cluster\'s minor', () => {
    for (const [minor, row] of Object.entries(EKS_ADDON_VERSIONS)) expect(row['kube-proxy']).toMatch(new RegExp(`^v${minor.replace('.', '\\.')}\\.`));
  });

  test('every minor EKS offers either has a complete row or is named as lacking one', () => {
    const lacking = CLOUD_CATALOG.aws.kubernetesVersions.filter((v) => missingEksAddonVersions(v).length > 0);
    // Known today: nothing found for 1.36's VPC CNI, Pod Identity agent and EBS CSI driver (see the table's sources).
    expect(lacking).toEqual(['1.36']);
    expect(missingEksAddonVersions('1.36')).toEqual(['vpc-cni', 'eks-pod-identity-agent', 'aws-ebs-csi-driver']);
    expect(Object.keys(eksAddonVersions('1.35')).sort()).toEqual([...EKS_MANAGED_ADDONS].sort());
  });

  test('fails when an EKS cluster is on a minor without a complete row, naming the add-ons, at its kubernetesVersion', () => {
    const f = testFleet();
    f.clusters[1].kubernetesVersion = '1.36';
    const [problem] = fleetProblems(f).filter((p) => p.path === 'clusters[t-aws].kubernetesVersion');
    expect(problem.message).toMatch(/no pinned version of the EKS add-ons vpc-cni, eks-pod-identity-agent, aws-ebs-csi-driver for Kubernetes 1\.36/);
    // The minors to pick instead, by name: a package user cannot add a row to the table.
    expect(problem.allowed).toMatch(/^1\.32, 1\.33, 1\.34, 1\.35 \(the minors with a complete row there; /);
  });

  test('fails when every pool of an EKS cluster may shrink to zero nodes, at its node pools', () => {
    const f = testFleet();
    f.clusters[1].nodePools[0].minSize = 0;
    expect(fleetProblems(f).map((p) => p.path)).toContain('clusters[t-aws].nodePools');
  });
});
