import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { FleetError } from './fleet-error';
import { managementCluster, resolveFleet } from './resolve-fleet';

describe('resolveFleet', () => {
  test('fills defaults', () => {
    const f = fullFleet();
    delete f.gitops.targetRevision;
    delete f.gitops.path;
    delete f.mesh;
    delete f.stateBackend;
    const resolved = resolveFleet(f);
    expect(resolved.gitops).toEqual({ repoURL: f.gitops.repoURL, targetRevision: 'main', path: 'dist', formerRepoURLs: [] });
    expect(resolved.mesh).toEqual({ meshID: 'acme-platform', trustDomain: 'cluster.local', trustDomainAliases: [] });
    const aws = resolved.clusters.find((c) => c.name === 'aws-prod')!;
    expect(aws.stateBackend).toEqual({ type: 'local' });
    expect(aws.zones).toEqual(['us-west-2a', 'us-west-2b', 'us-west-2c']);
    expect(aws.apiAccess).toEqual({ publicCidrs: [] });
    expect(aws.nodePools.find((p) => p.name === 'system')).toMatchObject({ spot: false, taints: [], diskSizeGb: 100 });
    expect(managementCluster(resolved).name).toBe('mgmt');
  });

  test('gives the same result whatever order clusters, pools, labels and zones are written in', () => {
    const f = fullFleet();
    const shuffled = fullFleet();
    shuffled.clusters.reverse();
    for (const c of shuffled.clusters) {
      c.nodePools.reverse();
      c.labels = Object.fromEntries(Object.entries(c.labels).reverse());
    }
    clusterOf(f, 'gcp-prod').zones = ['us-central1-a', 'us-central1-c'];
    clusterOf(shuffled, 'gcp-prod').zones = ['us-central1-c', 'us-central1-a'];
    expect(JSON.stringify(resolveFleet(shuffled))).toEqual(JSON.stringify(resolveFleet(f)));
  });

  test('fails when the fleet is invalid, before resolving anything', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').kubernetesVersion = '1.20';
    expect(() => resolveFleet(f)).toThrow(FleetError);
    expect(() => resolveFleet(f)).toThrow('clusters[aws-prod].kubernetesVersion');
  });
});
