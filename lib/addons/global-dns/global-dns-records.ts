import { Construct } from 'constructs';
import { logicalIdAt } from '../../infra/cdktf';
import { Route53HealthCheck, Route53Record } from '../../infra/providers/aws';

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
 * One host name served by several clusters, on any cloud: a Route 53 health check per member
 * (checkers on the internet probe the member's public ingress addresses, sending the host as Host
 * header and TLS SNI), and an A record per member carrying that health check, with weighted routing
 * and the member's cluster as set identifier, or failover routing with the role as set identifier
 * (see recordFor). Route 53
 * answers only with healthy members' records; when every member is unhealthy it answers as if all
 * were healthy (docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html).
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
      // Several addresses (an NLB node per zone on AWS, each reaching every target as cross-zone is on): the member is up while any of them answers.
      const check =
        perAddress.length === 1
          ? perAddress[0]
          : new Route53HealthCheck(this, `${m.cluster}-check`, { type: 'CALCULATED', childHealthchecks: perAddress.map((c) => c.id), childHealthThreshold: 1, tags: { Name: tag }, lifecycle });
      checks.set(m.cluster, check);
      return recordFor(this, props, m, check);
    });
    this.healthChecks = checks;
  }
}

/**
 * A member's A record. Weighted: one per cluster (`<cluster>-record`, the cluster as set identifier).
 * Failover: one per role (`record-primary`, `record-secondary`, the role as set identifier), so that
 * swapping the roles changes each record's addresses and health check in place. Keyed by cluster, as
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
 */
function recordFor(scope: Construct, props: GlobalDnsRecordsProps, m: GlobalDnsMember, check: Route53HealthCheck): Route53Record {
  const common = { zoneId: props.zoneId, name: props.host, type: 'A', ttl: props.ttlSeconds, records: [...m.ips], healthCheckId: check.id };
  if (props.policy === 'weighted') {
    return new Route53Record(scope, `${m.cluster}-record`, { ...common, setIdentifier: m.cluster, weightedRoutingPolicy: { weight: m.weight ?? 0 } });
  }
  const role = m.role ?? 'secondary';
  const record = new Route53Record(scope, `record-${role}`, { ...common, setIdentifier: role, failoverRoutingPolicy: { type: role === 'primary' ? 'PRIMARY' : 'SECONDARY' } });
  record.moveFromId(`aws_route53_record.${logicalIdAt(scope, `${m.cluster}-record`)}`);
  return record;
}
