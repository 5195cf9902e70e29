import { problemPaths, synthChart } from '../../../test/k8s-fixture';
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
    ['azure', { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' }],
  ] as const)('%s: the annotations its service controller reads for an internal load balancer', (cloud, annotations) => {
    expect(internalLoadBalancerAnnotations(cloud)).toEqual(annotations);
  });

  test('no source ranges is refused: the load balancer would admit every address that routes to it', () => {
    expect(problemPaths(() => synthChart((c) => new PrivateEastWestService(c, 'svc', { cloud: 'aws', sourceRanges: [] })))).toEqual(['PrivateEastWestService.sourceRanges']);
  });
});
