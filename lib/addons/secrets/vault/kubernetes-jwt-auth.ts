import { Construct } from 'constructs';
import { JwtAuthBackend, JwtAuthBackendRole } from '../../../infra/providers/vault';

export interface KubernetesJwtAuthProps {
  /** Mount path of the auth method (`auth/<path>`). */
  readonly path: string;
  /**
   * The cluster's service-account issuer (EKS, GKE and AKS publish its OIDC discovery document and
   * keys on the internet): Vault checks tokens against it without any route to the API server.
   */
  readonly oidcIssuer: string;
  /** @default none */
  readonly description?: string;
}

export interface KubernetesJwtRoleProps {
  readonly name: string;
  /** The one service account that may log in as this role. */
  readonly serviceAccount: { readonly namespace: string; readonly name: string };
  /** An audience the token must carry. */
  readonly audience: string;
  readonly policies: readonly string[];
  /** @default 900 */
  readonly tokenTtlSeconds?: number;
  /** @default 3600 */
  readonly tokenMaxTtlSeconds?: number;
  /**
   * `batch`: tokens Vault does not store (no lease, no storage write; they cannot be renewed, revoked or
   * create child tokens: Vault docs, concepts/tokens "Token type comparison"). For a client that logs in
   * for one request and never revokes what it got.
   * @default the mount's default (`default-service`: service tokens)
   */
  readonly tokenType?: 'service' | 'batch';
}

/**
 * Vault's JWT auth method trusting one Kubernetes cluster's service-account tokens, as in Vault's
 * docs "Use JWT auth for Kubernetes": `oidc_discovery_url` = the cluster's issuer, and roles of type
 * `jwt` bound to one service account (`sub` = `system:serviceaccount:<ns>:<name>`) and an audience.
 */
export class KubernetesJwtAuth extends Construct {
  readonly backend: JwtAuthBackend;
  readonly roles: JwtAuthBackendRole[] = [];

  constructor(scope: Construct, id: string, props: KubernetesJwtAuthProps) {
    super(scope, id);
    this.backend = new JwtAuthBackend(this, 'backend', {
      path: props.path,
      type: 'jwt',
      oidcDiscoveryUrl: props.oidcIssuer,
      ...(props.description ? { description: props.description } : {}),
    });
  }

  addRole(props: KubernetesJwtRoleProps): JwtAuthBackendRole {
    const role = new JwtAuthBackendRole(this, `role-${props.name}`, {
      backend: this.backend.path,
      roleName: props.name,
      // `jwt` roles validate a token presented to `login` (no OIDC browser flow).
      roleType: 'jwt',
      userClaim: 'sub',
      boundSubject: `system:serviceaccount:${props.serviceAccount.namespace}:${props.serviceAccount.name}`,
      // Vault accepts a token when any of its `aud` values is bound (Vault API docs, JWT auth: bound_audiences).
      boundAudiences: [props.audience],
      tokenPolicies: [...props.policies],
      tokenTtl: props.tokenTtlSeconds ?? 900,
      tokenMaxTtl: props.tokenMaxTtlSeconds ?? 3600,
      ...(props.tokenType ? { tokenType: props.tokenType } : {}),
    });
    this.roles.push(role);
    return role;
  }
}
