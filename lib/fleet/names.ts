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
 * On an EKS management cluster: the IAM role Argo CD's own pods run as (IRSA). Each EKS workload
 * cluster's `argocdIdentityName` role trusts exactly this role's ARN (from the management stack's outputs).
 */
export function argocdControllerRoleName(management: Pick<Cluster, 'name'>): string {
  return `${management.name}-argocd-controller`;
}

/** Argo CD's namespace (its Helm chart is installed there; lib/k8s/argocd/argocd-install.ts). */
export const ARGOCD_NAMESPACE = 'argocd';
/**
 * The Argo CD service accounts that open connections to managed clusters, the subjects every trust
 * names. Only the application controller (controller/appcontroller.go, controller/cache/cache.go,
 * controller/sync.go) and the API server (server/application/application.go, terminal.go,
 * server/cluster/cluster.go) call `Cluster.RESTConfig()` in argoproj/argo-cd; the ApplicationSet
 * controller only reads cluster Secrets (applicationset/controllers/applicationset_controller.go
 * `GetDestinationCluster`), so it is trusted nowhere. Names: argo-helm charts/argo-cd/values.yaml
 * `controller.serviceAccount.name`, `server.serviceAccount.name` (chart 10.1.1).
 */
export const ARGOCD_SERVICE_ACCOUNTS = ['argocd-application-controller', 'argocd-server'] as const;

/** The `sub` claim of an Argo CD service account's token: `system:serviceaccount:<namespace>:<name>`. */
export function argocdServiceAccountSubject(serviceAccount: string): string {
  return `system:serviceaccount:${ARGOCD_NAMESPACE}:${serviceAccount}`;
}

/**
 * GKE: the workload identity pool, in the workload cluster's project, that trusts the management
 * cluster's issuer for Argo CD. `argocd-<cluster>`: never starts with the reserved `gcp-` (the
 * example's old `gcp-prod-argocd` did), unique per project as cluster names are unique in the fleet.
 * Deleted pools are kept 30 days and their id cannot be reused meanwhile (undelete them instead).
 */
export function argocdWorkloadIdentityPoolId(cluster: Pick<Cluster, 'name'>): string {
  return `argocd-${cluster.name}`;
}

/** GKE: the OIDC provider inside that pool (one per pool: the management cluster's issuer). */
export const ARGOCD_WORKLOAD_IDENTITY_PROVIDER_ID = 'management-cluster';

/**
 * The rule for pool and pool-provider ids, or undefined when `id` satisfies it: 4-32 characters of
 * `[a-z0-9-]`, not starting with `gcp-` (terraform-provider-google 6.50.0, google_iam_workload_identity_pool
 * `workload_identity_pool_id` and google_iam_workload_identity_pool_provider `workload_identity_pool_provider_id`).
 * Kept beside the name function; belongs in the cloud naming-rules table (lib/fleet/cloud-names.ts) once it exists.
 */
export function workloadIdentityPoolIdProblem(id: string): string | undefined {
  if (id.length < 4 || id.length > 32) return `must have 4 to 32 characters, has ${id.length}`;
  if (!/^[a-z0-9-]+$/.test(id)) return 'may contain only lowercase letters, digits and "-"';
  if (id.startsWith('gcp-')) return 'must not start with "gcp-" (reserved by Google)';
  return undefined;
}

/**
 * AKS: the name of the federated identity credential for one Argo CD service account on the
 * cluster's Argo CD identity. Rule (Microsoft Graph federatedIdentityCredential `name`,
 * learn.microsoft.com/graph/api/resources/federatedidentitycredential): 3-120 characters, letters, digits, "-" and "_", starting
 * with a letter or digit; unique per identity. At most 20 per identity
 * (learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations): we create one per Argo CD service account.
 */
export function argocdFederatedCredentialName(serviceAccount: string): string {
  return serviceAccount;
}
export function federatedCredentialNameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/.test(name) ? undefined : 'must be 3-120 letters, digits, "-" or "_", starting with a letter or digit';
}

/**
 * AWS, management cluster not on EKS: the fleet-wide stack that creates the IAM OIDC provider for
 * the management cluster's issuer in one AWS account. IAM allows one provider per URL per account,
 * so exactly one stack per account creates it and every EKS workload stack in that account reads it.
 */
export function argocdOidcProviderStackName(accountId: string): string {
  return `argocd-oidc-${accountId}`;
}

/** AWS, management cluster not on EKS: the profile in Argo CD's AWS config file that reaches this EKS cluster. */
export function argocdAwsProfileName(cluster: Pick<Cluster, 'name'>): string {
  return cluster.name;
}

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

/** Argo CD project of one fleet app: its repository, the app's namespace on every workload cluster, namespaced kinds only. */
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
 * Folder, inside the management cluster's `argocd/` folder, of what one cluster's root Application
 * (`<cluster>-root`) syncs: the Applications that target that cluster (see lib/k8s/fleet-gitops.ts).
 */
export function clusterRootFolder(cluster: { readonly name: string }): string {
  return `clusters/${cluster.name}`;
}

/**
 * The Argo CD Applications synth writes for every cluster, as `<cluster>-<suffix>`: the cluster's
 * root, the bootstrap stage, the cluster's folder, and Istio's four charts. lib/k8s names them from
 * here, and validation keeps a fleet app (whose Applications are `<cluster>-<app>`) from taking one.
 */
export const CLUSTER_APPLICATION = {
  root: 'root',
  bootstrap: 'bootstrap',
  platform: 'platform',
  istioBase: 'istio-base',
  istioCni: 'istio-cni',
  istiod: 'istiod',
  istioEastwest: 'istio-eastwest',
} as const;

/** The Application `<cluster>-<suffix>` that synth or a fleet app writes for a cluster. */
export function clusterApplicationName(cluster: { readonly name: string }, suffix: string): string {
  return `${cluster.name}-${suffix}`;
}

/** The Application through which Argo CD manages its own installation. */
export const ARGOCD_SELF_APPLICATION = 'argocd';
