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

  // argo-cd v3.4.4 util/argo/normalizers/diff_normalizer.go: one patch per pointer, then per jq path, entry by
  // entry, applied in turn; removing /spec/x/3 then /spec/x/2 ignores two items, the other way round two others.
  test('keeps an app\'s ignoreDifferences in the order written: Argo CD removes the fields in that order', () => {
    const f = fullFleet();
    const written = [
      { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/template/spec/volumes/3', '/spec/template/spec/volumes/2'], jqPathExpressions: ['.b', '.a'] },
      { kind: 'ConfigMap', managedFieldsManagers: ['z-manager', 'a-manager'] },
    ];
    f.apps[0].ignoreDifferences = written;
    expect(resolveFleet(f).apps.find((a) => a.name === f.apps[0].name)!.ignoreDifferences).toEqual([
      { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/template/spec/volumes/3', '/spec/template/spec/volumes/2'], jqPathExpressions: ['.b', '.a'], managedFieldsManagers: [] },
      { group: '', kind: 'ConfigMap', jsonPointers: [], jqPathExpressions: [], managedFieldsManagers: ['z-manager', 'a-manager'] },
    ]);
  });

  test('fails when the fleet is invalid, before resolving anything', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').kubernetesVersion = '1.20';
    expect(() => resolveFleet(f)).toThrow(FleetError);
    expect(() => resolveFleet(f)).toThrow('clusters[aws-prod].kubernetesVersion');
  });
});
