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

export interface DerivedName {
  /** What the cloud calls it. */
  readonly what: string;
  readonly value: string;
  readonly maxLength: number;
}

/** Every cloud resource name built from the cluster name, with that cloud's length limit. */
export function derivedNames(cluster: Pick<Cluster, 'name' | 'cloud'>): DerivedName[] {
  const common: DerivedName[] = [{ what: 'Kubernetes label value', value: cluster.name, maxLength: 63 }];
  switch (cluster.cloud) {
    case 'aws':
      return [
        ...common,
        { what: 'EKS cluster name', value: cluster.name, maxLength: 100 },
        { what: 'IAM role name', value: argocdIdentityName(cluster), maxLength: 64 },
        { what: 'IAM role name', value: eksClusterRoleName(cluster), maxLength: 64 },
        { what: 'IAM role name', value: eksNodeRoleName(cluster), maxLength: 64 },
        { what: 'IAM role name', value: argocdControllerRoleName(cluster), maxLength: 64 },
      ];
    case 'gcp':
      return [
        ...common,
        { what: 'GKE cluster name', value: cluster.name, maxLength: 40 },
        { what: 'GCP service account id', value: argocdIdentityName(cluster), maxLength: 30 },
        { what: 'GCP service account id', value: gkeNodeServiceAccountId(cluster), maxLength: 30 },
        { what: 'GCP network name', value: networkName(cluster), maxLength: 63 },
      ];
    case 'azure':
      return [
        ...common,
        { what: 'AKS cluster name', value: cluster.name, maxLength: 63 },
        { what: 'AKS DNS prefix', value: cluster.name, maxLength: 54 },
        { what: 'Azure resource group name', value: resourceGroupName(cluster), maxLength: 90 },
      ];
  }
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

/**
 * The Argo CD Applications synth writes for every cluster, as `<cluster>-<suffix>`: the bootstrap
 * stage, the cluster's folder, and Istio's three charts. lib/k8s names them from here, and
 * validation keeps a fleet app (whose Applications are `<cluster>-<app>`) from taking one.
 */
export const CLUSTER_APPLICATION = {
  bootstrap: 'bootstrap',
  platform: 'platform',
  istioBase: 'istio-base',
  istiod: 'istiod',
  istioEastwest: 'istio-eastwest',
} as const;

/** The Application `<cluster>-<suffix>` that synth or a fleet app writes for a cluster. */
export function clusterApplicationName(cluster: { readonly name: string }, suffix: string): string {
  return `${cluster.name}-${suffix}`;
}

/** The Application through which Argo CD manages its own installation. */
export const ARGOCD_SELF_APPLICATION = 'argocd';
