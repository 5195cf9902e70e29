import { Construct } from 'constructs';
import { ArgoCdTrust, ARGOCD_SERVICE_ACCOUNTS, argocdFederatedCredentialName, argocdServiceAccountSubject } from '../../fleet';
import { FederatedIdentityCredential, RoleAssignment, UserAssignedIdentity } from '../providers/azurerm';

export interface AksArgoCdAccessProps {
  /** Resource id of the AKS cluster: the role assignment's scope. */
  readonly clusterId: string;
  readonly resourceGroupName: string;
  readonly location: string;
  /** The user-assigned identity Argo CD authenticates as, `<cluster>-argocd`. */
  readonly identityName: string;
  /** The management cluster's issuer and the audience Argo CD's token carries. */
  readonly trust: Extract<ArgoCdTrust, { kind: 'oidc' }>;
}

/**
 * A user-assigned identity with *Azure Kubernetes Service RBAC Cluster Admin* on this cluster only
 * (Argo CD installs CRDs and ClusterRoles; the cluster uses Azure RBAC for Kubernetes authorization),
 * and one federated identity credential per Argo CD service account, trusting the management
 * cluster's issuer exactly as its tokens' `iss` claim (an AKS issuer ends in "/", and Entra compares
 * it as given: Azure/azure-workload-identity#1700).
 */
export class AksArgoCdAccess extends Construct {
  readonly identity: UserAssignedIdentity;

  constructor(scope: Construct, id: string, props: AksArgoCdAccessProps) {
    super(scope, id);
    this.identity = new UserAssignedIdentity(this, 'identity', { name: props.identityName, location: props.location, resourceGroupName: props.resourceGroupName });
    new RoleAssignment(this, 'cluster-admin', {
      scope: props.clusterId,
      roleDefinitionName: 'Azure Kubernetes Service RBAC Cluster Admin',
      principalId: this.identity.principalId,
      principalType: 'ServicePrincipal',
    });
    // One at a time: Entra rejects concurrent writes of federated credentials on one identity with 409
    // (learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations); at most 20 per identity.
    let previous: FederatedIdentityCredential | undefined;
    for (const sa of ARGOCD_SERVICE_ACCOUNTS) {
      previous = new FederatedIdentityCredential(this, `federated-${sa}`, {
        name: argocdFederatedCredentialName(sa),
        resourceGroupName: props.resourceGroupName,
        parentId: this.identity.id,
        audience: [props.trust.audience],
        issuer: props.trust.issuer,
        subject: argocdServiceAccountSubject(sa),
        ...(previous ? { dependsOn: [previous] } : {}),
      });
    }
  }
}
