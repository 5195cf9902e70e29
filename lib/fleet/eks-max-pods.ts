import { eksEniLimits } from './eks-eni-limits';

/*
 * How many pods a node of an EKS instance type holds, and how many pod addresses it has. The kubelet's
 * max pods on AL2023 is `ENIs × (IPv4 addresses per ENI − 1) + 2` (awslabs/amazon-eks-ami v20260724
 * nodeadm internal/kubelet/eni_max_pods.go calculateStandardMaxPods; managed node groups apply the same
 * calculation, amazon-eks-user-guide latest/ug/nodes/create-managed-node-group.adoc). With custom
 * networking, which every EKS cluster of the fleet runs (lib/infra/eks-cluster.ts), "no IP addresses
 * assigned to the primary network interface are assigned to Pods" (amazon-eks-user-guide
 * latest/ug/networking/eks-networking-add-ons.adoc, custom networking considerations): a node has
 * `(ENIs − 1) × (addresses − 1)` addresses for pods that are not on the host network.
 */

/**
 * The DaemonSets of the managed add-ons the stack installs on every EKS cluster
 * (lib/infra/eks-cluster.ts): `vpc-cni`, `kube-proxy`, `eks-pod-identity-agent` and
 * `aws-ebs-csi-driver`'s node plugin each run a pod on every node (amazon-eks-user-guide
 * networking/eks-networking-add-ons.adoc `daemonset aws-node`, manage-access/aws-access/service-accounts.adoc
 * "runs as a Kubernetes DaemonSet on your nodes", storage/ebs-csi.adoc "the Amazon EBS CSI node DaemonSet").
 * Of them only the EBS CSI node plugin takes a pod address: the others are on the host network.
 */
export const EKS_NODE_DAEMONSETS = ['aws-node', 'kube-proxy', 'eks-pod-identity-agent', 'ebs-csi-node'] as const;

/** The kubelet's max pods on a node of `machineType`, or undefined for an instance type the table does not have (lib/fleet/eks-eni-limits.ts). */
export function eksMaxPods(machineType: string): number | undefined {
  const limits = eksEniLimits(machineType);
  return limits && limits.enis * (limits.addresses - 1) + 2;
}

/** The addresses a node of `machineType` has for pods off the host network under custom networking, or undefined for an unknown type. */
export function eksPodAddresses(machineType: string): number | undefined {
  const limits = eksEniLimits(machineType);
  return limits && (limits.enis - 1) * (limits.addresses - 1);
}
