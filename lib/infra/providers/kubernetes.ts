/*
 * Kubernetes provider classes, each from its deep path (see providers/aws.ts for why). Used only where
 * Terraform itself must write into a cluster it created: the RBAC binding that lets Argo CD's Google
 * service account into a GKE cluster (lib/infra/argocd-access/gcp.ts).
 */
export { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
export { ClusterRoleBindingV1 } from '@cdktf/provider-kubernetes/lib/cluster-role-binding-v1';
