import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MESH_RESOURCE_ANNOTATIONS } from '../../k8s/argocd/sync-wave';
import { GatewayService, LOKI, MIMIR } from './central-endpoints';
import { LOG_AGENT_SERVICE_ACCOUNT } from './log-agent';
import { METRICS_AGENT_SERVICE_ACCOUNT, MONITORING_NAMESPACE } from './metrics-agent';

/*
 * Who may call the central stores' gateways. Mesh-wide STRICT mTLS proves only that a caller is
 * some workload of the mesh, and the fleet is one trust domain: any injected pod of any cluster
 * could push forged series, read or delete every cluster's logs, or change rules through them. An
 * ALLOW AuthorizationPolicy on the gateway pods lets through only the mTLS identities of the agents,
 * and only to the one push path each is configured with; everything else is denied at the gateway's
 * sidecar. Mimir's and Loki's own pods are not selected: their traffic among themselves is untouched.
 *
 * The agents are the only callers: Grafana's data sources and the rules sync address the stores'
 * own Services (query-frontend, Alertmanager, ruler, Loki's single binary) in-cluster, not the
 * gateways (central-endpoints.ts). The east-west gateways pass the callers' mTLS through
 * (AUTO_PASSTHROUGH), so the identity seen is the agent's own; and a gateway reaches only endpoints
 * that speak mTLS (istio/istio 1.30.3 pilot/pkg/xds/endpoints/endpoint_builder.go, "we filter out
 * non-mTLS endpoints"), so the stores' other pods, which have no sidecar, are not reachable across
 * clusters at all. The kubelet's probes of a gateway go to its sidecar's agent, which Istio rewrites
 * them to (rewriteAppHTTPProbe), not through the policy.
 */

/** A mesh workload's identity: its namespace and service account. */
export interface MeshIdentity {
  readonly namespace: string;
  readonly serviceAccount: string;
}

/** The metrics agent of every cluster (same namespace and service account everywhere). */
export const METRICS_AGENT_IDENTITY: MeshIdentity = { namespace: MONITORING_NAMESPACE, serviceAccount: METRICS_AGENT_SERVICE_ACCOUNT };
/** The log agent of every cluster. */
export const LOG_AGENT_IDENTITY: MeshIdentity = { namespace: MONITORING_NAMESPACE, serviceAccount: LOG_AGENT_SERVICE_ACCOUNT };

/**
 * An AuthorizationPolicy principal: `<trust domain>/ns/<namespace>/sa/<service account>`, the SPIFFE
 * id of the caller's certificate without `spiffe://` (istio.io security.istio.io/v1 Source.principals).
 */
export function meshPrincipal(trustDomain: string, identity: MeshIdentity): string {
  return `${trustDomain}/ns/${identity.namespace}/sa/${identity.serviceAccount}`;
}

/** What one central store's gateway lets through: who, to which paths, with which methods. */
export interface GatewayAccess {
  readonly gateway: GatewayService;
  /** The gateway pods' selector labels. */
  readonly pods: Readonly<Record<string, string>>;
  readonly callers: readonly MeshIdentity[];
  readonly paths: readonly string[];
  readonly methods: readonly string[];
}

const path = (url: string) => new URL(url).pathname;

/**
 * Mimir's gateway: the metrics agents' remote write (Prometheus POSTs to the configured URL,
 * prometheus/prometheus v3.14.0 storage/remote/client.go, the version kube-prometheus-stack 88.5.3 runs).
 */
export const MIMIR_GATEWAY_ACCESS: GatewayAccess = { gateway: MIMIR.gateway, pods: MIMIR.gatewayPods, callers: [METRICS_AGENT_IDENTITY], paths: [path(MIMIR.remoteWriteURL)], methods: ['POST'] };

/** Loki's gateway: the log agents' push (Alloy POSTs to the endpoint's URL, grafana/alloy v1.18.1 common/loki/client/shards.go send). */
export const LOKI_GATEWAY_ACCESS: GatewayAccess = { gateway: LOKI.gateway, pods: LOKI.gatewayPods, callers: [LOG_AGENT_IDENTITY], paths: [path(LOKI.pushURL)], methods: ['POST'] };

/**
 * The gateway's AuthorizationPolicy (security.istio.io/v1, ALLOW): the callers' identities in the
 * fleet's trust domain and each of its aliases. istiod widens a principal to the aliases by itself
 * (istio/istio pilot/pkg/security/trustdomain/bundle.go ReplaceTrustDomainAliases); naming them here
 * keeps the policy right even where an istiod does not know an alias yet.
 */
export class GatewayAuthorizationPolicy extends ApiObject {
  constructor(scope: Construct, id: string, props: { readonly access: GatewayAccess; readonly trustDomains: readonly string[] }) {
    const { access } = props;
    super(scope, id, {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: access.gateway.name, namespace: access.gateway.namespace, annotations: { ...MESH_RESOURCE_ANNOTATIONS } },
      spec: {
        selector: { matchLabels: { ...access.pods } },
        action: 'ALLOW',
        rules: [
          {
            from: [{ source: { principals: props.trustDomains.flatMap((td) => access.callers.map((c) => meshPrincipal(td, c))) } }],
            to: [{ operation: { paths: [...access.paths], methods: [...access.methods] } }],
          },
        ],
      },
    });
  }
}
