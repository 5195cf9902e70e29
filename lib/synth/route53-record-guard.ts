import { Problem, show } from '../fleet';
import { neverApplied, parseStack, StackChange } from './replacement-guard';

const GLOBAL_DNS_STACK = 'global-dns';
const ENDPOINTS = 'platform.globalDns.endpoints';
const PROCEDURE = 'README, "Global DNS", "Changing an endpoint\'s policy or name"';
const NO_FLAG = '--allow-replace does not change that';

/** A Route 53 record of a stack's `cdk.tf.json`, with the global endpoint that wrote it. */
interface Record53 {
  readonly endpoint: string;
  readonly host: string;
  readonly type: string;
  readonly zone: string;
  readonly policy: string;
}

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The routing policies fleetsynth writes; a record with neither is a simple one. */
const policyOf = (r: Readonly<Record<string, unknown>>): string => (r.failover_routing_policy !== undefined ? 'failover' : r.weighted_routing_policy !== undefined ? 'weighted' : 'simple');

function recordsOf(text: string): Record53[] {
  const resources = parseStack(text)?.resource?.aws_route53_record ?? {};
  return Object.entries(resources).flatMap(([address, r]) => {
    if (!isObject(r) || typeof r.name !== 'string' || typeof r.type !== 'string') return [];
    // A member's own address records (multivalue, at `<cluster>._members.<host>`, which the host's record
    // is an alias to) are named after the host and written by the same endpoint: judged through the host's.
    if (r.multivalue_answer_routing_policy === true) return [];
    // The endpoint's construct holds its records: `<stack>/<endpoint>/record-primary` (cdktf's metadata path),
    // its logical ids `<endpoint>_…` (an endpoint name is a DNS label, with no "_").
    const metadata = isObject(r['//']) && isObject(r['//'].metadata) ? r['//'].metadata : {};
    const endpoint = typeof metadata.path === 'string' ? metadata.path.split('/')[1] : address.split('_')[0];
    // Route 53 names are case-insensitive, a trailing dot optional (API_ResourceRecordSet, Name).
    return [{ endpoint, host: r.name.toLowerCase().replace(/\.$/, ''), type: r.type, zone: typeof r.zone_id === 'string' ? r.zone_id : '', policy: policyOf(r) }];
  });
}

/** Two zone ids that may be one zone: a reference (a zone looked up by name) could resolve to the other's literal id. */
const maySameZone = (a: string, b: string) => a === b || a.includes('${') || b.includes('${');

const list = (values: Iterable<string>) => [...new Set(values)].sort().join(', ');

/**
 * Edits of a global endpoint that one apply cannot make on the live records of its host. Route 53
 * keeps a name and type to one routing policy: it refuses a weighted record beside a failover one and
 * a failover record beside a weighted one (API_ResourceRecordSet, `Failover`: "You can't create
 * non-failover resource record sets that have the same values for the Name and Type elements as
 * failover resource record sets"; `Weight`: the same for latency, failover or geolocation beside
 * weighted), and a record that exists is not created again ("already exists"). The aws provider sends
 * one change batch per record (terraform-provider-aws internal/service/route53/record.go: a plain
 * CREATE in resourceRecordCreate, DELETE then CREATE in resourceRecordUpdate), and Terraform deletes the
 * records no longer written and creates the new ones in parallel (nothing orders them: simple to weighted,
 * `InvalidChangeBatch ... cannot be created as a non-weighted set exists`, and a second run went through,
 * hashicorp/terraform-provider-aws#1852). So:
 * - a `policy` switched from failover to weighted: the failover records (`record-<role>`) are deleted while
 *   the weighted ones (`<cluster>-record`) are created; the creates fail and the deletes go through, and
 *   the host has no address until the next apply;
 * - from weighted to failover: the moved blocks that take over an earlier fleetsynth's per-cluster records
 *   (global-dns-records.ts recordFor) make each weighted record a failover one in place, each batch
 *   leaving it beside a weighted one: every apply fails;
 * - the host's records written under another endpoint name (a rename, or the host handed to another
 *   endpoint): every record gets a new address, the creates fail on the records being deleted.
 * For the `global-dns` stack, when the previous synth wrote it and this one writes it again, the records
 * of each name and type there before and now (in a zone that may be the same) are compared. No flag lets these through: the
 * way is two applies, with the host out of Route 53 in between (the message and the README say how).
 */
export function route53RecordConflicts(changes: readonly StackChange[], shownAs: string): Problem[] {
  const problems: Problem[] = [];
  // The paths name global endpoints: an add-on's stack of its own is not judged here.
  for (const change of changes.filter((c) => c.stack === GLOBAL_DNS_STACK)) {
    const before = recordsOf(change.before);
    const after = recordsOf(change.after);
    const group = (records: readonly Record53[]) => {
      const by = new Map<string, Record53[]>();
      for (const r of records) by.set(`${r.host} ${r.type}`, [...(by.get(`${r.host} ${r.type}`) ?? []), r]);
      return by;
    };
    const was = group(before);
    for (const [key, now] of group(after)) {
      const old = (was.get(key) ?? []).filter((o) => now.some((n) => maySameZone(o.zone, n.zone)));
      if (old.length === 0) continue;
      const { host } = now[0];
      const zone = host.split('.').slice(1).join('.');
      const endpoint = now[0].endpoint;
      const oldEndpoint = old[0].endpoint;
      const [from, to] = [list(old.map((r) => r.policy)), list(now.map((r) => r.policy))];
      const unapplied = neverApplied(change.stack, shownAs);
      if (from !== to) {
        // The moved blocks name the records of the same endpoint: renamed as well, nothing is moved.
        const why =
          to === 'failover' && old.some((o) => o.endpoint === endpoint)
            ? `the moved blocks that take over the records an earlier fleetsynth kept per cluster make each ${from} record a failover one in place, one Route 53 change batch each, and Route 53 refuses a failover record beside a ${from} one of the same name and type: every apply of stack ${change.stack} fails`
            : `terraform deletes the ${from} records and creates the ${to} ones in parallel, Route 53 refuses a ${to} record beside a ${from} one of the same name and type, and the creates fail once the deletes went through: ${host} has no address until the next apply`;
        problems.push({
          path: `${ENDPOINTS}[${endpoint}].policy`,
          message: `the Route 53 records of ${host} change routing policy (${from} → ${to}) in one apply: ${why}; ${NO_FLAG}`,
          given: show(to),
          allowed: `${show(from)} as before; to switch, two applies: set host to a name of ${zone} that nothing uses (e.g. "${host.split('.')[0]}-switch.${zone}"), synth and apply, so that Route 53 holds no record of ${host}; then set host back with policy ${show(to)}, synth and apply. In between ${host} has no address and is not served, and resolvers may keep that empty answer for the zone's negative-caching time (its SOA record, RFC 2308) (${PROCEDURE}); ${unapplied}`,
        });
      }
      if (!old.some((o) => o.endpoint === endpoint)) {
        const renamed = !after.some((r) => r.endpoint === oldEndpoint);
        const allowed = renamed
          ? `name ${show(oldEndpoint)} as before (it names only the Istio Gateway and VirtualService and the health checks' Name tags); to rename, two applies: under the name ${show(oldEndpoint)}, set host to a name of ${zone} that nothing uses, synth and apply; then rename it with host ${show(host)}, synth and apply (${host} has no address in between). Either way the default tlsSecretName follows the name: set tlsSecretName to the Secret the members hold (${show(`${oldEndpoint}-tls`)} unless it was set), or provide ${show(`${endpoint}-tls`)} on every member first (${PROCEDURE})`
          : `${host} with endpoint ${oldEndpoint} as before; to hand it over, two applies: first take it from ${oldEndpoint} (synth and apply), then give it to ${endpoint} (synth and apply; ${host} has no address in between) (${PROCEDURE})`;
        problems.push({
          path: `${ENDPOINTS}[${endpoint}].${renamed ? 'name' : 'host'}`,
          message: `the Route 53 records of ${host}, which endpoint ${oldEndpoint} wrote, are written by endpoint ${endpoint}: each record gets another Terraform address, terraform deletes the old ones and creates the new ones in parallel, and Route 53 refuses a record that exists ("already exists"): the creates fail once the deletes went through, and ${host} has no address until the next apply; ${NO_FLAG}`,
          given: show(renamed ? endpoint : host),
          allowed: `${allowed}; ${unapplied}`,
        });
      }
    }
  }
  return problems;
}
