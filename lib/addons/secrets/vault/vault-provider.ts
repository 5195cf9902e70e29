import { Construct } from 'constructs';
import { VaultProvider } from '../../../infra/providers/vault';
import { StackFile } from '../../../infra/stack-file';

/** The CA certificate's file in the stack's folder, when Vault's TLS certificate is not publicly trusted. */
export const VAULT_CA_FILE = 'vault-ca.pem';

export interface FleetVaultProviderProps {
  /** Vault's API address. */
  readonly address: string;
  /** Vault Enterprise namespace. @default the root namespace */
  readonly namespace?: string;
  /**
   * PEM of the CA that signed Vault's TLS certificate. The provider takes it only as a file
   * (`ca_cert_file`; terraform-provider-vault internal/provider/provider.go has no inline PEM), so it is
   * written beside the stack as `vault-ca.pem`. @default the system roots (or the pipeline's `VAULT_CACERT`)
   */
  readonly caCertificate?: string;
  /**
   * Log in with a JWT against `auth/<mount>` as `role`; the JWT itself comes from the
   * `TERRAFORM_VAULT_AUTH_JWT` environment variable (terraform-provider-vault docs, "auth_login_jwt").
   * @default a token from `VAULT_TOKEN` (the provider reads it when `token` is unset)
   */
  readonly jwtLogin?: { readonly mount: string; readonly role: string };
}

/**
 * The Vault provider, configured with the address (and the CA to trust it with) only: its
 * credentials come from the pipeline's environment and never appear in the stack's JSON.
 */
export class FleetVaultProvider extends Construct {
  readonly provider: VaultProvider;

  constructor(scope: Construct, id: string, props: FleetVaultProviderProps) {
    super(scope, id);
    const ca = props.caCertificate ? new StackFile(this, 'ca-certificate', { fileName: VAULT_CA_FILE, content: props.caCertificate }) : undefined;
    this.provider = new VaultProvider(this, 'provider', {
      address: props.address,
      ...(props.namespace ? { namespace: props.namespace } : {}),
      ...(ca ? { caCertFile: ca.modulePath } : {}),
      ...(props.jwtLogin ? { authLoginJwt: [{ mount: props.jwtLogin.mount, role: props.jwtLogin.role }] } : {}),
    });
  }
}
