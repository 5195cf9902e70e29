import { compareStrings } from '../../fleet';
import { ISTIO_NAMESPACE } from './istio-version';

/*
 * How each istiod finds the other networks' east-west gateways. Istio's label discovery (the
 * `topology.istio.io/network` label on a gateway Service) makes every labelled Service a gateway of
 * its network for every istiod alike, and merges them all (istio/istio 1.30.3
 * pilot/pkg/serviceregistry/kube/controller/network.go getGatewayDetails; pilot/pkg/model/network.go
 * reload merges meshNetworks and registry gateways). A cluster with private peers (the interconnect)
 * needs its internal gateway for those peers and its public one for everyone else: so its gateway
 * Services carry no label, and each istiod's own `meshNetworks` names, for each such network, the
 * Service to use. Every other cluster keeps its labelled public gateway, so an istiod's
 * meshNetworks lists only the clusters with private peers (not the whole fleet: that would make every
 * istiod's values grow with the fleet, and the fleet's output with its square). A network whose endpoints come `fromRegistry` a cluster takes as gateways that
 * cluster's Services named by `registryServiceName`, at the addresses of their load balancers (same
 * file, reloadMeshNetworks; hostnames such as an NLB's are resolved by istiod, model/network.go
 * resolveHostnameGateways). Registry ids are the cluster names (`multiCluster.clusterName`, and the
 * key of each remote secret).
 */

/** The east-west gateway's Services: the chart's (internet-facing) and, on the interconnect, an internal one. */
export const EASTWEST_SERVICE = 'istio-eastwestgateway';
export const PRIVATE_EASTWEST_SERVICE = 'istio-eastwestgateway-private';
/** Where the cross-network Gateway passes mTLS through (AUTO_PASSTHROUGH). */
export const EASTWEST_TLS_PORT = 15443;

/** One entry of Istio's MeshNetworks (istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/#MeshNetworks). */
export interface MeshNetwork {
  readonly endpoints: readonly { readonly fromRegistry: string }[];
  readonly gateways: readonly { readonly registryServiceName: string; readonly port: number }[];
}

export interface MeshNetworkMember {
  /** The cluster's name: its registry id in every istiod. */
  readonly cluster: string;
  /** Its Istio network. */
  readonly network: string;
}

const serviceHost = (name: string) => `${name}.${ISTIO_NAMESPACE}.svc.cluster.local`;

/**
 * `global.meshNetworks` of one cluster's istiod: the network of every member (a cluster with private
 * peers), reached through its internal east-west gateway when this cluster's private path to it is
 * ready, else through its public one. Keys sorted, so the values are the same bytes in any
 * definition order.
 */
export function meshNetworks(members: readonly MeshNetworkMember[], privateTo: ReadonlySet<string> = new Set()): Record<string, MeshNetwork> {
  const sorted = [...members].sort((a, b) => compareStrings(a.network, b.network));
  return Object.fromEntries(
    sorted.map((m) => [
      m.network,
      {
        endpoints: [{ fromRegistry: m.cluster }],
        gateways: [{ registryServiceName: serviceHost(privateTo.has(m.cluster) ? PRIVATE_EASTWEST_SERVICE : EASTWEST_SERVICE), port: EASTWEST_TLS_PORT }],
      },
    ]),
  );
}
