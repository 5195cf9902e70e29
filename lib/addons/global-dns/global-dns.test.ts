import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { resolveFleet } from '../../fleet';
import { synth } from '../../synth';
import { replacements } from '../../synth/replacement-guard';
import { fakeOutputsWithAddons, fakeStackOutputsWithAddons, outputsFolder, renderWithAddons, testFleet } from '../../../test/fleets';
import { synthFleetStack } from '../../../test/stack-fixture';
import { tempDir } from '../../../test/tree';
import { fleetAddons } from '../fleet-addons';
import { SYNC_WAVE } from '../../k8s/argocd/sync-wave';
import { ISTIO_VERSION } from '../../k8s/istio/istio-version';
import { ingressGatewayChart } from './ingress-gateway';
import { logicalIdAt, TerraformStack, Testing } from '../../infra/cdktf';
import { Construct } from 'constructs';

/*
 * Global DNS as synth renders it: static ingress addresses in the members' stacks, the ingress
 * gateway bound to them on each cloud, the host's Gateway and VirtualService in every member, and
 * the Route 53 health checks and records of the global-dns stack.
 */

function fleetWith(): any {
  const f: any = testFleet();
  f.platform = {
    globalDns: {
      endpoints: [
        {
          name: 'shop', host: 'shop.example.com', zone: 'example.com', policy: 'failover',
          members: [{ cluster: 't-gcp', role: 'primary' }, { cluster: 't-aws', role: 'secondary' }],
          backend: { service: 'shop', namespace: 'shop', port: 8080 },
          healthCheck: { path: '/healthz', intervalSeconds: 10 },
        },
        {
          name: 'api', host: 'api.example.net', zone: 'example.net', zoneId: 'Z0123456789ABCDEFGHIJ', policy: 'weighted',
          members: [{ cluster: 't-azure', weight: 30 }, { cluster: 't-aws', weight: 70 }],
          backend: { service: 'api', namespace: 'api', port: 80 },
          // No path: on the status port it is /healthz/ready, the one path it serves.
          healthCheck: { port: 15021 },
          ttlSeconds: 30,
        },
      ],
    },
  };
  return f;
}
const all = (stack: any, type: string): any[] => Object.keys(stack.resource?.[type] ?? {}).sort().map((id) => stack.resource[type][id]);
const fleet = fleetWith();
const outputs = fakeOutputsWithAddons(fleet);
const ips = (cluster: string) => (outputs.get(cluster)!.values!.global_dns_ingress_ips as string).split(',');
const { stacks, files, heldBack } = renderWithAddons(fleet, outputs);
const dns = stacks['global-dns'];
const checks = dns.resource.aws_route53_health_check;
/** A construct at `path` in a stack, as the global-dns stack's endpoint constructs are. */
const stackScope = (id: string) => new Construct(new TerraformStack(Testing.app(), 'global-dns'), id);
const idOf = (body: any) => `\${aws_route53_health_check.${Object.keys(checks).find((k) => checks[k] === body)}.id}`;

describe('the global-dns stack', () => {
  test('Route 53 through an AWS provider in us-east-1; the zone looked up by name unless its id is given', () => {
    expect(dns.provider.aws).toEqual([expect.objectContaining({ region: 'us-east-1' })]);
    expect(Object.values(dns.data.aws_route53_zone)).toEqual([expect.objectContaining({ name: 'example.com', private_zone: false })]);
    expect(heldBack.filter((h) => h.subject === 'addons[global-dns]')).toEqual([]);
  });

  test('failover: a record per role, PRIMARY and SECONDARY, the role as set identifier, each with its member\'s address (or an alias to its addresses) and health check', () => {
    const records = all(dns, 'aws_route53_record').filter((r) => r.name === 'shop.example.com');
    expect(records.map((r) => [r.set_identifier, r.failover_routing_policy, r.records ?? r.alias, r.type, r.ttl])).toEqual([
      ['primary', { type: 'PRIMARY' }, ips('t-gcp'), 'A', 60],
      ['secondary', { type: 'SECONDARY' }, { name: 't-aws._members.shop.example.com', zone_id: '${data.aws_route53_zone.zone-examplecom.zone_id}', evaluate_target_health: true }, 'A', undefined],
    ]);
    expect(records.every((r) => r.zone_id === '${data.aws_route53_zone.zone-examplecom.zone_id}')).toBe(true);
    const gcpCheck = Object.values(checks).find((c: any) => c.ip_address === ips('t-gcp')[0]);
    expect(gcpCheck).toEqual({ ...gcpCheck as object, type: 'HTTPS', port: 443, resource_path: '/healthz', fqdn: 'shop.example.com', enable_sni: true, request_interval: 10, failure_threshold: 3 });
    expect(records[0].health_check_id).toBe(idOf(gcpCheck));
  });

  test('failover: swapping the roles changes each record\'s addresses and health check in place, never its type (Route 53 refuses two records of one type, and the provider updates one record per change batch)', () => {
    const swapped = fleetWith();
    swapped.platform.globalDns.endpoints[0].members = [{ cluster: 't-gcp', role: 'secondary' }, { cluster: 't-aws', role: 'primary' }];
    const after = renderWithAddons(swapped, outputs).stacks['global-dns'];
    const shop = (stack: any) => Object.entries<any>(stack.resource.aws_route53_record).filter(([, r]) => r.name === 'shop.example.com');
    const before = new Map(shop(dns));
    expect(shop(after).map(([address]) => address).sort()).toEqual([...before.keys()].sort());
    for (const [address, record] of shop(after)) {
      const was = before.get(address);
      expect({ address, type: record.failover_routing_policy, id: record.set_identifier }).toEqual({ address, type: was.failover_routing_policy, id: was.set_identifier });
      expect([record.records, record.alias]).not.toEqual([was.records, was.alias]);
      expect(record.health_check_id).not.toBe(was.health_check_id);
    }
    // The health checks stay with their members, and so do t-aws's address records: only the two records at the host change.
    expect(after.resource.aws_route53_health_check).toEqual(dns.resource.aws_route53_health_check);
    const addresses = (stack: any) => Object.entries<any>(stack.resource.aws_route53_record).filter(([, r]) => r.multivalue_answer_routing_policy);
    expect(addresses(after)).toEqual(addresses(dns));
    expect(shop(after).find(([, r]) => r.set_identifier === 'primary')![1].alias.name).toBe('t-aws._members.shop.example.com');
  });

  test('failover: a moved block takes over the record an earlier fleetsynth kept per cluster, for the cluster that holds the role now', () => {
    const address = (cluster: string) => `aws_route53_record.${logicalIdAt(stackScope('shop'), `${cluster}-record`)}`;
    const primary = Object.keys(dns.resource.aws_route53_record).find((k) => dns.resource.aws_route53_record[k].set_identifier === 'primary');
    const secondary = Object.keys(dns.resource.aws_route53_record).find((k) => dns.resource.aws_route53_record[k].set_identifier === 'secondary');
    expect([...dns.moved].sort((a: any, b: any) => a.to.localeCompare(b.to))).toEqual([
      { from: address('t-gcp'), to: `aws_route53_record.${primary}` },
      { from: address('t-aws'), to: `aws_route53_record.${secondary}` },
    ]);
    // what the records were called before: <endpoint>_<cluster>-record_<hash>
    expect(address('t-gcp')).toMatch(/^aws_route53_record\.shop_t-gcp-record_[0-9A-F]{8}$/);
    // the addresses the example's global-dns stack held before records were keyed by role (dist/ at 51b18ae), not derived here
    expect([logicalIdAt(stackScope('podinfo'), 'aws-prod-record'), logicalIdAt(stackScope('podinfo'), 'gcp-prod-record')]).toEqual(['podinfo_aws-prod-record_84265EB3', 'podinfo_gcp-prod-record_A84BBF76']);
    // weighted records keep their cluster keys: no move
    expect(dns.moved.filter((m: any) => m.from.includes('t-azure'))).toEqual([]);
  });

  test('a health check per member: one per address, and for a member with several (an NLB per zone) one that is healthy while any is', () => {
    const awsShop = Object.values(checks).filter((c: any) => c.fqdn === 'shop.example.com' && ips('t-aws').includes(c.ip_address));
    expect(awsShop.map((c: any) => c.ip_address)).toEqual(ips('t-aws'));
    const calculated = Object.values(checks).find((c: any) => c.type === 'CALCULATED' && c.tags.Name === 'shop-t-aws') as any;
    expect(calculated).toEqual(expect.objectContaining({ child_health_threshold: 1, child_healthchecks: awsShop.map(idOf) }));
    const record = all(dns, 'aws_route53_record').find((r) => r.name === 'shop.example.com' && r.set_identifier === 'secondary');
    expect(record.health_check_id).toBe(idOf(calculated));
  });

  test('a member with several addresses: a multivalue record per address at <cluster>._members.<host>, each with its own check, so that Route 53 stops answering with a zone\'s address whose check fails', () => {
    const awsShop = Object.values(checks).filter((c: any) => c.fqdn === 'shop.example.com' && ips('t-aws').includes(c.ip_address));
    const members = all(dns, 'aws_route53_record').filter((r) => r.name === 't-aws._members.shop.example.com');
    expect(members.map((r) => [r.type, r.records, r.ttl, r.set_identifier, r.multivalue_answer_routing_policy, r.health_check_id, r.zone_id])).toEqual(
      ips('t-aws').map((ip, i) => ['A', [ip], 60, `address-${i}`, true, idOf(awsShop[i]), '${data.aws_route53_zone.zone-examplecom.zone_id}']),
    );
    // the same for the weighted endpoint, in its zone, with its TTL
    expect(all(dns, 'aws_route53_record').filter((r) => r.name === 't-aws._members.api.example.net').map((r) => [r.records, r.ttl, r.zone_id])).toEqual(ips('t-aws').map((ip) => [[ip], 30, 'Z0123456789ABCDEFGHIJ']));
    // one address, no records of its own: GKE's and AKS's records hold their address
    expect(all(dns, 'aws_route53_record').filter((r) => r.multivalue_answer_routing_policy).map((r) => r.name.split('.')[0])).toEqual(Array(ips('t-aws').length * 2).fill('t-aws'));
  });

  test('the host\'s record for that member is an alias to them (evaluating their health, no TTL of its own) carrying the calculated check, written once they exist', () => {
    const byAddress = dns.resource.aws_route53_record;
    const [address, record] = Object.entries<any>(byAddress).find(([, r]) => r.name === 'shop.example.com' && r.set_identifier === 'secondary')!;
    expect(record.alias).toEqual({ name: 't-aws._members.shop.example.com', zone_id: '${data.aws_route53_zone.zone-examplecom.zone_id}', evaluate_target_health: true });
    expect([record.records, record.ttl]).toEqual([undefined, undefined]);
    const calculated = Object.values(checks).find((c: any) => c.type === 'CALCULATED' && c.tags.Name === 'shop-t-aws');
    expect(record.health_check_id).toBe(idOf(calculated));
    const targets = Object.keys(byAddress).filter((k) => byAddress[k].name === 't-aws._members.shop.example.com').map((k) => `aws_route53_record.${k}`);
    expect(record.depends_on).toEqual(targets);
    expect(address).toMatch(/^shop_record-secondary_/);
  });

  test('the address records go last: a record that stops being an alias to them (a role handed over, the member leaving) is updated before they are deleted', () => {
    const members = all(dns, 'aws_route53_record').filter((r) => r.multivalue_answer_routing_policy);
    expect(members).toHaveLength(2 * ips('t-aws').length);
    expect(members.map((r) => r.lifecycle)).toEqual(members.map(() => ({ create_before_destroy: true })));
  });

  test('the upgrade from records of addresses deletes nothing: every health check keeps its address, and the member\'s record its address, name, type and set identifier (one UPSERT)', () => {
    const scope = stackScope('shop');
    // what fleetsynth wrote before (records with every address, and the calculated check): those addresses stay
    const before = [...ips('t-aws').map((_, i) => `t-aws-check-${i}`), 't-aws-check', 't-gcp-check-0'].map((id) => logicalIdAt(scope, id));
    expect(Object.keys(checks).filter((k) => k.startsWith('shop_')).sort()).toEqual(before.sort());
    const record = dns.resource.aws_route53_record[logicalIdAt(scope, 'record-secondary')];
    expect([record.name, record.type, record.set_identifier, record.failover_routing_policy]).toEqual(['shop.example.com', 'A', 'secondary', { type: 'SECONDARY' }]);
    // weighted: the record keeps its cluster key
    expect(dns.resource.aws_route53_record[logicalIdAt(stackScope('api'), 't-aws-record')]).toEqual(expect.objectContaining({ name: 'api.example.net', set_identifier: 't-aws', alias: expect.anything() }));
  });

  test('every health check is replaced new-first: Route 53 refuses to delete a child a calculated check still lists', () => {
    // type and request_interval are ForceNew: a port or interval edit replaces every check of the endpoint.
    expect(Object.values(checks).map((c: any) => c.lifecycle)).toEqual(Object.values(checks).map(() => ({ create_before_destroy: true })));
  });

  test('weighted: a record per member with its weight and health check; the given zone id; HTTP on the status port', () => {
    const records = all(dns, 'aws_route53_record').filter((r) => r.name === 'api.example.net');
    expect(records.map((r) => [r.set_identifier, r.weighted_routing_policy, r.zone_id, r.ttl ?? r.alias.name, r.failover_routing_policy])).toEqual([
      ['t-aws', { weight: 70 }, 'Z0123456789ABCDEFGHIJ', 't-aws._members.api.example.net', undefined],
      ['t-azure', { weight: 30 }, 'Z0123456789ABCDEFGHIJ', 30, undefined],
    ]);
    const azureCheck = Object.values(checks).find((c: any) => c.ip_address === ips('t-azure')[0]) as any;
    expect(azureCheck).toEqual(expect.objectContaining({ type: 'HTTP', port: 15021, resource_path: '/healthz/ready', fqdn: 'api.example.net' }));
    expect(azureCheck.enable_sni).toBeUndefined();
    expect(records[1].health_check_id).toBe(idOf(azureCheck));
  });

  test('a member whose outputs lack its ingress address (its stack applied before it joined): its gateway, checks and record wait, the others are written', () => {
    const partial = fakeOutputsWithAddons(fleet);
    partial.set('t-azure', { ...partial.get('t-azure')!, values: {} });
    const r = renderWithAddons(fleet, partial);
    expect(all(r.stacks['global-dns'], 'aws_route53_record').filter((x) => !x.multivalue_answer_routing_policy).map((x) => [x.name, x.set_identifier])).toEqual([
      ['api.example.net', 't-aws'], ['shop.example.com', 'primary'], ['shop.example.com', 'secondary'],
    ]);
    expect(r.heldBack.filter((h) => h.subject === 'addons[global-dns]')).toEqual([
      { subject: 'addons[global-dns]', what: 'Istio ingress gateway of t-azure (bound to its static address)', waitingFor: 'terraform-outputs/t-azure.json with global_dns_ingress_ips (apply stack t-azure)' },
      { subject: 'addons[global-dns]', what: 'Route 53 health checks and record of api.example.net for t-azure (stack global-dns)', waitingFor: 'terraform-outputs/t-azure.json with global_dns_ingress_ips (apply stack t-azure)' },
    ]);
    expect(renderWithAddons(fleet).stacks['global-dns']).toBeUndefined();
  });
});

describe('static ingress addresses, per cloud', () => {
  test('AWS: an Elastic IP per zone; their addresses and allocation ids exported', () => {
    const s = stacks['t-aws'];
    expect(all(s, 'aws_eip').filter((e) => e.tags.Name.startsWith('t-aws-ingress')).map((e) => [e.domain, e.tags.Name])).toEqual([
      ['vpc', 't-aws-ingress-eu-west-1a'], ['vpc', 't-aws-ingress-eu-west-1b'], ['vpc', 't-aws-ingress-eu-west-1c'],
    ]);
    expect(s.output.global_dns_ingress_ips.value).toMatch(/^\$\{join\(",", \[aws_eip\..+\.public_ip, aws_eip\..+\.public_ip, aws_eip\..+\.public_ip\]\)\}$/);
    expect(s.output.global_dns_ingress_eip_allocations.value).toMatch(/allocation_id/);
  });

  test('GCP: a regional external address in the cluster\'s region', () => {
    expect(all(stacks['t-gcp'], 'google_compute_address').filter((a) => a.name === 't-gcp-ingress')).toEqual([expect.objectContaining({ region: 'europe-west4', address_type: 'EXTERNAL' })]);
    expect(stacks['t-gcp'].output.global_dns_ingress_ips.value).toMatch(/google_compute_address\..+\.address/);
  });

  test('Azure: a Standard static public IP in the cluster\'s resource group, and Network Contributor there for the cluster identity', () => {
    const s = stacks['t-azure'];
    expect(all(s, 'azurerm_public_ip').filter((p) => p.name === 't-azure-ingress')).toEqual([expect.objectContaining({ sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] })]);
    // A zone edit of the cluster leaves it alone: replacing it would fail while the load balancer holds it.
    expect(all(s, 'azurerm_public_ip').find((p) => p.name === 't-azure-ingress').lifecycle).toEqual({ ignore_changes: ['zones'] });
    expect(all(s, 'azurerm_role_assignment').find((r) => r.role_definition_name === 'Network Contributor')).toEqual(expect.objectContaining({
      scope: expect.stringMatching(/^\$\{azurerm_resource_group\..+\.id\}$/),
      principal_id: expect.stringMatching(/^\$\{azurerm_user_assigned_identity\.aks_control-plane_.+\.principal_id\}$/),
    }));
  });

  test('Azure: on two zones the ingress address names every zone of the region, as Azure makes it zone-redundant and reads them all back (azure-public-ip-zones.ts)', () => {
    const edited = fleetWith();
    edited.clusters.find((c: any) => c.name === 't-azure').zones = ['1', '2'];
    const ingress = all(synthFleetStack(edited, 't-azure', outputs), 'azurerm_public_ip').find((p) => p.name === 't-azure-ingress');
    expect(ingress.zones).toEqual(['1', '2', '3']);
  });

  test('Azure: a zone edit of the cluster leaves its ingress address alone (the replacement guard names the egress address, not it)', () => {
    const stackOf = (f: any) => JSON.stringify(synthFleetStack(f, 't-azure', outputs));
    const edited = fleetWith();
    // One zone: the egress address goes from zone-redundant to zonal (two or three zones are both every zone, azure-public-ip-zones.ts).
    edited.clusters.find((c: any) => c.name === 't-azure').zones = ['1'];
    const problems = replacements(resolveFleet(edited), [{ stack: 't-azure', before: stackOf(fleetWith()), after: stackOf(edited) }]);
    expect(problems.map((p) => p.message).join('\n')).toMatch(/azurerm_public_ip\.aks_egress/);
    expect(problems.map((p) => p.message).join('\n')).not.toMatch(/ingress-address/);
  });

  test('a cluster serving no endpoint gets no address; without platform.globalDns no cluster does', () => {
    expect(JSON.stringify(stacks['t-mgmt'])).not.toMatch(/global_dns_|ingress/);
    const off = renderWithAddons(testFleet(), fakeOutputsWithAddons(testFleet()));
    expect(Object.keys(off.stacks)).not.toContain('global-dns');
    expect(Object.keys(off.files).filter((f) => f.includes('ingress'))).toEqual([]);
  });
});

describe('the ingress gateway, bound to the static address through the annotations each cloud reads', () => {
  const app = (cluster: string) => parse(files[`k8s/aws/t-mgmt/argocd/clusters/${cluster}/application.argoproj.io_${cluster}-istio-ingress.yaml`]);

  test('AWS: an NLB on the Elastic IPs (the in-tree service controller), cross-zone so that every address reaches every node', () => {
    const values = app('t-aws').spec.source.helm.valuesObject;
    expect(values.service.annotations).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb',
      'service.beta.kubernetes.io/aws-load-balancer-eip-allocations': outputs.get('t-aws')!.values!.global_dns_ingress_eip_allocations,
      'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true',
    });
  });

  test('GCP: a backend-service-based passthrough NLB on the named regional address', () => {
    expect(app('t-gcp').spec.source.helm.valuesObject.service.annotations).toEqual({ 'cloud.google.com/l4-rbs': 'enabled', 'networking.gke.io/load-balancer-ip-addresses': 't-gcp-ingress' });
  });

  test('Azure: the public IP by name, in the cluster\'s resource group', () => {
    expect(app('t-azure').spec.source.helm.valuesObject.service.annotations).toEqual({ 'service.beta.kubernetes.io/azure-pip-name': 't-azure-ingress', 'service.beta.kubernetes.io/azure-load-balancer-resource-group': 't-azure-rg' });
  });

  test('two pods at least, spread over zones then nodes, a drain evicting one at a time: one pod would take the member off the internet at each drain', () => {
    const values = app('t-aws').spec.source.helm.valuesObject;
    // The chart writes its PodDisruptionBudget only above one replica (gateway templates/poddisruptionbudget.yaml).
    expect(values.autoscaling).toEqual({ minReplicas: 2 });
    expect(values.podDisruptionBudget).toEqual({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    const selector = { matchLabels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } };
    expect(values.topologySpreadConstraints.map((c: any) => [c.topologyKey, c.whenUnsatisfiable, c.labelSelector])).toEqual([
      ['topology.kubernetes.io/zone', 'ScheduleAnyway', selector],
      ['kubernetes.io/hostname', 'ScheduleAnyway', selector],
    ]);
  });

  test('Istio\'s gateway chart at the pinned version, in istio-ingress, in the gateways wave, on members only', () => {
    const a = app('t-gcp');
    expect(a.spec.source).toEqual(expect.objectContaining({ chart: 'gateway', repoURL: 'https://blob.istio.io/istio-release/charts', targetRevision: ISTIO_VERSION }));
    expect(a.spec.destination).toEqual({ name: 't-gcp', namespace: 'istio-ingress' });
    expect(a.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe(String(SYNC_WAVE.gateways));
    expect(SYNC_WAVE.gateways).toBeGreaterThan(SYNC_WAVE.clusterPlatform);
    // The chart says it brings a load balancer, so the convergence check reports it in a waited wave.
    expect(ingressGatewayChart({ binding: { cloud: 'gcp', addressName: 'x' } }).contents.loadBalancerService).toBe(true);
    expect(a.spec.source.helm.valuesObject.labels).toEqual({ app: 'istio-ingressgateway', istio: 'ingressgateway' });
    expect(Object.keys(files).filter((f) => f.endsWith('-istio-ingress.yaml')).sort()).toEqual(['t-aws', 't-azure', 't-gcp'].map((c) => `k8s/aws/t-mgmt/argocd/clusters/${c}/application.argoproj.io_${c}-istio-ingress.yaml`));
  });

  test('each member has the ingress namespace (bootstrap stage) and, per endpoint it serves, a Gateway and a VirtualService for the host; only VirtualServices beside the Gateway bind to it (./host)', () => {
    expect(parse(files['k8s/gcp/t-gcp/_bootstrap/_cluster/namespace_istio-ingress.yaml']).metadata.name).toBe('istio-ingress');
    // With the quota that admits the gateway's system-cluster-critical pods on GKE (lib/k8s/critical-pods.ts), in the same stage.
    expect(parse(files['k8s/gcp/t-gcp/_bootstrap/istio-ingress/resourcequota_critical-pods.yaml']).spec.scopeSelector).toEqual({ matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['system-cluster-critical'] }] });
    const gateway = parse(files['k8s/gcp/t-gcp/istio-ingress/gateway.networking.istio.io_shop.yaml']);
    expect(gateway.spec.servers).toEqual([
      { port: { number: 443, name: 'https-shop', protocol: 'HTTPS' }, hosts: ['./shop.example.com'], tls: { mode: 'SIMPLE', credentialName: 'shop-tls' } },
      { port: { number: 80, name: 'http-shop', protocol: 'HTTP' }, hosts: ['./shop.example.com'], tls: { httpsRedirect: true } },
    ]);
    const vs = parse(files['k8s/gcp/t-gcp/istio-ingress/virtualservice.networking.istio.io_shop.yaml']);
    expect(vs.spec).toEqual({ hosts: ['shop.example.com'], gateways: ['istio-ingress/shop'], http: [{ route: [{ destination: { host: 'shop.shop.svc.cluster.local', port: { number: 8080 } } }] }] });
    expect(vs.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '2', 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' });
    expect(Object.keys(files).filter((f) => /istio-ingress\/(gateway|virtualservice)/.test(f)).sort()).toEqual([
      'k8s/aws/t-aws/istio-ingress/gateway.networking.istio.io_api.yaml',
      'k8s/aws/t-aws/istio-ingress/gateway.networking.istio.io_shop.yaml',
      'k8s/aws/t-aws/istio-ingress/virtualservice.networking.istio.io_api.yaml',
      'k8s/aws/t-aws/istio-ingress/virtualservice.networking.istio.io_shop.yaml',
      'k8s/azure/t-azure/istio-ingress/gateway.networking.istio.io_api.yaml',
      'k8s/azure/t-azure/istio-ingress/virtualservice.networking.istio.io_api.yaml',
      'k8s/gcp/t-gcp/istio-ingress/gateway.networking.istio.io_shop.yaml',
      'k8s/gcp/t-gcp/istio-ingress/virtualservice.networking.istio.io_shop.yaml',
    ]);
  });
});

test('synth writes it all, every Kubernetes object passing its upstream schema in strict mode (with the interconnect on too)', () => {
  const f = fleetWith();
  f.platform.interconnect = { clusters: { 't-aws': { asn: 64610 }, 't-gcp': { asn: 64620 }, 't-azure': { asn: 64630, gatewaySubnetCidr: '10.200.0.0/27' } } };
  const out = path.join(tempDir(), 'dist');
  const result = synth(f, { outDir: out, outputsDir: outputsFolder(fakeOutputsWithAddons(f), Object.fromEntries(fakeStackOutputsWithAddons(f))) });
  expect(result.heldBack).toEqual([]);
  expect(result.plan.added.map((a) => a.path).filter((p) => /global-dns|interconnect|istio-ingress/.test(p))).toHaveLength(21);
});

test('the diagram has a node per endpoint, linked to its members; a member without its ingress addresses has no record yet', () => {
  const addon = fleetAddons(fleet).addons.find((a) => a.name === 'global-dns')!;
  const outputs = fakeOutputsWithAddons(fleet);
  outputs.delete('t-azure');
  expect(addon.diagram!({ fleet: resolveFleet(fleet), outputs, stackOutputs: new Map() } as any)).toEqual({
    nodes: [{ id: 'api', label: 'api.example.net (Route 53 weighted)' }, { id: 'shop', label: 'shop.example.com (Route 53 failover)' }],
    links: [
      { from: 'api', to: 't-aws', label: 'weight 70', kind: 'traffic' },
      { from: 'api', to: 't-azure', label: 'weight 30, no Route 53 record yet (no ingress address)', kind: 'traffic' },
      { from: 'shop', to: 't-aws', label: 'secondary', kind: 'failover' },
      { from: 'shop', to: 't-gcp', label: 'primary', kind: 'failover' },
    ],
  });
});

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
(terraform.status === 0 ? test : test.skip)(`terraform parses the global-dns stack${terraform.status === 0 ? '' : ' (skipped: no terraform binary)'}`, () => {
  const dir = tempDir('fleetsynth-tf-');
  const { backend: _, ...tf } = dns.terraform;
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({ ...dns, terraform: tf }));
  const run = spawnSync('terraform', ['providers', '-no-color'], { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('provider[registry.terraform.io/hashicorp/aws] 6.25.0');
});
