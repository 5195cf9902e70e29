import { Construct } from 'constructs';
import { gcsStatePrefix, gcsStateObject, STATE_STORAGE, StateBackend, stateKey } from '../fleet';
import { AzurermBackend, GcsBackend, LocalBackend, S3Backend, TerraformBackend } from './cdktf';

/** Configures the stack's state backend, with one state key per cluster. */
export function addStateBackend(stack: Construct, backend: StateBackend, clusterName: string): TerraformBackend {
  switch (backend.type) {
    case 'local':
      // Relative to the stack folder, so the path never depends on where synth ran.
      return new LocalBackend(stack, { path: 'terraform.tfstate' });
    case 's3': {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        region: backend.region,
        key: stateKey(backend.keyPrefix, clusterName),
        encrypt: true,
        ...(backend.dynamodbTable ? { dynamodbTable: backend.dynamodbTable } : {}),
      });
      // S3-native state locking (generally available from Terraform 1.11.0: TERRAFORM_MIN_VERSION); cdktf 0.21 has no typed field for it. With a
      // DynamoDB table too, both locks are taken: Terraform 1.11 deprecates dynamodb_table and documents
      // setting both as the migration (website/docs/language/backend/s3.mdx, "State Locking").
      s3.addOverride('use_lockfile', true);
      return s3;
    }
    case 'gcs':
      // GCS locks state natively.
      return new GcsBackend(stack, { bucket: backend.bucket, prefix: gcsStatePrefix(backend.prefix, clusterName) });
    case 'azurerm':
      // Azure blob leases lock state natively.
      return new AzurermBackend(stack, {
        resourceGroupName: backend.resourceGroupName,
        storageAccountName: backend.storageAccountName,
        containerName: backend.containerName,
        key: stateKey(backend.keyPrefix, clusterName),
      });
  }
}

/**
 * Where an emitted `terraform.backend` block keeps the state: the bucket (or container) and object,
 * or the local file, as `stateLocation` (lib/fleet/state-backend.ts) names them; undefined for a block
 * fleetsynth does not write. A change that keeps it (a DynamoDB lock table added or dropped, another
 * region for the same bucket) moves no state: a fresh `terraform init` reads the same one.
 */
export function emittedStateLocation(backend: unknown): string | undefined {
  const entries = backend !== null && typeof backend === 'object' ? Object.entries(backend as Record<string, unknown>) : [];
  if (entries.length !== 1 || entries[0][1] === null || typeof entries[0][1] !== 'object') return undefined;
  const [type, block] = entries[0] as [string, Record<string, unknown>];
  const text = (...keys: string[]) => (keys.every((k) => typeof block[k] === 'string') ? keys.map((k) => block[k] as string) : undefined);
  const s3 = type === 's3' ? text('bucket', 'key') : undefined;
  const gcs = type === 'gcs' ? text('bucket', 'prefix') : undefined;
  const azurerm = type === 'azurerm' ? text('storage_account_name', 'container_name', 'key') : undefined;
  const local = type === 'local' ? text('path') : undefined;
  if (s3) return `${STATE_STORAGE.s3(s3[0])}/${s3[1]}`;
  if (gcs) return `${STATE_STORAGE.gcs(gcs[0])}/${gcsStateObject(gcs[1])}`;
  if (azurerm) return `${STATE_STORAGE.azurerm(azurerm[0], azurerm[1])}/${azurerm[2]}`;
  return local ? `local:${local[0]}` : undefined;
}
