import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MESH_RESOURCE_ANNOTATIONS } from '../argocd/sync-wave';
import { destinationRuleHostProblem } from '../../fleet';
import { PropsCheck } from '../props-check';
import { ISTIO_NAMESPACE, NETWORK_LABEL } from './istio-version';

export interface OutlierDetectionProps {
  readonly consecutive5xxErrors: number;
  readonly intervalSeconds: number;
  readonly baseEjectionTimeSeconds: number;
  readonly maxEjectionPercent: number;
}

export interface FailoverDestinationRuleProps {
  readonly name: string;
  /** @default 'istio-system' (mesh-wide) */
  readonly namespace?: string;
  readonly host: string;
  /**
   * Required: locality failover only moves traffic when unhealthy endpoints are ejected, so a
   * DestinationRule here never exists without outlier detection.
   */
  readonly outlierDetection: OutlierDetectionProps;
  /** Where traffic from a region goes when its local endpoints are ejected. @default no failover (outlier detection only) */
  readonly failover?: readonly { readonly from: string; readonly to: string }[];
  /**
   * `ISTIO_MUTUAL` for a service of the mesh; leave it out for a service outside the mesh, whose
   * server does not speak Istio mTLS (the client's own TLS passes through). @default none
   */
  readonly tlsMode?: 'ISTIO_MUTUAL';
  /**
   * Endpoints in the client's own network come before any other network's, whatever their zone
   * (`failoverPriority` on `topology.istio.io/network`). Istio ranks endpoints by region and zone
   * names alone (pilot/pkg/networking/util/util.go LbPriority), so without it a client shares its
   * first priority between its own cluster's pods and those of another cluster in the same region
   * whose zone has the same name, reached through that cluster's east-west gateway. For a service
   * of the mesh, whose endpoints all carry their network; an external service's endpoints have none.
   * @default false
   */
  readonly preferClientNetwork?: boolean;
}

/*
 * The ranking with preferClientNetwork (istio 1.30.3 pilot/pkg/networking/core/loadbalancer/loadbalancer.go
 * ApplyLocalityLoadBalancer). With failover entries: the network first, then Istio's own ranking with
 * the entries inside each (priority × 5 + locality priority); Istio refuses region or zone labels beside
 * `failover` (pkg/config/validation/agent/validation.go ValidateLocalityLbSetting). Without entries,
 * `failoverPriority` alone replaces that ranking, so region and zone follow the network: the list Istio
 * itself uses for a Service's `trafficDistribution: PreferSameZone` (GetLocalityLbSetting). Endpoints
 * behind another network's gateway carry its network and cluster only (pilot/pkg/xds/endpoints/ep_filters.go),
 * so they rank after the client's own network either way; without entries they also rank alike whatever
 * their region (no region label to match, and no locality ranking after failoverPriority), which is why
 * crossCloudFailover (lib/fleet/mesh-service.ts) gives entries whenever the serving regions differ: README.
 */
const NETWORK_FIRST = [NETWORK_LABEL];
const NETWORK_REGION_ZONE = [NETWORK_LABEL, 'topology.kubernetes.io/region', 'topology.kubernetes.io/zone'];

/** Outlier detection and locality failover ordered across clouds (and Istio mTLS for a service of the mesh). */
export class FailoverDestinationRule extends Construct {
  constructor(scope: Construct, id: string, props: FailoverDestinationRuleProps) {
    super(scope, id);
    const od = props.outlierDetection;
    const hostProblem = destinationRuleHostProblem(props.host);
    const check = new PropsCheck(`DestinationRule[${props.name}]`).name('name', props.name, 'label').check('host', hostProblem === undefined, hostProblem ?? '', props.host, 'a host of its ServiceEntry or a Service, e.g. "api.example.com" or "*.example.com"');
    check.check('outlierDetection', od !== undefined && od !== null, 'is required: failover without outlier detection never triggers', od, '{ consecutive5xxErrors, intervalSeconds, baseEjectionTimeSeconds, maxEjectionPercent }');
    if (od) {
      for (const field of ['consecutive5xxErrors', 'intervalSeconds', 'baseEjectionTimeSeconds'] as const) {
        check.check(`outlierDetection.${field}`, Number.isInteger(od[field]) && od[field] > 0, 'must be a positive whole number', od[field], '1 or more');
      }
      check.check('outlierDetection.maxEjectionPercent', Number.isInteger(od.maxEjectionPercent) && od.maxEjectionPercent >= 1 && od.maxEjectionPercent <= 100, 'must be a percentage', od.maxEjectionPercent, '1 to 100');
    }
    (props.failover ?? []).forEach((f, i) => check.check(`failover[${i}]`, !!f.from && !!f.to && f.from !== f.to, 'must fail over to another region', f, '{ from: "us-central1", to: "us-west-2" }'));
    // Istio uses only the first entry whose `from` is the client's region (pilot/pkg/networking/core/loadbalancer/loadbalancer.go).
    const froms = (props.failover ?? []).map((f) => f.from);
    check.check('failover', new Set(froms).size === froms.length, 'names a region twice as `from`; Istio would ignore all but the first', froms, 'one entry per client region');
    check.done();
    const failover = props.failover ?? [];
    const failoverPriority = props.preferClientNetwork ? (failover.length > 0 ? NETWORK_FIRST : NETWORK_REGION_ZONE) : [];
    const localityLbSetting = {
      ...(failoverPriority.length > 0 ? { failoverPriority: [...failoverPriority] } : {}),
      ...(failover.length > 0 ? { failover: failover.map((f) => ({ from: f.from, to: f.to })) } : {}),
    };
    new ApiObject(this, 'Resource', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name: props.name, namespace: props.namespace ?? ISTIO_NAMESPACE, annotations: { ...MESH_RESOURCE_ANNOTATIONS } },
      spec: {
        host: props.host,
        exportTo: ['*'],
        trafficPolicy: {
          ...(props.tlsMode ? { tls: { mode: props.tlsMode } } : {}),
          outlierDetection: {
            consecutive5xxErrors: od.consecutive5xxErrors,
            interval: `${od.intervalSeconds}s`,
            baseEjectionTime: `${od.baseEjectionTimeSeconds}s`,
            maxEjectionPercent: od.maxEjectionPercent,
          },
          ...(Object.keys(localityLbSetting).length > 0 ? { loadBalancer: { localityLbSetting: { enabled: true, ...localityLbSetting } } } : {}),
        },
      },
    });
  }
}
