import { Construct } from 'constructs';
import { logicalIdAt } from '../../infra/cdktf';
import { Route53HealthCheck, Route53Record } from '../../infra/providers/aws';
import { memberRecordName } from './names';

export interface GlobalDnsMember {
  readonly cluster: string;
  /** The member's public ingress addresses. */
  readonly ips: readonly string[];
  /** Failover policy. */
  readonly role?: 'primary' | 'secondary';
  /** Weighted policy. */
  readonly weight?: number;
}

export interface GlobalDnsRecordsProps {
  /** Prefix of the health checks' Name tags. */
  readonly name: string;
  readonly host: string;
  readonly zoneId: string;
  readonly policy: 'failover' | 'weighted';
  /**
   * The members whose addresses exist, any subset of the endpoint's: a member's checks and record take
   * ids and values from that member alone, so one that arrives later adds its own and changes no other.
   * Route 53 answers from the records the group (name and type) has, and when none is healthy as if all
   * were (docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records.html):
   * weighted records spread over those that exist; a failover PRIMARY alone is always the answer. A
   * SECONDARY alone: AWS wants both for failover to work (resource-record-sets-values-failover.html,
   * "Failover record type") and does not say how one alone is answered. It is written all the same: it
   * is the one member that can serve, and holding it back would delete a live standby's record when a
   * new cluster takes over as primary.
   */
  readonly members: readonly GlobalDnsMember[];
  readonly healthCheck: { readonly path: string; readonly port: number; readonly intervalSeconds: number; readonly failureThreshold: number };
  readonly ttlSeconds: number;
}

/**
 * One host name served by several clusters, on any cloud: a Route 53 health check per member address
 * (checkers on the internet probe the member's public ingress addresses, sending the host as Host
 * header and TLS SNI), and a record per member in the endpoint's policy: weighted, with the member's
 * cluster as set identifier, or failover, with the role as set identifier (see memberRecord). Route 53
 * answers only with healthy members' records; when every member is unhealthy it answers as if all
 * were healthy (docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html).
 *
 * A member with one address (GKE, AKS): its record holds the address and carries its check. A member
 * with several (EKS: an NLB node and Elastic IP per zone) gets a multivalue answer record per address
 * at its own name (memberRecordName), each carrying that address's check, and its record at the host is
 * an alias to them: Route 53 answers with the healthy ones only, so a zone whose NLB node is gone drops
 * out of the answers while the others serve (routing-policy-multivalue.html: "responds to DNS queries
 * with the corresponding IP address only when the health check is healthy", up to eight). See AddressRecords.
 */
export class GlobalDnsRecords extends Construct {
  /** The health check each member's record carries, by cluster. */
  readonly healthChecks: ReadonlyMap<string, Route53HealthCheck>;
  readonly records: readonly Route53Record[];

  constructor(scope: Construct, id: string, props: GlobalDnsRecordsProps) {
    super(scope, id);
    const { healthCheck } = props;
    // Port 443 goes through TLS to the backend; the status port 15021 is plain HTTP.
    const https = healthCheck.port === 443;
    const checks = new Map<string, Route53HealthCheck>();
    // A check that must be replaced (type and request_interval are ForceNew in the aws provider,
    // internal/service/route53/health_check.go) is created first: Route 53 refuses to delete a child of a
    // calculated check still listing it (hashicorp/terraform#22171), and a record whose check is deleted
    // under it is answered unpredictably (API_DeleteHealthCheck). New first, the parent and the record
    // move to it in place, then the old one goes.
    const lifecycle = { createBeforeDestroy: true };
    this.records = props.members.map((m) => {
      const tag = `${props.name}-${m.cluster}`;
      const perAddress = m.ips.map(
        (ip, i) =>
          new Route53HealthCheck(this, `${m.cluster}-check-${i}`, {
            type: https ? 'HTTPS' : 'HTTP',
            ipAddress: ip,
            port: healthCheck.port,
            resourcePath: healthCheck.path,
            // With an IP address, Route 53 sends fqdn as the Host header (and SNI with enable_sni) (API_HealthCheckConfig: FullyQualifiedDomainName).
            fqdn: props.host,
            ...(https ? { enableSni: true } : {}),
            requestInterval: healthCheck.intervalSeconds,
            failureThreshold: healthCheck.failureThreshold,
            tags: { Name: m.ips.length > 1 ? `${tag}-${i}` : tag },
            lifecycle,
          }),
      );
      if (perAddress.length === 1) {
        checks.set(m.cluster, perAddress[0]);
        return memberRecord(this, props, m, perAddress[0], { ttl: props.ttlSeconds, records: [...m.ips] });
      }
      // The member is up while any of its addresses answers: its record carries a calculated check
      // healthy while any child is. Its verdict is the alias's own (evaluate_target_health: healthy
      // while any address record is, health-checks-how-route-53-chooses-records.html "Alias records");
      // kept so that the member has one status, and so that the layout of before (this check on a record
      // of addresses) becomes this one deleting nothing: a record that leaves a check is updated only
      // after the check is deleted unless its state says create_before_destroy (hashicorp/terraform
      // docs/destroying.md, "Replace Dependency"; internal/terraform/transform_destroy_edge.go,
      // transform_destroy_cbd.go), which checks applied before it was set lack.
      const calculated = new Route53HealthCheck(this, `${m.cluster}-check`, { type: 'CALCULATED', childHealthchecks: perAddress.map((c) => c.id), childHealthThreshold: 1, tags: { Name: tag }, lifecycle });
      checks.set(m.cluster, calculated);
      const addresses = new AddressRecords(this, `${m.cluster}-addresses`, { zoneId: props.zoneId, name: memberRecordName(m.cluster, props.host), ips: m.ips, healthChecks: perAddress, ttlSeconds: props.ttlSeconds });
      return memberRecord(this, props, m, calculated, {
        alias: { name: addresses.name, zoneId: props.zoneId, evaluateTargetHealth: true },
        // Route 53 refuses an alias whose target has no records yet (cosmin/route53-transfer#28): they exist first.
        dependsOn: [...addresses.records],
      });
    });
    this.healthChecks = checks;
  }
}

interface AddressRecordsProps {
  readonly zoneId: string;
  /** The member's own name, in the host's hosted zone. */
  readonly name: string;
  readonly ips: readonly string[];
  /** Each address's health check, in the same order. */
  readonly healthChecks: readonly Route53HealthCheck[];
  readonly ttlSeconds: number;
}

/**
 * A member's addresses as multivalue answer records, one per address with its own health check, at the
 * member's own name (API_ResourceRecordSet `MultiValueAnswer`: an address is answered only while its
 * check is healthy; with none healthy, up to eight are answered). The member's record at the host is an
 * alias to them, with evaluate_target_health: Route 53 answers the host as if it were asked this name
 * (resource-record-sets-choosing-alias-non-alias.html: "Another Route 53 record of the same type in the
 * same hosted zone"), with their TTL (an alias has none of its own). Multivalue records cannot themselves
 * be aliases (resource-record-sets-values-multivalue.html), which they need not be.
 *
 * create_before_destroy: a record that stops being an alias to them (its role handed to another
 * cluster, or the member leaving) is updated before they are deleted. Without it Terraform deletes a
 * resource first and then updates the records that depended on it (hashicorp/terraform docs/destroying.md,
 * "Replace Dependency" and "Update a destroyed create_before_destroy dependency"), and the host's record
 * would for that time be an alias to a name with no records.
 */
class AddressRecords extends Construct {
  readonly name: string;
  readonly records: readonly Route53Record[];

  constructor(scope: Construct, id: string, props: AddressRecordsProps) {
    super(scope, id);
    this.name = props.name;
    this.records = props.ips.map(
      (ip, i) =>
        new Route53Record(this, `address-${i}`, {
          zoneId: props.zoneId,
          name: props.name,
          type: 'A',
          ttl: props.ttlSeconds,
          records: [ip],
          // Unique in the group of a name and type (API_ResourceRecordSet `SetIdentifier`).
          setIdentifier: `address-${i}`,
          multivalueAnswerRoutingPolicy: true,
          healthCheckId: props.healthChecks[i].id,
          lifecycle: { createBeforeDestroy: true },
        }),
    );
  }
}

/** What a member's record answers with: its addresses (one), or an alias to its address records (several). */
type Answer = Pick<ConstructorParameters<typeof Route53Record>[2], 'ttl' | 'records' | 'alias' | 'dependsOn'>;

/**
 * A member's A record. Weighted: one per cluster (`<cluster>-record`, the cluster as set identifier).
 * Failover: one per role (`record-primary`, `record-secondary`, the role as set identifier), so that
 * swapping the roles changes each record's answer and health check in place. Keyed by cluster, as
 * before, a swap changed each record's failover type, and the aws provider updates a record alone, in
 * one change batch of its own (DELETE then CREATE, internal/service/route53/record.go
 * resourceRecordUpdate): the first record changed would leave two records of one type, which Route 53
 * refuses ("RRset for same type with Primary (or Sec) exists", boto/boto3#1347; a failover group is one
 * PRIMARY and one SECONDARY, API_ResourceRecordSet `Failover`), so the apply failed for both, every time.
 * A `moved` block takes over the record an earlier fleetsynth wrote for the cluster that holds the role
 * now (the provider changes its set identifier in one batch: never two of a type); Terraform ignores it
 * where that address is not in the state. The same address holds a weighted record of the endpoint: a
 * switch from weighted to failover would update those in place into failover records beside weighted
 * ones, which Route 53 refuses on every apply; synth refuses the switch (lib/synth/route53-record-guard.ts).
 * Its way (the host out of Route 53 in one apply, back with the new policy in the next) leaves the moved
 * record under another name, so it is replaced (name is ForceNew) with no record of the old policy beside it.
 *
 * A record that goes from addresses to an alias (fleetsynth's own change for a member with several
 * addresses, or roles swapped between such a member and another) keeps its name, type and set
 * identifier: the provider sends it as one UPSERT (resourceRecordUpdate falls through to
 * resourceRecordCreate when neither type nor set_identifier changes), which Route 53 applies whole
 * (API_ChangeResourceRecordSets: a change batch is transactional), so the host never lacks an answer.
 */
function memberRecord(scope: Construct, props: GlobalDnsRecordsProps, m: GlobalDnsMember, check: Route53HealthCheck, answer: Answer): Route53Record {
  const common = { zoneId: props.zoneId, name: props.host, type: 'A', ...answer, healthCheckId: check.id };
  if (props.policy === 'weighted') {
    return new Route53Record(scope, `${m.cluster}-record`, { ...common, setIdentifier: m.cluster, weightedRoutingPolicy: { weight: m.weight ?? 0 } });
  }
  const role = m.role ?? 'secondary';
  const record = new Route53Record(scope, `record-${role}`, { ...common, setIdentifier: role, failoverRoutingPolicy: { type: role === 'primary' ? 'PRIMARY' : 'SECONDARY' } });
  record.moveFromId(`aws_route53_record.${logicalIdAt(scope, `${m.cluster}-record`)}`);
  return record;
}
