import { convergenceProblems } from './convergence';
import { isLoadBalancerService } from './load-balancer';
import { appFile, application, catalog, chartSource, fleetLike, folderSource, IN_CLUSTER_SERVER, inputOf, ISTIO_CHARTS, ISTIO_REPO, ISTIO_VERSION, objectAt, withFile, withoutFile } from './testing-objects';

/*
 * gitops-engine pkg/health/health_service.go: a LoadBalancer Service is Progressing until its cloud sets
 * status.loadBalancer.ingress, never Degraded. A sync waiting for one waits for good when the address never
 * comes: no failure, no retry. fleetLike(): the root's last wave is 3, a platform app (wave 2) syncs its
 * cluster's folder, whose last wave is 2.
 */

const LB_FILE = 'k8s/aws/aws-prod/istio-system/service_lb.yaml';
const annotations = (wave: number, ignore: boolean) => ({ 'argocd.argoproj.io/sync-wave': String(wave), ...(ignore ? { 'argocd.argoproj.io/ignore-healthcheck': 'true' } : {}) });
const loadBalancer = (wave: number, ignore = false) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb', namespace: 'istio-system', annotations: annotations(wave, ignore) }, spec: { type: 'LoadBalancer', ports: [{ port: 443 }] } });
const summary = (problems: { path: string; message: string }[]) => problems.map((p) => `${p.path}: ${p.message}`);
// Marking the Service ignore-healthcheck helps its parents, whose health then leaves it out, not its own sync,
// which waits for its health all the same (gitops-engine pkg/health/health.go GetResourceHealth reads no annotation).
const waits = (what: string, wave: number, last: number, app: string) =>
  `${what}, Progressing until its cloud gives it an address: in wave ${wave}, before the last (wave ${last}) of Application ${app}, the sync waits for that address, for good if it never comes (no failure, no retry, no newer commit applied meanwhile); put it in the last wave${what.startsWith('is a') ? '' : ', or mark the Service argocd.argoproj.io/ignore-healthcheck'}`;

describe('LoadBalancer Services in the convergence check', () => {
  test('only a Service of type LoadBalancer waits for its cloud', () => {
    expect(isLoadBalancerService(loadBalancer(0))).toBe(true);
    expect(isLoadBalancerService({ ...loadBalancer(0), spec: { type: 'ClusterIP' } })).toBe(false);
    expect(isLoadBalancerService({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' } })).toBe(false);
  });

  test('fails when one is in a wave its Application waits for, and when its Application is in a wave its parent waits for', () => {
    const problems = convergenceProblems(inputOf(withFile(fleetLike(), LB_FILE, loadBalancer(1))));
    // The cloud gives the address in the simulation, so nothing stalls: what is reported is that a sync would wait on it.
    expect(summary(problems)).toEqual([
      `${LB_FILE}: Service lb: ${waits('is a LoadBalancer Service', 1, 2, 'aws-prod-platform')}`,
      `${appFile('aws-prod-platform')}: Application aws-prod-platform: ${waits(`its health includes LoadBalancer Service lb (${LB_FILE})`, 2, 3, 'acme-root')}`,
    ]);
  });

  test('in its folder\'s last wave its own sync does not wait, but its Application\'s health still includes it', () => {
    const problems = convergenceProblems(inputOf(withFile(fleetLike(), LB_FILE, loadBalancer(2))));
    expect(summary(problems)).toEqual([`${appFile('aws-prod-platform')}: Application aws-prod-platform: ${waits(`its health includes LoadBalancer Service lb (${LB_FILE})`, 2, 3, 'acme-root')}`]);
    // marked ignore-healthcheck, it is left out of that health (argo-cd controller/health.go)
    expect(convergenceProblems(inputOf(withFile(fleetLike(), LB_FILE, loadBalancer(2, true))))).toEqual([]);
    // or with the platform app in the root's last wave, nothing waits for it
    const last = objectAt(fleetLike(), appFile('aws-prod-platform'));
    last.metadata.annotations['argocd.argoproj.io/sync-wave'] = '3';
    expect(convergenceProblems(inputOf(withFile(withFile(fleetLike(), LB_FILE, loadBalancer(2)), appFile('aws-prod-platform'), last)))).toEqual([]);
  });

  test('fails when a chart Application whose chart renders one is in a wave its parent waits for', () => {
    const charts = catalog({ ...ISTIO_CHARTS, [`${ISTIO_REPO} gateway ${ISTIO_VERSION}`]: { crds: [], loadBalancerService: true } });
    const gateway = (wave: number) => withFile(fleetLike(), appFile('aws-prod-istio-eastwest'), application('aws-prod-istio-eastwest', { wave, source: chartSource('gateway', ISTIO_VERSION), destination: { name: 'aws-prod', namespace: 'istio-system' } }));
    expect(summary(convergenceProblems(inputOf(gateway(0), { charts })))).toEqual([
      `${appFile('aws-prod-istio-eastwest')}: Application aws-prod-istio-eastwest: ${waits(`its health includes the LoadBalancer Service chart gateway ${ISTIO_VERSION} (${ISTIO_REPO}) brings`, 0, 3, 'acme-root')}`,
    ]);
    expect(convergenceProblems(inputOf(gateway(3), { charts }))).toEqual([]);
    // a chart the catalog does not say renders one
    expect(convergenceProblems(inputOf(gateway(0), { charts: catalog({ ...ISTIO_CHARTS, [`${ISTIO_REPO} gateway ${ISTIO_VERSION}`]: { crds: [] } }) }))).toEqual([]);
  });

  test('through child Applications: a cluster root waited for, whose platform app includes one; not through a link marked ignore-healthcheck', () => {
    // aws-prod's platform app moves under a cluster root (its own folder), which the root applies in wave 2, before its last.
    const platformFile = 'k8s/roots/aws-prod/application.argoproj.io_aws-prod-platform.yaml';
    const rootOf = (ignorePlatform: boolean) => {
      const platform = objectAt(fleetLike(), appFile('aws-prod-platform'));
      if (ignorePlatform) platform.metadata.annotations['argocd.argoproj.io/ignore-healthcheck'] = 'true';
      const files = withoutFile(withFile(fleetLike(), LB_FILE, loadBalancer(2)), appFile('aws-prod-platform'));
      return [
        ...withFile(files, appFile('aws-prod-root'), application('aws-prod-root', { wave: 2, source: folderSource('k8s/roots/aws-prod'), destination: { server: IN_CLUSTER_SERVER, namespace: 'argocd' } })),
        { path: platformFile, object: platform },
      ];
    };
    expect(summary(convergenceProblems(inputOf(rootOf(false))))).toEqual([
      `${appFile('aws-prod-root')}: Application aws-prod-root: ${waits(`its health includes Application aws-prod-platform's, which includes LoadBalancer Service lb (${LB_FILE})`, 2, 3, 'acme-root')}`,
    ]);
    expect(convergenceProblems(inputOf(rootOf(true)))).toEqual([]);
  });
});

describe('argocd.argoproj.io/ignore-healthcheck in an Application\'s health', () => {
  test('an object so marked is left out of its Application\'s health (argo-cd controller/health.go): a Degraded child no longer fails the grandparent', () => {
    // acme-root waits (wave 2) for a cluster root, whose only child cannot be valid (an unregistered cluster): Degraded.
    const platformFile = 'k8s/roots/aws-prod/application.argoproj.io_aws-prod-platform.yaml';
    const files = (ignore: boolean) => {
      const platform = objectAt(fleetLike(), appFile('aws-prod-platform'));
      platform.spec.destination = { name: 'nope' };
      if (ignore) platform.metadata.annotations['argocd.argoproj.io/ignore-healthcheck'] = 'true';
      const rest = withoutFile(fleetLike(), appFile('aws-prod-platform')).filter((f) => !f.path.startsWith('k8s/aws/aws-prod/'));
      return [
        ...withFile(rest, appFile('aws-prod-root'), application('aws-prod-root', { wave: 2, source: folderSource('k8s/roots/aws-prod'), destination: { server: IN_CLUSTER_SERVER, namespace: 'argocd' } })),
        { path: platformFile, object: platform },
      ];
    };
    const invalid = `${platformFile}: Application aws-prod-platform: destination cluster "nope" is not registered (no cluster Secret with that name), and nothing in the output creates a cluster Secret with name "nope"`;
    expect(summary(convergenceProblems(inputOf(files(false))))).toEqual([
      `${appFile('aws-prod-root')}: Application aws-prod-root: is Degraded when Application acme-root waits for wave 2, which fails its sync: Application aws-prod-platform is Degraded: Argo CD cannot compare it with its spec: destination cluster "nope" is not registered (no cluster Secret with that name)`,
      invalid,
    ]);
    expect(summary(convergenceProblems(inputOf(files(true))))).toEqual([invalid]);
  });
});
