import { asText, CloudNameRuleId, DerivedCloudName, resourceGroupName } from '../../fleet';

/** Name of a cluster's static ingress address (GCP address, Azure public IP; AWS Name tag prefix). */
export const ingressAddressName = (cluster: string): string => `${cluster}-ingress`;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every cloud name global DNS emits for the fleet as written: the static ingress address of each
 * GKE and AKS cluster that serves an endpoint (on EKS they are Elastic IPs, with Name tags only),
 * checked against the naming table (lib/fleet/cloud-names.ts) at the cluster's first membership,
 * `platform.globalDns.endpoints[<endpoint>].members[<cluster>]`.
 */
export function globalDnsCloudNames(fleet: Readonly<Record<string, unknown>>): DerivedCloudName[] {
  const settings = isRecord(fleet.platform) && isRecord(fleet.platform.globalDns) ? fleet.platform.globalDns : undefined;
  const endpoints = settings && Array.isArray(settings.endpoints) ? settings.endpoints.filter(isRecord) : [];
  const clusters = new Map<string, Record<string, unknown>>();
  for (const c of Array.isArray(fleet.clusters) ? fleet.clusters : []) if (isRecord(c) && typeof c.name === 'string') clusters.set(c.name, c);
  const first = new Map<string, string>();
  for (const e of endpoints) {
    for (const m of Array.isArray(e.members) ? e.members.filter(isRecord) : []) {
      if (typeof m.cluster === 'string' && clusters.has(m.cluster) && !first.has(m.cluster)) first.set(m.cluster, `platform.globalDns.endpoints[${asText(e.name)}].members[${m.cluster}]`);
    }
  }
  const names: DerivedCloudName[] = [];
  for (const [name, path] of first) {
    const c = clusters.get(name)!;
    const add = (rule: CloudNameRuleId, scope: string) => names.push({ rule, value: ingressAddressName(name), path, scope });
    if (c.cloud === 'gcp') add('gcpComputeName', `gcp:${asText(c.project)}:${asText(c.region)}:address`);
    if (c.cloud === 'azure') add('azurePublicIpName', `azure:${typeof c.subscriptionId === 'string' ? c.subscriptionId : "(the pipeline's subscription)"}:${resourceGroupName({ name }).toLowerCase()}`);
  }
  return names;
}

/**
 * The name of a member's own records, one per ingress address, when it has several (an EKS member: an
 * Elastic IP per zone): `<cluster>._members.<host>`, in the host's hosted zone, which the host's record
 * for that member is an alias to (global-dns-records.ts). The underscore label keeps it apart from every
 * host an endpoint can have (validate-global-dns.ts: letters, digits and "-"); Route 53 takes "_" in
 * record names and returns it as is, unescaped (docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html),
 * so the provider reads back the name it wrote.
 */
export const memberRecordName = (cluster: string, host: string): string => `${cluster}._members.${host}`;
