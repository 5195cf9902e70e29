import { Cloud } from '../../fleet';

/*
 * A call to another cluster leaves its proxy on a pooled upstream connection to the peer's east-west
 * gateway, through load balancers and NAT that forget a TCP flow idle for long enough: the peer's
 * internal NLB on EKS after 350 s, the Azure load balancer after 4 minutes (AKS's rules send a reset
 * then), Cloud NAT on the client's GKE side after 20 minutes (its established-connection timeout).
 * Envoy keeps an idle upstream connection for an hour, and Istio sets no TCP keepalive on it
 * (istio 1.30.3 pkg/config/mesh/mesh.go: no tcpKeepalive by default; pilot/pkg/networking/core/cluster.go
 * applyTCPKeepalive applies the mesh's to every cluster). The next request on a forgotten flow meets a
 * reset after it was sent: a 503 (UC, connection termination) that Istio's default retries do not
 * cover (route/retry/retry.go: connect-failure, refused-stream, unavailable, cancelled,
 * retriable-status-codes). Reported with NLBs in istio/istio#16572, #31393, #52143.
 */

/**
 * Keepalive probes on every proxy's upstream connections (`meshConfig.tcpKeepalive`), the first after
 * a minute idle: well under the shortest of those timeouts (Azure's 4 minutes), so no flow is forgotten
 * while its connection is pooled, and a dead peer is noticed within two minutes. A probe is one empty
 * segment each way.
 */
export const MESH_TCP_KEEPALIVE = { time: '60s', interval: '20s', probes: 3 } as const;

/**
 * Annotations of the public east-west gateway's Service per cloud. On EKS the in-tree service
 * controller builds a Classic Load Balancer for it (no `aws-load-balancer-type`), which closes a
 * connection idle for 60 s (kubernetes/cloud-provider-aws v1.35.2 pkg/providers/v1/aws.go: IdleTimeout
 * 60 unless the annotation says otherwise); it proxies the connection, so the client's keepalive probes
 * need not count as traffic there (not documented either way). 4000 s, the
 * most it takes (ELB API ConnectionSettings: 1-4,000), leaves closing to Envoy (an hour idle); the
 * controller updates an existing load balancer's attributes in place (aws_loadbalancer.go
 * ensureLoadBalancer: ModifyLoadBalancerAttributes when they differ). Cross-zone, as the ingress
 * gateway's NLB is, so each zone's load balancer node spreads over every gateway node.
 */
export function publicEastWestAnnotations(cloud: Cloud): Record<string, string> {
  if (cloud !== 'aws') return {};
  return {
    'service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout': '4000',
    'service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled': 'true',
  };
}
