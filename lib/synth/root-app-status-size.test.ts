import { resolveFleet } from '../fleet';
import { fullFleet } from '../../test/fleet-fixture';
import { ETCD_MAX_REQUEST_BYTES, rootAppStatusBytes, rootAppStatusSizeWarnings } from './root-app-status-size';

const fleet = resolveFleet(fullFleet());
const folder = 'k8s/aws/mgmt/argocd';

/** The management cluster's argocd/ folder of `clusters` registered clusters, each with a root and an Application per app deployed as `applications`. */
function argoCdFolder(clusters: number, explicitApps: number): { path: string }[] {
  const files = ['appproject.argoproj.io_acme-platform.yaml', 'application.argoproj.io_argocd.yaml', 'application.argoproj.io_acme-root.yaml', 'configmap_argocd-cloud-identity.yaml'].map((f) => ({ path: `${folder}/${f}` }));
  for (let i = 0; i < clusters; i++) {
    const c = `aws-w${i}`;
    files.push({ path: `${folder}/secret_cluster-${c}.yaml` }, { path: `${folder}/application.argoproj.io_${c}-root.yaml` });
    for (let a = 0; a < explicitApps; a++) files.push({ path: `${folder}/application.argoproj.io_${c}-app${a}.yaml` });
    // What each cluster's own root syncs: not the root app's.
    files.push({ path: `${folder}/clusters/${c}/application.argoproj.io_${c}-istiod.yaml` }, { path: `k8s/aws/${c}/istio-system/gateway.networking.istio.io_cross-network-gateway.yaml` });
  }
  return files;
}

describe("the root app's status against etcd's request limit (1.5 MiB)", () => {
  test("an object takes its two entries of the Application's status, as Argo CD writes them (argo-cd v3.4.4 types.go ResourceStatus, ResourceResult)", () => {
    expect(ETCD_MAX_REQUEST_BYTES).toBe(1572864);
    const resource = '{"group":"argoproj.io","version":"v1alpha1","kind":"application","namespace":"argocd","name":"aws-w1-root","status":"Synced","syncWave":-1}';
    const result = '{"group":"argoproj.io","version":"v1alpha1","kind":"application","namespace":"argocd","name":"aws-w1-root","status":"Synced","message":"application.argoproj.io/aws-w1-root serverside-applied","hookPhase":"Running","syncPhase":"Sync"}';
    expect(rootAppStatusBytes([{ group: 'argoproj.io', version: 'v1alpha1', kind: 'application', name: 'aws-w1-root' }])).toBe(resource.length + result.length + 2);
    // A core kind has no group in status.resources (omitempty), an empty one in the sync's result.
    expect(rootAppStatusBytes([{ group: '', version: 'v1', kind: 'secret', name: 'cluster-aws-w1' }])).toBe(
      '{"version":"v1","kind":"secret","namespace":"argocd","name":"cluster-aws-w1","status":"Synced","syncWave":-1}'.length +
        '{"group":"","version":"v1","kind":"secret","namespace":"argocd","name":"cluster-aws-w1","status":"Synced","message":"secret/cluster-aws-w1 serverside-applied","hookPhase":"Running","syncPhase":"Sync"}'.length +
        2,
    );
  });

  test('900 clusters with their apps as ApplicationSets (a registration and a root each): no warning', () => {
    expect(rootAppStatusSizeWarnings(fleet, argoCdFolder(900, 0))).toEqual([]);
  });

  test("400 clusters with ten apps deployed as `applications`: 4,804 objects, a warning naming the root app, the count, the size and argo-cd#14486; each cluster's root's folder and the clusters' folders are not counted", () => {
    const warnings = rootAppStatusSizeWarnings(fleet, argoCdFolder(400, 10));
    expect(warnings).toEqual([
      expect.stringMatching(/^Argo CD's root app acme-platform-root manages 4804 objects \(4402 Applications\) in k8s\/aws\/mgmt\/argocd\/: its status lists each twice, at least 1\.\d MiB, more than etcd's default limit of 1\.5 MiB for one object: .*argo-cd#14486.*deployAs: 'applicationSet'/),
    ]);
  });
});
