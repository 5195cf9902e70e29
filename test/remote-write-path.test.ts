import { parse } from 'yaml';
import { renderForTest } from '../lib/testing';
import { fullTestFleet } from './full-fleet';

/*
 * Issue 11: agents remote-write to the management cluster "over the private interconnect where it
 * exists". The agents write to mimir-gateway.mimir.svc.cluster.local, a mesh service; which path the
 * mesh takes to the management cluster is each istiod's meshNetworks. In the full fleet the
 * management cluster (AWS) is linked to gcp-prod and azure-prod, not to aws-prod (same cloud), and
 * the testing kit's fake outputs have every link applied.
 */
const rendered = renderForTest(fullTestFleet());
// A chart's Application is in its cluster's root's folder: `<cluster>-<chart>`.
const values = (cluster: string, chart: string) => parse(rendered.file(`k8s/aws/mgmt/argocd/clusters/${cluster}/application.argoproj.io_${cluster}-${chart}.yaml`)).spec.source.helm.valuesObject;
const gatewayTo = (cluster: string, network: string): string => values(cluster, `istiod`).global.meshNetworks[network].gateways[0].registryServiceName;

test.each([
  ['gcp-prod', 'istio-eastwestgateway-private.istio-system.svc.cluster.local'],
  ['azure-prod', 'istio-eastwestgateway-private.istio-system.svc.cluster.local'],
  ['aws-prod', 'istio-eastwestgateway.istio-system.svc.cluster.local'],
])('%s writes metrics and logs to the management cluster, whose network its istiod reaches through %s', (cluster, gateway) => {
  expect(JSON.stringify(values(cluster, `metrics-agent`))).toContain('http://mimir-gateway.mimir.svc.cluster.local/api/v1/push');
  expect(JSON.stringify(values(cluster, `log-agent`))).toContain('http://loki-gateway.loki.svc.cluster.local/loki/api/v1/push');
  expect(gatewayTo(cluster, 'mgmt-net')).toBe(gateway);
});

test('the management cluster\'s internal east-west gateway admits exactly its linked peers (gcp-prod\'s nodes and pods, azure-prod\'s nodes)', () => {
  const fleet = fullTestFleet() as { clusters: { name: string; network: { nodeCidr: string; podCidr: string } }[] };
  const net = (name: string) => fleet.clusters.find((c) => c.name === name)!.network;
  const svc = parse(rendered.file('k8s/aws/mgmt/istio-system/service_istio-eastwestgateway-private.yaml'));
  expect([...svc.spec.loadBalancerSourceRanges].sort()).toEqual([net('gcp-prod').nodeCidr, net('gcp-prod').podCidr, net('azure-prod').nodeCidr].sort());
});
