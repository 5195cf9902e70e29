/**
 * Where a cluster's Terraform state lives. Each cluster gets its own state key
 * (`<keyPrefix><cluster>.tfstate`, `<prefix>/<cluster>`), so stacks never share state.
 */
export type StateBackend = LocalBackend | S3Backend | GcsBackend | AzurermBackend;

/** State in the stack's folder: works with nothing configured, for trying things out. */
export interface LocalBackend {
  readonly type: 'local';
}

export interface S3Backend {
  readonly type: 's3';
  readonly bucket: string;
  readonly region: string;
  /** Start of every state key (`<keyPrefix><cluster>.tfstate`): no leading "/", no "//" (Terraform refuses such keys). @default 'fleetsynth/' */
  readonly keyPrefix?: string;
  /** A DynamoDB lock table, taken as well as S3-native locking (`use_lockfile`), for migrating from it. @default S3-native locking only */
  readonly dynamodbTable?: string;
}

export interface GcsBackend {
  readonly type: 'gcs';
  readonly bucket: string;
  /** @default 'fleetsynth' */
  readonly prefix?: string;
}

export interface AzurermBackend {
  readonly type: 'azurerm';
  readonly resourceGroupName: string;
  readonly storageAccountName: string;
  readonly containerName: string;
  /** @default 'fleetsynth/' */
  readonly keyPrefix?: string;
}

/** The state key of a cluster's stack in the s3 and azurerm backends: `<keyPrefix><cluster>.tfstate`. */
export function stateKey(keyPrefix: string | undefined, clusterName: string): string {
  return `${keyPrefix ?? 'fleetsynth/'}${clusterName}.tfstate`;
}

/** The gcs backend's `prefix` of a stack: `<prefix>/<stack>`, under which it keeps `default.tfstate`. */
export function gcsStatePrefix(prefix: string | undefined, stack: string): string {
  return `${prefix ?? 'fleetsynth'}/${stack}`;
}

/**
 * Where a backend keeps the state of a stack: the storage (a bucket, an Azure container) and the
 * object in it; undefined for `local` (each stack's own folder). S3 and Cloud Storage bucket names
 * and Azure storage account names are global, so the region and resource group are no part of it.
 * hashicorp/terraform v1.11.4 internal/backend/remote-state: s3 keeps the default workspace at `key`
 * (s3/backend_state.go path); gcs trims the prefix's leading "/" (gcs/backend.go) and keeps it at
 * path.Join(prefix, "default.tfstate"), which cleans "//", "." and ".." (gcs/backend_state.go
 * stateFile); azurerm at the blob `key` of the container (azure/backend_state.go path).
 */
export function stateLocation(backend: StateBackend, stack: string): { readonly storage: string; readonly object: string } | undefined {
  switch (backend.type) {
    case 'local':
      return undefined;
    case 's3':
      return { storage: STATE_STORAGE.s3(backend.bucket), object: stateKey(backend.keyPrefix, stack) };
    case 'gcs':
      return { storage: STATE_STORAGE.gcs(backend.bucket), object: gcsStateObject(gcsStatePrefix(backend.prefix, stack)) };
    case 'azurerm':
      return { storage: STATE_STORAGE.azurerm(backend.storageAccountName, backend.containerName), object: stateKey(backend.keyPrefix, stack) };
  }
}

/** The storage a backend keeps states in, named as stateLocation and the backend-change guard (lib/infra/backend.ts emittedStateLocation) name it. */
export const STATE_STORAGE = {
  s3: (bucket: string) => `s3://${bucket}`,
  gcs: (bucket: string) => `gs://${bucket}`,
  azurerm: (storageAccountName: string, containerName: string) => `https://${storageAccountName}.blob.core.windows.net/${containerName}`,
};

/** The object the gcs backend keeps the default workspace's state in, for its `prefix`: leading "/" trimmed, then path.Join with default.tfstate. */
export function gcsStateObject(prefix: string): string {
  return cleanPath(`${prefix.replace(/^\/+/, '')}/default.tfstate`);
}

/** Go's path.Clean of a relative path: no empty or "." segments, ".." takes the segment before it. */
function cleanPath(p: string): string {
  const out: string[] = [];
  for (const segment of p.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}
