/* Vault provider classes (hashicorp/vault 5.6.0 via @cdktf/provider-vault 15.6.1), each from its deep path (see providers/aws.ts for why). */
export { VaultProvider } from '@cdktf/provider-vault/lib/provider';
export { JwtAuthBackend } from '@cdktf/provider-vault/lib/jwt-auth-backend';
export { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
export { KvSecretV2 } from '@cdktf/provider-vault/lib/kv-secret-v2';
export { Mount } from '@cdktf/provider-vault/lib/mount';
export { PkiSecretBackendConfigIssuers } from '@cdktf/provider-vault/lib/pki-secret-backend-config-issuers';
export { PkiSecretBackendIntermediateCertRequest } from '@cdktf/provider-vault/lib/pki-secret-backend-intermediate-cert-request';
export { PkiSecretBackendIntermediateSetSigned } from '@cdktf/provider-vault/lib/pki-secret-backend-intermediate-set-signed';
export { PkiSecretBackendRole } from '@cdktf/provider-vault/lib/pki-secret-backend-role';
export { PkiSecretBackendRootCert } from '@cdktf/provider-vault/lib/pki-secret-backend-root-cert';
export { PkiSecretBackendRootSignIntermediate } from '@cdktf/provider-vault/lib/pki-secret-backend-root-sign-intermediate';
export { Policy } from '@cdktf/provider-vault/lib/policy';
