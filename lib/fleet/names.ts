import { Cluster } from './cluster';

/*
 * Names derived from the fleet model that more than one layer uses. Terraform creates the thing,
 * Kubernetes objects refer to it; both call these functions, so the names agree by construction.
 */

/** IAM role (EKS), service account id (GKE) or user-assigned identity (AKS) that Argo CD uses to reach the cluster. */
export function argocdIdentityName(cluster: Pick<Cluster, 'name'>): string {
  return `${cluster.name}-argocd`;
}

/**
 * On an EKS management cluster: the IAM role Argo CD's own pods run as (IRSA). Each AWS cluster's
 * `argocdIdentityName` role trusts it.
 */
export function argocdControllerRoleName(management: Pick<Cluster, 'name'>): string {
  return `${management.name}-argocd-controller`;
}

/** Argo CD's namespace and the service accounts that talk to clusters (Argo CD's install manifests). */
export const ARGOCD_NAMESPACE = 'argocd';
export const ARGOCD_SERVICE_ACCOUNTS = ['argocd-application-controller', 'argocd-applicationset-controller', 'argocd-server'] as const;

/** VPC / VNet name, and the Istio network the cluster's workloads are on. */
export function networkName(cluster: Pick<Cluster, 'name'>): string {
  return `${cluster.name}-net`;
}

/** The Azure resource group that holds the AKS cluster and its network. */
export function resourceGroupName(cluster: Pick<Cluster, 'name'>): string {
  return `${cluster.name}-rg`;
}

/** IAM roles the EKS control plane and its nodes run as. */
export function eksClusterRoleName(cluster: Pick<Cluster, 'name'>): string {
  return `${cluster.name}-cluster`;
}
export function eksNodeRoleName(cluster: Pick<Cluster, 'name'>): string {
  return `${cluster.name}-nodes`;
}

/** Service account GKE nodes run as. */
export function gkeNodeServiceAccountId(cluster: Pick<Cluster, 'name'>): string {
  return `${cluster.name}-nodes`;
}

/** Folder of a cluster's manifests inside the output folder; Argo CD syncs it into that cluster. */
export function clusterManifestFolder(cluster: Pick<Cluster, 'name' | 'cloud'>): string {
  return `k8s/${cluster.cloud}/${cluster.name}`;
}

/** Terraform stack name: one stack, one state, per cluster. */
export function stackName(cluster: Pick<Cluster, 'name'>): string {
  return cluster.name;
}

/** Argo CD project of the platform: Istio, cluster configuration, registrations, Argo CD itself. */
export function platformProjectName(fleet: { readonly name: string }): string {
  return `${fleet.name}-platform`;
}

/** Argo CD project of one fleet app: its repository, its clusters and namespace, namespaced kinds only. */
export function appProjectName(fleet: { readonly name: string }, app: { readonly name: string }): string {
  return `${fleet.name}-app-${app.name}`;
}

/** The app-of-apps the bootstrap applies; it syncs the management cluster's `argocd/` folder. */
export function rootAppName(fleet: { readonly name: string }): string {
  return `${fleet.name}-root`;
}

/**
 * Folder, inside a cluster's folder, of what its `<cluster>-bootstrap` Application applies before
 * Istio and the platform charts (secret stores, the CA istiod reads). `_` cannot start a namespace.
 */
export const BOOTSTRAP_STAGE_FOLDER = '_bootstrap';

/** Namespaces the platform owns (Kubernetes', Argo CD's, Istio's): a fleet app may not install into them. */
export const PLATFORM_NAMESPACES: readonly string[] = ['argocd', 'default', 'istio-system', 'kube-node-lease', 'kube-public', 'kube-system'];
