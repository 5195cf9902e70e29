import { resolveFleet } from '../fleet';
import { ingressGatewayChart } from '../addons/global-dns/ingress-gateway';
import { PrivateEastWestService } from '../k8s/istio/private-eastwest-service';
import * as path from 'path';
import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { synthChart } from '../../test/k8s-fixture';
import { tempDir } from '../../test/tree';
import { DEFAULT_SECURITY_GROUP_INBOUND_RULES, eksNlbRules, eksSecurityGroupRuleWarnings, nlbInboundRules } from './eks-security-group-rules';
import { synth } from './synth';

const fleet = resolveFleet(fullFleet());
const cluster = (name: string) => fleet.clusters.find((c) => c.name === name)!;

/** `n` distinct /16s, as the peers' node (and GKE pod) ranges. */
const ranges = (n: number) => Array.from({ length: n }, (_, i) => `10.${100 + i}.0.0/16`);

/** The internal east-west gateway Service of `name`, as synth finds its rules when it renders it into the cluster's folder. */
function privateGateway(name: string, sourceRanges: readonly string[]) {
  const c = cluster(name);
  const [svc] = synthChart((chart) => new PrivateEastWestService(chart, 'svc', { cloud: c.cloud, sourceRanges }));
  const nlb = eksNlbRules(c, svc);
  return nlb ? { eksNlbRules: nlb } : {};
}

describe('inbound rules on an EKS cluster security group against AWS\'s default quota (60)', () => {
  test('the in-tree controller\'s rules for one NLB: a rule per node port and range, an ICMP rule per range, health checks per node port and zone', () => {
    const [svc] = synthChart((chart) => new PrivateEastWestService(chart, 'svc', { cloud: 'aws', sourceRanges: ranges(3) }));
    // 2 ports × 3 ranges + 3 ICMP + 2 ports × 3 zones.
    expect(nlbInboundRules(svc, 3)).toBe(15);
    // Open to everyone over TCP: the client rules cover the health checks.
    expect(nlbInboundRules({ spec: { ports: [{}, {}, {}] } }, 3)).toBe(4);
  });

  test('17 peer ranges on a three-zone cluster: 59 rules, no warning; 18: 62, a warning naming the cluster, the count and the quota to raise', () => {
    expect(DEFAULT_SECURITY_GROUP_INBOUND_RULES).toBe(60);
    expect(eksSecurityGroupRuleWarnings([privateGateway('aws-prod', ranges(17))])).toEqual([]);
    expect(eksSecurityGroupRuleWarnings([privateGateway('aws-prod', ranges(18))])).toEqual([
      expect.stringMatching(/^EKS cluster aws-prod: its cluster security group needs 62 inbound rules \(istio-eastwestgateway-private 60, EKS's own and the public east-west gateway's 2; .*\), more than AWS's default quota of 60 per security group: .*L-0EA8095F/),
    ]);
  });

  test('the global DNS ingress gateway of an EKS member (Istio\'s gateway chart through Argo CD, an NLB open to 0.0.0.0/0 on 3 TCP ports): 4 rules on its destination\'s group', () => {
    const chart = ingressGatewayChart({ binding: { cloud: 'aws', allocationIds: ['eipalloc-1', 'eipalloc-2', 'eipalloc-3'] } });
    // The Application as the management cluster's folder holds it (dist/k8s/aws/mgmt/argocd/clusters/aws-prod/).
    const application = (destination: string) => ({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: `${destination}-istio-ingress`, namespace: 'argocd' },
      spec: { destination: { name: destination, namespace: chart.namespace }, source: { repoURL: chart.repoURL, chart: chart.chart, targetRevision: chart.version, helm: { releaseName: chart.releaseName, valuesObject: chart.values } } },
    });
    const rendered = (destination: string) => eksNlbRules(cluster('mgmt'), application(destination), fleet.clusters);
    expect(rendered('aws-prod')).toEqual({ cluster: 'aws-prod', service: 'istio-ingressgateway', rules: 4 });
    // A GKE or AKS member's gateway is no EKS security group's.
    expect(rendered('gcp-prod')).toBeUndefined();
    // 17 peer ranges (59 rules, no warning alone) and the ingress gateway: 63.
    expect(eksSecurityGroupRuleWarnings([privateGateway('aws-prod', ranges(17)), { eksNlbRules: rendered('aws-prod') }])).toEqual([
      expect.stringMatching(/^EKS cluster aws-prod: its cluster security group needs 63 inbound rules \(istio-eastwestgateway-private 57, istio-ingressgateway 4, EKS's own and the public east-west gateway's 2; your own load balancers' come on top\)/),
    ]);
  });

  test('GKE and AKS clusters\' internal gateways are not counted: their controllers write firewall or NSG rules that take many ranges each', () => {
    expect(eksSecurityGroupRuleWarnings([privateGateway('gcp-prod', ranges(30)), privateGateway('azure-prod', ranges(30))])).toEqual([]);
  });

  test('synth warns, without failing, where the internal east-west gateway of an EKS cluster linked to nine GKE networks passes the quota', () => {
    // Eight more GKE clusters on the interconnect: aws-prod and mgmt each admit 9 GKE node and pod ranges and azure-prod's nodes, 19 ranges.
    const f = fullFleet();
    const gke = clusterOf(f, 'gcp-prod');
    for (let i = 0; i < 8; i++) {
      f.clusters.push({ ...gke, name: `gcp-x${i}`, apiAccess: undefined, network: { nodeCidr: `10.${40 + i}.0.0/20`, podCidr: `10.${64 + 4 * i}.0.0/14`, serviceCidr: `172.${24 + i}.0.0/20`, controlPlaneCidr: `172.16.${1 + i}.0/28` } });
      f.platform.interconnect.clusters[`gcp-x${i}`] = { asn: 64700 + i };
    }
    // 9 GKE networks × 2 AWS networks × 4 tunnels: more than the default pool's /30s.
    f.platform.interconnect.tunnelRanges = { 'aws-gcp': '169.254.64.0/23' };
    const outDir = path.join(tempDir(), 'dist');
    const options = { outDir, outputsDir: path.join(tempDir(), 'no-outputs'), cache: path.join(tempDir(), 'cache') };
    const { warnings } = synth(f, options);
    // 2 ports × 19 ranges + 19 ICMP + 2 ports × 3 zones, and the 2 always there.
    const expected = ['aws-prod', 'mgmt'].map((c) => expect.stringMatching(new RegExp(`^EKS cluster ${c}: its cluster security group needs 65 inbound rules \\(istio-eastwestgateway-private 63,`)));
    expect(warnings.filter((w) => w.includes('cluster security group'))).toEqual(expected);
    // Again with every unit from the cache (one cluster edited, so synth runs): the rules come with the cached files.
    clusterOf(f, 'azure-prod').nodePools[0].maxSize += 1;
    expect(synth(f, options).warnings.filter((w) => w.includes('cluster security group'))).toEqual(expected);
  }, 120_000);
});
