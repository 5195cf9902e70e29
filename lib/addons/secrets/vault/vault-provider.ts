import { Construct } from 'constructs';
import { VaultProvider } from '../../../infra/providers/vault';

export interface FleetVaultProviderProps {
  /** Vault's API address. */
  readonly address: string;
  /** Vault Enterprise namespace. @default the root namespace */
  readonly namespace?: string;
  /**
   * Log in with a JWT against `auth/<mount>` as `role`; the JWT itself comes from the
   * `TERRAFORM_VAULT_AUTH_JWT` environment variable (terraform-provider-vault docs, "auth_login_jwt").
   * @default a token from `VAULT_TOKEN` (the provider reads it when `token` is unset)
   */
  readonly jwtLogin?: { readonly mount: string; readonly role: string };
}

/**
 * The Vault provider, configured with the address only: its credentials come from the pipeline's
 * environment and never appear in the stack's JSON.
 */
export class FleetVaultProvider extends Construct {
  readonly provider: VaultProvider;

  constructor(scope: Construct, id: string, props: FleetVaultProviderProps) {
    super(scope, id);
    this.provider = new VaultProvider(this, 'provider', {
      address: props.address,
      ...(props.namespace ? { namespace: props.namespace } : {}),
      ...(props.jwtLogin ? { authLoginJwt: [{ mount: props.jwtLogin.mount, role: props.jwtLogin.role }] } : {}),
    });
  }
}
