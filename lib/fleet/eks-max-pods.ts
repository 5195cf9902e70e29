/*
 * How many pods a node of an EKS instance type holds. The kubelet's max pods on AL2023 is
 * `ENIs × (IPv4 addresses per ENI − 1) + 2` (awslabs/amazon-eks-ami v20260724 nodeadm
 * internal/kubelet/eni_max_pods.go calculateStandardMaxPods; managed node groups apply the same
 * calculation, amazon-eks-user-guide latest/ug/nodes/create-managed-node-group.adoc). Only the
 * instance types whose nodes cannot hold the DaemonSets every node of an EKS cluster runs are listed:
 * fleetsynth guesses no other type's limits.
 */

/**
 * The DaemonSets of the managed add-ons the stack installs on every EKS cluster
 * (lib/infra/eks-cluster.ts): `vpc-cni`, `kube-proxy`, `eks-pod-identity-agent` and
 * `aws-ebs-csi-driver`'s node plugin each run a pod on every node (amazon-eks-user-guide
 * networking/eks-networking-add-ons.adoc `daemonset aws-node`, manage-access/aws-access/service-accounts.adoc
 * "runs as a Kubernetes DaemonSet on your nodes", storage/ebs-csi.adoc "the Amazon EBS CSI node DaemonSet").
 */
export const EKS_NODE_DAEMONSETS = ['aws-node', 'kube-proxy', 'eks-pod-identity-agent', 'ebs-csi-node'] as const;

/**
 * The instance types of 2 ENIs with 2 addresses each, a max pods of 2 × (2 − 1) + 2 = 4
 * (aws/amazon-vpc-cni-k8s misc/eni-max-pods.txt at b521883, 2026-08-20: every type listed with 4, and
 * none lower). The four EKS DaemonSets fill such a node: no other pod ever runs on it, the platform's
 * node agents (node exporter, log agent) stay Pending there for good, and with custom networking
 * (lib/infra/eks-cluster.ts) it has (2 − 1) × (2 − 1) = 1 pod address, which the EBS CSI node plugin takes.
 */
const FOUR_POD_TYPES: ReadonlySet<string> = new Set(['t1.micro', 't2.nano', 't2.micro', 't3.nano', 't3.micro', 't3a.nano', 't3a.micro', 't4g.nano', 't4g.micro']);

/** The max pods of a node of `machineType` when it is too low for EKS's own DaemonSets, else undefined (enough, or not known here). */
export function eksMaxPodsBelowDaemonSets(machineType: string): number | undefined {
  return FOUR_POD_TYPES.has(machineType) ? 4 : undefined;
}
