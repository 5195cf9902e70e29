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
