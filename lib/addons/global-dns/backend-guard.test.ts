import { unservedBackends } from './backend-guard';
import { GlobalDnsSettings } from './settings';

// Through synth, against a written output: test/app-changes.test.ts.
const CLUSTERS = ['aws-prod', 'azure-prod', 'gcp-prod', 'mgmt'];
const CLOUD: Record<string, string> = { 'aws-prod': 'aws', 'azure-prod': 'azure', 'gcp-prod': 'gcp', mgmt: 'aws' };
const app = (cluster: string, ns: string) => `k8s/${CLOUD[cluster]}/${cluster}/_bootstrap/_cluster/namespace_${ns}.yaml`;
const addon = (cluster: string, ns: string) => `k8s/${CLOUD[cluster]}/${cluster}/_cluster/namespace_${ns}.yaml`;
const OTHER = ['k8s/aws/mgmt/argocd/appproject.argoproj.io_acme-platform-app-podinfo.yaml', app('gcp-prod', 'istio-ingress')];
const settings: GlobalDnsSettings = {
  endpoints: [{
    name: 'shop', host: 'shop.example.com', zone: 'example.com', policy: 'failover',
    members: [{ cluster: 'gcp-prod', role: 'primary' }, { cluster: 'aws-prod', role: 'secondary' }],
    backend: { service: 'web', namespace: 'shop', port: 8080 },
  }],
};
const ON = { before: true, after: true };
const OFF = { before: false, after: false };
const everywhere = ['aws-prod', 'azure-prod', 'gcp-prod'].map((c) => app(c, 'shop'));

describe('unservedBackends', () => {
  test('nothing without global DNS, without a previous output, while a cluster serving each member keeps the namespace, or for a namespace the previous output did not hold', () => {
    expect(unservedBackends(undefined, CLUSTERS, ON, everywhere, OTHER)).toEqual([]);
    expect(unservedBackends(settings, CLUSTERS, ON, [], OTHER)).toEqual([]);
    // With the remote secrets, a member's gateway reaches the Service on azure-prod.
    expect(unservedBackends(settings, CLUSTERS, ON, everywhere, [app('azure-prod', 'shop'), ...OTHER])).toEqual([]);
    // An add-on's namespace serves as well as an app's; a selection that carries the files over changes nothing.
    expect(unservedBackends(settings, CLUSTERS, OFF, [addon('gcp-prod', 'shop'), addon('aws-prod', 'shop')], [addon('gcp-prod', 'shop'), addon('aws-prod', 'shop')])).toEqual([]);
    expect(unservedBackends(settings, CLUSTERS, ON, OTHER, OTHER)).toEqual([]);
  });

  test('fails when the backend\'s namespace leaves every cluster (its app removed or moved): at backend.namespace, naming the members and where it is pruned', () => {
    expect(unservedBackends(settings, CLUSTERS, ON, [...everywhere, ...OTHER], OTHER)).toEqual([{
      path: 'platform.globalDns.endpoints[shop].backend.namespace',
      message: 'routes shop.example.com to Service web.shop, and after this edit no cluster of the fleet has namespace shop: its Namespace object on aws-prod, azure-prod, gcp-prod would be pruned with everything in it (nothing the fleet deploys uses it there any longer), and the ingress gateway of aws-prod, gcp-prod would answer the host with 503 (its route names a Service that exists nowhere in its view)',
      given: '"shop"',
      allowed: 'the namespace (with backend.service and backend.port) of what serves shop.example.com after this edit (to hand the host to a new app, add it beside the old one, point backend at it once it runs, then remove the old one); or, in the same edit, other members in place of aws-prod, gcp-prod, or the endpoint out of platform.globalDns (README, Global DNS, "What an endpoint routes to")',
    }]);
  });

  test('fails when the cluster this edit takes out of the fleet was the last to run the backend: the members reached it there through the mesh', () => {
    // azure-prod decommissioned with its app, the only one of shop (the members gcp-prod and aws-prod reached it across clouds)
    const azureOnly = [app('azure-prod', 'shop'), ...OTHER];
    expect(unservedBackends(settings, CLUSTERS.filter((c) => c !== 'azure-prod'), ON, azureOnly, OTHER)).toEqual([expect.objectContaining({
      path: 'platform.globalDns.endpoints[shop].backend.namespace',
      message: 'routes shop.example.com to Service web.shop, and after this edit no cluster of the fleet has namespace shop: the ingress gateway of aws-prod, gcp-prod would answer the host with 503 (its route names a Service that exists nowhere in its view)',
    })]);
    // A --cluster selection of another cluster carries azure-prod's files over: nothing of it is pruned yet.
    expect(unservedBackends(settings, CLUSTERS.filter((c) => c !== 'azure-prod'), ON, azureOnly, azureOnly)).toEqual([]);
  });

  test('fails without platform.secrets when a member alone loses the namespace (the app no longer selects it): its gateway sees only its own cluster', () => {
    const problems = unservedBackends(settings, CLUSTERS, OFF, everywhere, [app('azure-prod', 'shop'), app('gcp-prod', 'shop')]);
    expect(problems).toEqual([expect.objectContaining({
      path: 'platform.globalDns.endpoints[shop].backend.namespace',
      message: expect.stringContaining('after this edit aws-prod has no namespace shop: its Namespace object on aws-prod would be pruned'),
      allowed: expect.stringContaining('of what serves shop.example.com after this edit on aws-prod (to hand'),
    })]);
  });

  test('fails when platform.secrets goes and a member does not run the backend: its gateway no longer sees the clusters that do', () => {
    const gcpOnly = [app('gcp-prod', 'shop'), ...OTHER];
    expect(unservedBackends(settings, CLUSTERS, { before: true, after: false }, gcpOnly, gcpOnly)).toEqual([expect.objectContaining({
      message: 'routes shop.example.com to Service web.shop, and after this edit aws-prod (without platform.secrets a gateway sees the Services of its own cluster only) has no namespace shop: the ingress gateway of aws-prod would answer the host with 503 (its route names a Service that exists nowhere in its view)',
    })]);
    expect(unservedBackends(settings, CLUSTERS, { before: false, after: false }, gcpOnly, gcpOnly)).toEqual([]);
  });
});
