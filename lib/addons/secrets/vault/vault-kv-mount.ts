import { Construct } from 'constructs';
import { Mount } from '../../../infra/providers/vault';

export interface VaultKvMountProps {
  /** Mount path. */
  readonly path: string;
  /** @default none */
  readonly description?: string;
}

/** A KV version 2 secrets engine (versioned secrets with metadata), as External Secrets reads and writes it. */
export class VaultKvMount extends Construct {
  readonly mount: Mount;

  constructor(scope: Construct, id: string, props: VaultKvMountProps) {
    super(scope, id);
    // KV v2 is the `kv` engine with option version=2 (Vault docs, "KV secrets engine - version 2: Setup").
    this.mount = new Mount(this, 'mount', { path: props.path, type: 'kv', options: { version: '2' }, ...(props.description ? { description: props.description } : {}) });
  }
}
