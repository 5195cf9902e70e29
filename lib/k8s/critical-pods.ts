import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';
import { syncWaveMetadata } from './argocd/sync-wave';

/*
 * The platform pods every other pod of a cluster waits on (istiod, which injects every sidecar; istio-csr and
 * cert-manager, which sign every proxy's certificate; the gateways every request passes; External Secrets;
 * the Cluster Autoscaler) run at the built-in `system-cluster-critical` priority, as cert-manager's *Best
 * Practice* page (cert-manager/website content/docs/installation/best-practice.md, "Priority Class Name")
 * and Kubernetes' *Guaranteed Scheduling For Critical Add-On Pods* ask for such add-ons: without one they have
 * the default priority 0, the apps' own, and a pending app pod could preempt the mesh's CA path. A built-in
 * class, not one of fleetsynth's: the API server creates it in every cluster, so nothing has to be applied
 * before the first chart's pods (a pod naming a class that does not exist is refused at admission), and only
 * classes at 2000000000 or more are critical to the kubelet (kubernetes/kubernetes pkg/kubelet/types/pod_update.go
 * IsCriticalPodBasedOnPriority), beyond what a user-defined class may reach (pkg/apis/scheduling/types.go
 * HighestUserDefinablePriority, 1000000000).
 */
export const PLATFORM_PRIORITY_CLASS = 'system-cluster-critical';

/**
 * The built-in class of the platform's node agents (the log agent, the node exporter), as of the cloud's own (aws-node,
 * kube-proxy, GKE's fluentbit-gke) and Istio's CNI agent (istio-cni.ts): the highest there is (2000001000,
 * kubernetes/kubernetes pkg/apis/scheduling/helpers.go, SystemCriticalPriority + 1000). A DaemonSet's pod can only run on its own node (the
 * controller pins it there with node affinity), so where that node's requests are full only preemption makes room for it:
 * "the default scheduler may preempt (evict) some of the existing Pods based on the priority of the new Pod" (Kubernetes
 * docs, *DaemonSet*, "How Daemon Pods are scheduled"), and the Cluster Autoscaler adds no node for it (kubernetes/autoscaler
 * cluster-autoscaler-1.36.1 core/podlistprocessor/filter_out_daemon_sets.go). The victims are the node's lower-priority
 * pods, the higher ones spared first where the rest make room (pkg/scheduler/framework/plugins/defaultpreemption
 * SelectVictimsOnNode); a preempted app pod is rescheduled, on a node the autoscaler adds if none has room. The kubelet
 * also gives a pod of this class the OOM score of a Guaranteed one (pkg/kubelet/qos/policy.go, -997), and evicts no
 * critical pod for node pressure (pkg/kubelet/eviction/eviction_manager.go evictPod).
 */
export const NODE_AGENT_PRIORITY_CLASS = 'system-node-critical';

/** The two built-in classes the platform runs pods at. */
export type CriticalPriorityClass = typeof PLATFORM_PRIORITY_CLASS | typeof NODE_AGENT_PRIORITY_CLASS;

/** The name of the quota that admits PLATFORM_PRIORITY_CLASS pods into a namespace. */
export const CRITICAL_PODS_QUOTA = 'critical-pods';

/** The name of the quota that admits NODE_AGENT_PRIORITY_CLASS pods into a namespace. */
export const NODE_CRITICAL_PODS_QUOTA = 'node-critical-pods';

/** Each class's quota: its own name, so that a namespace could hold both, each quota's scope left as first written. */
export const CRITICAL_PODS_QUOTA_OF: Readonly<Record<CriticalPriorityClass, string>> = {
  [PLATFORM_PRIORITY_CLASS]: CRITICAL_PODS_QUOTA,
  [NODE_AGENT_PRIORITY_CLASS]: NODE_CRITICAL_PODS_QUOTA,
};

/**
 * A ResourceQuota admitting pods of a critical class (PLATFORM_PRIORITY_CLASS unless told) into its namespace. GKE limits those classes
 * to namespaces that hold a quota scoped to them (its own `gcp-critical-pods` in kube-system: the ResourceQuota
 * admission's `limitedResources`, Kubernetes docs *Resource Quotas*, "Limit Priority Class consumption by
 * default"): elsewhere the ReplicaSet's pods are refused, `insufficient quota to match these scopes`
 * (cert-manager's page above; cilium/cilium#13852, fluxcd/flux2#3800). `pods: 1G`, as the quota cert-manager asks
 * for there and GKE's own in kube-system (both also name system-node-critical): it counts those pods and caps
 * nothing. A quota whose PriorityClass scope matches the pod covers it (kubernetes/kubernetes pkg/quota/v1/evaluator/
 * core/pods.go UncoveredQuotaScopes compares scope names, of the quota scopes that match the pod), so naming the pods' one
 * class is enough, as the istio-cni chart's quota names system-node-critical alone (templates/resourcequota.yaml, which
 * istio.io's GKE prerequisites rely on); the admission takes
 * each quota's matching scopes before reading its status (staging/src/k8s.io/apiserver/pkg/admission/plugin/
 * resourcequota/controller.go CheckRequest), so a quota just created admits the pods at once, and the istio-cni
 * chart's own quota in istio-system (system-node-critical only) matches none of ours. Written on every cloud: EKS
 * and AKS set no such limit, and there it is only a count.
 */
export function criticalPodsQuota(namespace: string, syncWave?: number, priorityClass: CriticalPriorityClass = PLATFORM_PRIORITY_CLASS): ApiObjectProps & { readonly spec: Record<string, unknown> } {
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: CRITICAL_PODS_QUOTA_OF[priorityClass], namespace, ...syncWaveMetadata(syncWave) },
    spec: {
      hard: { pods: '1G' },
      scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: [priorityClass] }] },
    },
  };
}

export interface CriticalPodsQuotaProps {
  readonly namespace: string;
  /** @default no wave */
  readonly syncWave?: number;
  /** The class it admits. @default PLATFORM_PRIORITY_CLASS */
  readonly priorityClass?: CriticalPriorityClass;
}

/** criticalPodsQuota as an object of a cdk8s chart (a namespace fleetsynth writes itself, before its charts). */
export class CriticalPodsQuota extends Construct {
  constructor(scope: Construct, id: string, props: CriticalPodsQuotaProps) {
    super(scope, id);
    new ApiObject(this, 'Resource', criticalPodsQuota(props.namespace, props.syncWave, props.priorityClass));
  }
}
