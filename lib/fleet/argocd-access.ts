import { Cloud } from './cluster';
import { HeldBack } from './held-back';
import {
  ARGOCD_SERVICE_ACCOUNTS,
  argocdControllerRoleName,
  argocdIdentityName,
  argocdOidcProviderStackName,
  argocdServiceAccountSubject,
  stackName,
} from './names';
import { ResolvedCluster, ResolvedFleet } from './resolve-fleet';
import { ClusterOutputs, TERRAFORM_OUTPUT } from './terraform-outputs';

/*
 * How Argo CD, on the management cluster, reaches each workload cluster without a static credential.
 * Terraform (lib/infra/argocd-access) creates the cloud side from these facts, the Kubernetes layer
 * (lib/k8s/argocd) writes the registration Secrets and Argo CD's own pod settings from them: both
 * call these functions, so issuer, audience, subjects, paths and names agree by construction.
 *
 * Uniform: every target is reached by federation from the management cluster's OIDC issuer, with a
 * projected service-account token per target cloud. The one exception: an EKS cluster managed from
 * an EKS management cluster. There Argo CD's pods already run as an IAM role (IRSA), and the
 * workload role trusts exactly that role's ARN (AssumeRole), which needs no IAM OIDC provider in
 * the workload account (IAM allows one per issuer URL per account, and the management stack owns
 * the one for its own issuer when both share an account).
 */

/** Audience of the projected token Argo CD presents to each target cloud. */
export const ARGOCD_TOKEN_AUDIENCE: Readonly<Record<Cloud, string>> = {
  // The IAM OIDC provider's client id, as IRSA uses it (docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
  aws: 'sts.amazonaws.com',
  // Our choice, set as every pool provider's `allowed_audiences`: one token serves every GKE cluster. The default
  // audience is each provider's full resource name (cloud.google.com/iam/docs/workload-identity-federation-with-kubernetes),
  // which would need a token per cluster in Argo CD's pod spec, and a pod restart per new cluster.
  gcp: 'sts.googleapis.com',
  // What Entra expects from federated identity credentials (learn.microsoft.com/entra/workload-id/workload-identity-federation-create-trust-user-assigned-managed-identity).
  azure: 'api://AzureADTokenExchange',
};

/** Where Argo CD's pods find their projected tokens and per-cluster credential files (one projected volume). */
export const ARGOCD_IDENTITY_MOUNT = '/var/run/secrets/fleetsynth';
/** The ConfigMap, in Argo CD's namespace, holding the per-cluster credential files mounted there. */
export const ARGOCD_CLOUD_IDENTITY_CONFIGMAP = 'argocd-cloud-identity';
/** File name, inside the mount, of the projected token for a target cloud. */
export function argocdTokenFile(cloud: Cloud): string {
  return `${cloud}-token`;
}
export function argocdTokenPath(cloud: Cloud): string {
  return `${ARGOCD_IDENTITY_MOUNT}/${argocdTokenFile(cloud)}`;
}
/** AWS, management cluster not on EKS: the AWS config file with one profile per EKS workload cluster (`AWS_CONFIG_FILE`). */
export const ARGOCD_AWS_CONFIG_FILE = 'aws-config';
/** GKE: the credential-configuration file (`external_account`) for one GKE workload cluster. */
export function argocdGcpCredentialFile(cluster: Pick<ResolvedCluster, 'name'>): string {
  return `gcp-${cluster.name}.json`;
}
/** Token lifetime: the kubelet refreshes a projected token at 80 % of it (kubernetes.io/docs/concepts/storage/projected-volumes). */
export const ARGOCD_TOKEN_EXPIRATION_SECONDS = 3600;

/** What a workload cluster's Argo CD access trusts. */
export type ArgoCdTrust =
  /** EKS from EKS: Argo CD's own IAM role (IRSA on the management cluster), by exact ARN. */
  | { readonly kind: 'management-role'; readonly roleArn: string }
  /** Everything else: tokens the management cluster's issuer signs for Argo CD's service accounts. */
  | { readonly kind: 'oidc'; readonly issuer: string; readonly audience: string; readonly subjects: readonly string[] };

/** The value a workload stack reports as `argocd_trusts` once its access is applied. */
export function trustedValue(trust: ArgoCdTrust): string {
  return trust.kind === 'management-role' ? trust.roleArn : trust.issuer;
}

/** Subjects of Argo CD's tokens: `system:serviceaccount:argocd:<sa>` for each service account that talks to clusters. */
export const ARGOCD_SUBJECTS: readonly string[] = ARGOCD_SERVICE_ACCOUNTS.map(argocdServiceAccountSubject);

export function managementOf(fleet: Pick<ResolvedFleet, 'clusters'>): ResolvedCluster {
  const management = fleet.clusters.find((c) => c.role === 'management');
  if (!management) throw new Error('the fleet has no management cluster (validation guarantees one)');
  return management;
}

const outputsOf = (management: ResolvedCluster) => `the Terraform outputs of the management cluster (terraform output -json of stack ${stackName(management)})`;

/** Whether an EKS workload is reached by role chaining from Argo CD's IRSA role (management on EKS). */
export function usesManagementRole(management: Pick<ResolvedCluster, 'cloud'>, workload: Pick<ResolvedCluster, 'cloud'>): boolean {
  return management.cloud === 'aws' && workload.cloud === 'aws';
}

/**
 * What the workload cluster's Argo CD access trusts, from the management cluster's outputs; or what
 * it waits for. Terraform renders the access only once this is known; until then it is held back.
 */
export function argocdTrust(fleet: Pick<ResolvedFleet, 'clusters'>, outputs: ReadonlyMap<string, ClusterOutputs>, workload: ResolvedCluster): ArgoCdTrust | { readonly waitingFor: string } {
  const management = managementOf(fleet);
  const own = outputs.get(management.name);
  if (usesManagementRole(management, workload)) {
    if (own?.argocdControllerRoleArn) return { kind: 'management-role', roleArn: own.argocdControllerRoleArn };
    return { waitingFor: own ? `stack ${stackName(management)} applied again: its outputs have no ${TERRAFORM_OUTPUT.argocdControllerRoleArn} yet` : `${outputsOf(management)}: ${TERRAFORM_OUTPUT.argocdControllerRoleArn}` };
  }
  if (own) return { kind: 'oidc', issuer: own.oidcIssuer, audience: ARGOCD_TOKEN_AUDIENCE[workload.cloud], subjects: ARGOCD_SUBJECTS };
  return { waitingFor: `${outputsOf(management)}: ${TERRAFORM_OUTPUT.oidcIssuer}` };
}

/** A workload cluster's outputs once its Argo CD access is applied. */
export type ArgoCdAccessOutputs = ClusterOutputs & { readonly argocdIdentity: string };

export type ArgoCdRegistration =
  | { readonly ready: true; readonly trust: ArgoCdTrust; readonly outputs: ArgoCdAccessOutputs }
  | {
      readonly ready: false;
      readonly heldBack: HeldBack;
      /**
       * Set when only the trust is wrong: its access is applied, with every output it needs, but trusts
       * another value than the management cluster's outputs say now (the management cluster was
       * replaced). Its stack, as rendered now, carries the new trust; these are its outputs meanwhile.
       * @default undefined: something is missing
       */
      readonly trustChanged?: { readonly outputs: ArgoCdAccessOutputs };
    };

/**
 * Whether Argo CD can reach a workload cluster now: its stack has been applied with the Argo CD access
 * that trusts what the management cluster's outputs say today. Otherwise the registration (and every
 * Application that targets the cluster) is held back, with what it waits for.
 */
export function argocdRegistration(fleet: Pick<ResolvedFleet, 'clusters'>, outputs: ReadonlyMap<string, ClusterOutputs>, workload: ResolvedCluster): ArgoCdRegistration {
  const what = 'Argo CD registration and every Application that targets the cluster';
  const held = (waitingFor: string, trustChanged?: ArgoCdAccessOutputs): ArgoCdRegistration => ({
    ready: false,
    heldBack: { subject: workload.name, what, waitingFor },
    ...(trustChanged ? { trustChanged: { outputs: trustChanged } } : {}),
  });
  const own = outputs.get(workload.name);
  if (!own) return held(`its Terraform outputs (terraform output -json of stack ${stackName(workload)})`);
  const trust = argocdTrust(fleet, outputs, workload);
  if ('waitingFor' in trust) return held(`${trust.waitingFor}, then stack ${stackName(workload)} applied again with Argo CD's access`);
  const expected = trustedValue(trust);
  const again = `stack ${stackName(workload)} applied again (its Argo CD access is in the stack now)`;
  if (!own.argocdTrusts || !own.argocdIdentity) return held(`${again}: its outputs have no ${TERRAFORM_OUTPUT.argocdTrusts} and ${TERRAFORM_OUTPUT.argocdIdentity} yet`);
  if (workload.cloud === 'gcp' && !own.gcpProjectNumber) return held(`${again}: its outputs have no ${TERRAFORM_OUTPUT.gcpProjectNumber} yet`);
  const applied: ArgoCdAccessOutputs = { ...own, argocdIdentity: own.argocdIdentity };
  if (own.argocdTrusts !== expected) return held(`${again}: it trusts ${own.argocdTrusts}, Argo CD now runs as ${expected}`, applied);
  return { ready: true, trust, outputs: applied };
}

/** EKS management cluster with EKS workloads: Argo CD's IRSA role, and exactly the roles it may assume. */
export interface ArgoCdControllerRole {
  readonly roleName: string;
  /** The EKS workload clusters' Argo CD roles: `arn:<partition>:iam::<accountId>:role/<roleName>`. */
  readonly assumableRoles: readonly { readonly accountId: string; readonly roleName: string }[];
}

export function argocdControllerRole(fleet: Pick<ResolvedFleet, 'clusters'>): ArgoCdControllerRole | undefined {
  const management = managementOf(fleet);
  const targets = fleet.clusters.filter((c) => c.role === 'workload' && usesManagementRole(management, c));
  if (targets.length === 0) return undefined;
  return {
    roleName: argocdControllerRoleName(management),
    // Validation requires accountId on every EKS workload cluster (lib/fleet/validate-argocd-access.ts).
    assumableRoles: targets.map((c) => ({ accountId: c.accountId!, roleName: argocdIdentityName(c) })),
  };
}

/** Management cluster not on EKS: one stack per AWS account creates the IAM OIDC provider for its issuer. */
export interface ArgoCdOidcProviderStack {
  readonly name: string;
  readonly accountId: string;
  /** Region of the AWS provider block (IAM is global; the first EKS workload cluster of the account by name). */
  readonly region: string;
  /** The EKS workload clusters of the account, by name. */
  readonly clusters: readonly string[];
}

export function argocdOidcProviderStacks(fleet: Pick<ResolvedFleet, 'clusters'>): ArgoCdOidcProviderStack[] {
  const management = managementOf(fleet);
  const byAccount = new Map<string, ResolvedCluster[]>();
  for (const c of fleet.clusters) {
    if (c.role !== 'workload' || c.cloud !== 'aws' || usesManagementRole(management, c)) continue;
    byAccount.set(c.accountId!, [...(byAccount.get(c.accountId!) ?? []), c]);
  }
  return [...byAccount.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([accountId, clusters]) => {
      const sorted = [...clusters].sort((a, b) => (a.name < b.name ? -1 : 1));
      return { name: argocdOidcProviderStackName(accountId), accountId, region: sorted[0].region, clusters: sorted.map((c) => c.name) };
    });
}

/** What Terraform leaves out of the stacks until the management cluster's outputs exist, for synth's summary. */
export function argocdAccessHeldBack(fleet: Pick<ResolvedFleet, 'clusters'>, outputs: ReadonlyMap<string, ClusterOutputs>): HeldBack[] {
  const held: HeldBack[] = [];
  const access: Record<Cloud, string> = {
    aws: 'Argo CD access: IAM role, EKS access entry',
    gcp: 'Argo CD access: service account, workload identity pool, RBAC binding',
    azure: 'Argo CD access: managed identity, role assignment, federated credentials',
  };
  for (const c of fleet.clusters.filter((x) => x.role === 'workload')) {
    const trust = argocdTrust(fleet, outputs, c);
    if ('waitingFor' in trust) held.push({ subject: `stack ${stackName(c)}`, what: access[c.cloud], waitingFor: trust.waitingFor });
  }
  const management = managementOf(fleet);
  if (!outputs.has(management.name)) {
    for (const s of argocdOidcProviderStacks(fleet)) {
      held.push({ subject: `stack ${s.name}`, what: 'IAM OIDC provider for the management cluster\'s issuer (the whole stack)', waitingFor: `${outputsOf(management)}: ${TERRAFORM_OUTPUT.oidcIssuer}` });
    }
  }
  return held;
}
