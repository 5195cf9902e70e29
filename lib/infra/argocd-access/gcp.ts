import { Construct } from 'constructs';
import { ArgoCdTrust } from '../../fleet';
import { Fn } from '../cdktf';
import {
  ContainerCluster,
  DataGoogleProject,
  IamWorkloadIdentityPool,
  IamWorkloadIdentityPoolProvider,
  ProjectIamMember,
  ServiceAccount,
  ServiceAccountIamMember,
} from '../providers/google';
import { ClusterRoleBindingV1, KubernetesProvider } from '../providers/kubernetes';

/**
 * GKE's kubectl credential plugin (cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl),
 * on Application Default Credentials rather than gcloud's own login (kubernetes/cloud-provider-gcp
 * cmd/gke-gcloud-auth-plugin/main.go, `use_application_default_credentials`). It reads ADC alone
 * (GOOGLE_APPLICATION_CREDENTIALS, gcloud's ADC file, the metadata server), where the google provider
 * also honours GOOGLE_CREDENTIALS and impersonation: the README asks the pipeline for ADC.
 */
export const GKE_AUTH_PLUGIN = { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'gke-gcloud-auth-plugin', args: ['--use_application_default_credentials'] } as const;

export interface GkeArgoCdAccessProps {
  /** The GKE cluster's name, for the service account's display name. */
  readonly clusterName: string;
  readonly project: string;
  readonly cluster: ContainerCluster;
  /** Service account id Argo CD acts as, `<cluster>-argocd`. */
  readonly serviceAccountId: string;
  /** Workload identity pool id, `argocd-<cluster>` (see `argocdWorkloadIdentityPoolId`). */
  readonly poolId: string;
  readonly providerId: string;
  /** The management cluster's issuer, the audience Argo CD's token carries, and Argo CD's subjects. */
  readonly trust: Extract<ArgoCdTrust, { kind: 'oidc' }>;
}

/**
 * What lets Argo CD, on a management cluster anywhere, act in one GKE cluster without a key:
 *
 * - a Google service account `<cluster>-argocd`, with `roles/container.clusterViewer` on the project:
 *   IAM roles for GKE are granted per project and then apply to every cluster in it (no per-cluster
 *   IAM; cloud.google.com/kubernetes-engine/docs/concepts/access-control), so the IAM role only lets it
 *   get cluster metadata and authenticate (container.clusters.get), never delete or change a cluster;
 * - a Kubernetes RBAC binding of `cluster-admin` to that service account (its email is its user name)
 *   in this cluster only (IAM and RBAC are additive: cloud.google.com/kubernetes-engine/docs/how-to/role-based-access-control).
 *   Terraform writes it, with the pipeline's Google credentials, through the Kubernetes provider:
 *   Argo CD cannot apply the binding it needs to apply anything;
 * - a workload identity pool and OIDC provider trusting the management cluster's issuer, for Argo CD's
 *   subjects only, and `roles/iam.workloadIdentityUser` on the service account for each subject
 *   (cloud.google.com/iam/docs/workload-identity-federation-with-kubernetes).
 */
export class GkeArgoCdAccess extends Construct {
  readonly serviceAccount: ServiceAccount;
  readonly projectNumber: string;
  readonly pool: IamWorkloadIdentityPool;

  constructor(scope: Construct, id: string, props: GkeArgoCdAccessProps) {
    super(scope, id);
    const { trust } = props;
    this.projectNumber = new DataGoogleProject(this, 'project', { projectId: props.project }).number;
    const sa = new ServiceAccount(this, 'service-account', { project: props.project, accountId: props.serviceAccountId, displayName: `Argo CD access to ${props.clusterName}` });
    this.serviceAccount = sa;
    new ProjectIamMember(this, 'cluster-viewer', { project: props.project, role: 'roles/container.clusterViewer', member: sa.member });

    this.pool = new IamWorkloadIdentityPool(this, 'pool', { project: props.project, workloadIdentityPoolId: props.poolId, displayName: 'Argo CD management cluster' });
    new IamWorkloadIdentityPoolProvider(this, 'pool-provider', {
      project: props.project,
      workloadIdentityPoolId: this.pool.workloadIdentityPoolId,
      workloadIdentityPoolProviderId: props.providerId,
      displayName: 'Argo CD management issuer',
      attributeMapping: { 'google.subject': 'assertion.sub' },
      // Only Argo CD's service accounts may exchange tokens at all, not just be granted roles.
      attributeCondition: `assertion.sub in [${trust.subjects.map((s) => `'${s}'`).join(', ')}]`,
      oidc: { issuerUri: trust.issuer, allowedAudiences: [trust.audience] },
    });
    for (const subject of trust.subjects) {
      new ServiceAccountIamMember(this, `workload-identity-user-${subject.split(':').pop()}`, {
        serviceAccountId: sa.name,
        role: 'roles/iam.workloadIdentityUser',
        // `pool.name` is projects/<number>/locations/global/workloadIdentityPools/<id>: principals name the project number.
        member: `principal://iam.googleapis.com/${this.pool.name}/subject/${subject}`,
      });
    }

    // Terraform's own Google credentials (the pipeline's Application Default Credentials, as the google
    // provider's), turned into a token by GKE's auth plugin each time the provider connects. Not the
    // google_client_config data source's access_token: Terraform keeps a data source's result in the
    // state (a live token for the pipeline's identity), and google 6.50 has no ephemeral one.
    const kubernetes = new KubernetesProvider(this, 'kubernetes', {
      alias: 'argocd_access',
      host: `https://${props.cluster.endpoint}`,
      clusterCaCertificate: Fn.base64decode(props.cluster.masterAuth.clusterCaCertificate),
      exec: [{ apiVersion: GKE_AUTH_PLUGIN.apiVersion, command: GKE_AUTH_PLUGIN.command, args: [...GKE_AUTH_PLUGIN.args] }],
    });
    new ClusterRoleBindingV1(this, 'cluster-admin', {
      provider: kubernetes,
      metadata: { name: 'fleetsynth-argocd', labels: { 'app.kubernetes.io/managed-by': 'terraform' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subject: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: sa.email }],
    });
  }
}
