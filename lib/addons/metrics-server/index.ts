import { FleetAddon } from '../addon';
import { onOffSettingsProblems } from '../on-off-settings';
import { withImageMirrors } from '../../k8s/argocd/platform-chart';
import { METRICS_SERVER_IMAGES, metricsServerChart } from './chart';

/*
 * Pod autoscaling on EKS: every HorizontalPodAutoscaler on CPU or memory (istiod's, the gateways', and
 * apps') reads the metrics.k8s.io API, which the Metrics Server serves. EKS does not deploy one (EKS User
 * Guide, latest/ug/clusters/management/metrics-server.adoc: "it isn't deployed by default in Amazon EKS
 * clusters"; workloads/horizontal-pod-autoscaler.adoc lists it as a prerequisite): without it no HPA ever
 * scales, and Argo CD still reads each one Healthy. GKE and AKS run their own (kubernetes-sigs/metrics-server#190,
 * a maintainer: "GKE has metrics-server installed out of the box"; AKS tutorial-kubernetes-scale: "automatically
 * deployed in AKS clusters versions 1.10 and higher"): a second one there would take over their APIService.
 *
 * The control plane reaches the pods: EKS gives its ENIs, the nodes and (through the ENIConfigs) every pod
 * ENI the cluster security group, whose default inbound rule admits all traffic from itself (EKS User Guide,
 * networking/sec-group-reqs.adoc, "Default cluster security group"). The Metrics Server reaches the
 * kubelets (node address, port 10250) the same way.
 *
 * On by default for every EKS cluster; `platform: { metricsServer: false }` turns it off (then something
 * else must serve metrics.k8s.io, or no HPA scales).
 */

/** `platform.metricsServer`: `false` turns it off; an empty object (or nothing) keeps it on. */
export type MetricsServerSettings = false | Readonly<Record<string, never>>;

/** The built-in Metrics Server add-on (registered in lib/addons/registry.ts, on by default). */
export function metricsServer(settings: unknown): FleetAddon {
  return {
    name: 'metrics-server',
    validate: () => onOffSettingsProblems('metricsServer', settings),
    charts: ({ cluster }) => (cluster.cloud === 'aws' ? [withImageMirrors(metricsServerChart(cluster), METRICS_SERVER_IMAGES, cluster.imageMirrors)] : []),
  };
}
