import { problemPaths, synthChart } from '../../../test/k8s-fixture';
import { SYNC_WAVE } from '../argocd/sync-wave';
import { internalLoadBalancerAnnotations, PrivateEastWestService } from './private-eastwest-service';

describe('PrivateEastWestService', () => {
  test('an internal LoadBalancer Service for the east-west gateway pods, open to the given ranges only', () => {
    const [svc] = synthChart((c) => new PrivateEastWestService(c, 'svc', { cloud: 'gcp', sourceRanges: ['10.16.0.0/16', '10.20.0.0/16'] }));
    expect(svc).toMatchObject({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istio-eastwestgateway-private', namespace: 'istio-system', annotations: { 'networking.gke.io/load-balancer-type': 'Internal' } },
      spec: { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.16.0.0/16', '10.20.0.0/16'], selector: { app: 'istio-eastwestgateway', istio: 'eastwestgateway' } },
    });
    // No topology.istio.io/network label: label discovery would make it every istiod's gateway for this network.
    expect(Object.keys(svc.metadata.labels)).not.toContain('topology.istio.io/network');
    expect(svc).toMatchSnapshot();
  });

  test.each([
    ['aws', { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb', 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' }],
    ['gcp', { 'networking.gke.io/load-balancer-type': 'Internal' }],
    ['azure', { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true', 'service.beta.kubernetes.io/azure-deny-all-except-load-balancer-source-ranges': 'true' }],
  ] as const)('%s: the annotations its service controller reads for an internal load balancer', (cloud, annotations) => {
    expect(internalLoadBalancerAnnotations(cloud)).toEqual(annotations);
  });

  test('comes last in its cluster folder: a LoadBalancer Service is Progressing in Argo CD until it has an address, and the remote secrets must not wait for that', () => {
    const [svc] = synthChart((c) => new PrivateEastWestService(c, 'svc', { cloud: 'aws', sourceRanges: ['10.16.0.0/16'] }));
    expect(Number(svc.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBeGreaterThan(SYNC_WAVE.meshResources + 1);
    // And out of the folder Application's health, which its cluster's root waits for before the gateways.
    expect(svc.metadata.annotations['argocd.argoproj.io/ignore-healthcheck']).toBe('true');
  });

  test('no source ranges is refused: the load balancer would admit every address that routes to it', () => {
    expect(problemPaths(() => synthChart((c) => new PrivateEastWestService(c, 'svc', { cloud: 'aws', sourceRanges: [] })))).toEqual(['PrivateEastWestService.sourceRanges']);
  });
});
