import { FleetAddon } from './addon';
import { clusterAutoscaler, ClusterAutoscalerSettings } from './cluster-autoscaler';
import { metricsServer, MetricsServerSettings } from './metrics-server';
import { observabilityAddon, ObservabilitySettings } from './observability';
import { secretsAddon, SecretsSettings } from './secrets';
import { globalDns, GlobalDnsSettings } from './global-dns';
import { interconnect, InterconnectSettings } from './interconnect';

/*
 * The built-in platform services. Each lives in its own folder (lib/addons/<service>/) and is
 * registered here with one line in each of the declarations below: its settings type (what
 * `platform.<service>` accepts in the fleet), its factory, and, for a service every fleet needs,
 * its entry in ON_BY_DEFAULT. Delete the folder and its lines, and nothing else breaks.
 */

/** Settings of the built-in platform services, by service: each is off unless configured (or on by default). */
export interface PlatformServices {
  /** EKS node autoscaling (lib/addons/cluster-autoscaler). On by default; `false` turns it off. */
  readonly clusterAutoscaler?: ClusterAutoscalerSettings;
  /** EKS pod autoscaling: the Metrics Server every HorizontalPodAutoscaler reads (lib/addons/metrics-server). On by default; `false` turns it off. */
  readonly metricsServer?: MetricsServerSettings;
  /** Metrics, logs, dashboards and fleet alerts (lib/addons/observability). */
  readonly observability?: ObservabilitySettings;
  /** Vault as the fleet's secret store and the mesh's root of trust (lib/addons/secrets). */
  readonly secrets?: SecretsSettings;
  /** Site-to-site VPN with BGP between the clouds' cluster networks (lib/addons/interconnect). */
  readonly interconnect?: InterconnectSettings;
  /** Public endpoints served by several clusters, with Route 53 failover (lib/addons/global-dns). */
  readonly globalDns?: GlobalDnsSettings;
}

/** Creates each built-in add-on from its settings (as written in the fleet, not validated yet; undefined when on by default and not configured). */
export const BUILTIN_ADDONS: { readonly [K in keyof PlatformServices]-?: (settings: unknown) => FleetAddon } = {
  clusterAutoscaler,
  metricsServer,
  observability: observabilityAddon,
  secrets: secretsAddon,
  interconnect,
  globalDns,
};

/** Built-ins that are on unless `platform.<service>` is `false`. */
export const ON_BY_DEFAULT: ReadonlySet<keyof PlatformServices> = new Set<keyof PlatformServices>([
  'clusterAutoscaler',
  'metricsServer',
]);
