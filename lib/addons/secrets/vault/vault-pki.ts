import { Construct } from 'constructs';
import {
  Mount,
  PkiSecretBackendConfigIssuers,
  PkiSecretBackendIntermediateCertRequest,
  PkiSecretBackendIntermediateSetSigned,
  PkiSecretBackendRootCert,
  PkiSecretBackendRootSignIntermediate,
} from '../../../infra/providers/vault';

/*
 * A root CA and intermediates in Vault's PKI engine, every key generated inside Vault: `type =
 * "internal"` never returns the key, so neither Terraform's state nor its plan ever holds one
 * (terraform-provider-vault docs: `private_key` is set only for `type = "exported"`). The state
 * holds certificates and CSRs: public data.
 */

const HOURS_PER_YEAR = 24 * 365;

export interface VaultRootCaProps {
  readonly path: string;
  readonly commonName: string;
  /** @default none */
  readonly organization?: string;
  /** @default 10 */
  readonly validityYears?: number;
}

/** A PKI mount holding a self-signed root CA whose key never leaves Vault. */
export class VaultRootCa extends Construct {
  readonly mount: Mount;
  readonly certificate: PkiSecretBackendRootCert;

  constructor(scope: Construct, id: string, props: VaultRootCaProps) {
    super(scope, id);
    const years = props.validityYears ?? 10;
    // A mount's max lease TTL caps every certificate it issues, the root's own included.
    this.mount = new Mount(this, 'mount', { path: props.path, type: 'pki', maxLeaseTtlSeconds: years * HOURS_PER_YEAR * 3600, description: `root CA: ${props.commonName}` });
    this.certificate = new PkiSecretBackendRootCert(this, 'certificate', {
      backend: this.mount.path,
      type: 'internal',
      commonName: props.commonName,
      ...(props.organization ? { organization: props.organization } : {}),
      ttl: `${years * HOURS_PER_YEAR}h`,
      keyType: 'rsa',
      keyBits: 4096,
    });
  }
}

export interface VaultIntermediateCaProps {
  readonly path: string;
  readonly commonName: string;
  /** The root that signs it. */
  readonly root: VaultRootCa;
  /** @default none */
  readonly organization?: string;
  /**
   * Nothing re-signs it (see README, Secrets): 5 years, as Vault's own PKI guide signs intermediates
   * (43800h), within the root's 10; its key never leaves Vault. @default 5
   */
  readonly validityYears?: number;
}

/**
 * A PKI mount with an intermediate CA signed by `root`: key generated inside Vault, chain
 * (intermediate + root) set on the mount, and that intermediate the mount's default issuer.
 */
export class VaultIntermediateCa extends Construct {
  readonly mount: Mount;
  readonly signed: PkiSecretBackendRootSignIntermediate;

  constructor(scope: Construct, id: string, props: VaultIntermediateCaProps) {
    super(scope, id);
    const years = props.validityYears ?? 5;
    const org = props.organization ? { organization: props.organization } : {};
    this.mount = new Mount(this, 'mount', { path: props.path, type: 'pki', maxLeaseTtlSeconds: years * HOURS_PER_YEAR * 3600, description: `intermediate CA: ${props.commonName}` });
    const csr = new PkiSecretBackendIntermediateCertRequest(this, 'csr', { backend: this.mount.path, type: 'internal', commonName: props.commonName, ...org, keyType: 'rsa', keyBits: 3072 });
    this.signed = new PkiSecretBackendRootSignIntermediate(this, 'signed', {
      backend: props.root.mount.path,
      csr: csr.csr,
      commonName: props.commonName,
      ...org,
      ttl: `${years * HOURS_PER_YEAR}h`,
      // It signs leaf certificates only.
      maxPathLength: 0,
      format: 'pem_bundle',
    });
    // The bundle (intermediate + issuing root) becomes the mount's chain, so every certificate it
    // signs comes back with `ca_chain` up to the root (Vault PKI API "Set signed intermediate").
    const setSigned = new PkiSecretBackendIntermediateSetSigned(this, 'set-signed', { backend: this.mount.path, certificate: this.signed.certificateBundle });
    // Vault makes an imported issuer the mount's default only when it has none (hashicorp/vault
    // builtin/logical/pki/storage.go, importIssuer): after a re-sign the old intermediate would keep
    // signing, so the default is set here. It is the first of `imported_issuers`, the issuers new to
    // the mount in the bundle's order (path_manage_issuers.go, pathImportIssuers, which set-signed
    // runs); the bundle starts with the intermediate (terraform-provider-vault
    // resource_pki_secret_backend_root_sign_intermediate.go, parseCertChain). The keyless root comes
    // second on the first import and is not new on a re-sign.
    const imported = `${setSigned.fqn}.imported_issuers`;
    new PkiSecretBackendConfigIssuers(this, 'default-issuer', {
      backend: this.mount.path,
      default: `\${${imported}[0]}`,
      // Pinned to the one above: no later import moves it.
      defaultFollowsLatestIssuer: false,
      lifecycle: {
        precondition: [{
          condition: `\${length(${imported}) > 0}`,
          errorMessage: `The intermediate set on ${props.path} was in the mount already (no issuer was imported). To re-sign it, replace its CSR and signature too (README, Secrets: "the intermediates expire").`,
        }],
      },
    });
  }
}
