import { Construct } from 'constructs';
import { ArgoCdControllerRole, ArgoCdTrust, ARGOCD_SUBJECTS, ARGOCD_TOKEN_AUDIENCE } from '../../fleet';
import { Fn } from '../cdktf';
import {
  DataAwsIamOpenidConnectProvider,
  DataAwsIamPolicyDocument,
  DataAwsPartition,
  EksAccessEntry,
  EksAccessPolicyAssociation,
  IamOpenidConnectProvider,
  IamRole,
  IamRolePolicy,
} from '../providers/aws';

/** IAM's name for the part after `oidc-provider/` of a provider ARN: the prefix of its `:aud` and `:sub` condition keys. */
const conditionKeyPrefix = (providerArn: string) => Fn.element(Fn.split('oidc-provider/', providerArn), 1);

export interface EksArgoCdAccessProps {
  /** Name of the EKS cluster (a reference to the cluster resource, so the access entry waits for it). */
  readonly clusterName: string;
  /** The IAM role Argo CD uses, `<cluster>-argocd`. */
  readonly roleName: string;
  /** What the role trusts (lib/fleet/argocd-access.ts `argocdTrust`). */
  readonly trust: ArgoCdTrust;
}

/**
 * The IAM role Argo CD uses to manage one EKS cluster, cluster admin through an EKS access entry.
 * From an EKS management cluster it trusts exactly Argo CD's own role (its account as principal, its
 * ARN as condition: the documented way that survives the role being recreated, unlike naming the role
 * as principal, which IAM turns into a unique id; docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html).
 * From any other management cluster it trusts `sts:AssumeRoleWithWebIdentity` with tokens of the
 * management issuer for Argo CD's service accounts, through the account's IAM OIDC provider (created
 * by the stack `argocd-oidc-<account>`, `AwsArgoCdOidcProvider`; read here, so a wrong apply order fails at plan).
 */
export class EksArgoCdAccess extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: EksArgoCdAccessProps) {
    super(scope, id);
    const { trust } = props;
    let assumeRolePolicy: string;
    if (trust.kind === 'management-role') {
      // arn:<partition>:iam::<account>:role/<name> -> arn:<partition>:iam::<account>:root (cross-account safe: the account is the management role's own)
      const [arn, partition, , , account] = trust.roleArn.split(':');
      assumeRolePolicy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `${arn}:${partition}:iam::${account}:root` }, Action: 'sts:AssumeRole', Condition: { ArnEquals: { 'aws:PrincipalArn': trust.roleArn } } }],
      });
    } else {
      const provider = new DataAwsIamOpenidConnectProvider(this, 'management-issuer', { url: trust.issuer });
      const key = conditionKeyPrefix(provider.arn);
      assumeRolePolicy = new DataAwsIamPolicyDocument(this, 'trust', {
        statement: [{
          effect: 'Allow',
          actions: ['sts:AssumeRoleWithWebIdentity'],
          principals: [{ type: 'Federated', identifiers: [provider.arn] }],
          condition: [
            { test: 'StringEquals', variable: `${key}:aud`, values: [trust.audience] },
            { test: 'StringEquals', variable: `${key}:sub`, values: [...trust.subjects] },
          ],
        }],
      }).json;
    }
    this.role = new IamRole(this, 'role', { name: props.roleName, assumeRolePolicy });
    const partition = new DataAwsPartition(this, 'partition').partition;
    const entry = new EksAccessEntry(this, 'access-entry', { clusterName: props.clusterName, principalArn: this.role.arn, type: 'STANDARD' });
    // Cluster admin: Argo CD installs CRDs, ClusterRoles and webhooks (Istio's charts among them).
    new EksAccessPolicyAssociation(this, 'cluster-admin', {
      clusterName: props.clusterName,
      principalArn: entry.principalArn,
      policyArn: `arn:${partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
      accessScope: { type: 'cluster' },
    });
  }
}

export interface EksArgoCdControllerProps {
  /** The management cluster's OIDC issuer URL (a reference to the cluster resource). */
  readonly issuer: string;
  /** ARN of the management cluster's IAM OIDC provider (IRSA). */
  readonly oidcProviderArn: string;
  readonly role: ArgoCdControllerRole;
}

/**
 * On an EKS management cluster with EKS workloads: the role Argo CD's application controller and
 * server run as (IRSA: the service accounts are annotated with its ARN), allowed to assume exactly
 * the EKS workload clusters' Argo CD roles, by ARN.
 */
export class EksArgoCdController extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: EksArgoCdControllerProps) {
    super(scope, id);
    const partition = new DataAwsPartition(this, 'partition').partition;
    const issuer = Fn.replace(props.issuer, 'https://', '');
    // IRSA trust (docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html): audience and the exact subjects.
    const trust = new DataAwsIamPolicyDocument(this, 'trust', {
      statement: [{
        effect: 'Allow',
        actions: ['sts:AssumeRoleWithWebIdentity'],
        principals: [{ type: 'Federated', identifiers: [props.oidcProviderArn] }],
        condition: [
          { test: 'StringEquals', variable: `${issuer}:aud`, values: [ARGOCD_TOKEN_AUDIENCE.aws] },
          { test: 'StringEquals', variable: `${issuer}:sub`, values: [...ARGOCD_SUBJECTS] },
        ],
      }],
    });
    this.role = new IamRole(this, 'role', { name: props.role.roleName, assumeRolePolicy: trust.json });
    new IamRolePolicy(this, 'assume-workload-roles', {
      role: this.role.name,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: props.role.assumableRoles.map((r) => `arn:${partition}:iam::${r.accountId}:role/${r.roleName}`) }],
      }),
    });
  }
}

export interface AwsArgoCdOidcProviderProps {
  /** The management cluster's OIDC issuer URL, exactly as its tokens' `iss` claim (from its outputs). */
  readonly issuer: string;
}

/**
 * The IAM OIDC provider for a non-EKS management cluster's issuer, in one AWS account. IAM allows one
 * provider per URL per account (docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html),
 * so it lives in its own stack per account, applied before that account's EKS workload stacks.
 */
export class AwsArgoCdOidcProvider extends Construct {
  readonly provider: IamOpenidConnectProvider;

  constructor(scope: Construct, id: string, props: AwsArgoCdOidcProviderProps) {
    super(scope, id);
    // No thumbprint_list: IAM verifies the issuer's certificate itself (terraform-provider-aws 6.x makes it optional).
    this.provider = new IamOpenidConnectProvider(this, 'provider', { url: props.issuer, clientIdList: [ARGOCD_TOKEN_AUDIENCE.aws] });
  }
}
