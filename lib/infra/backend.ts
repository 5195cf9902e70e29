import { Construct } from 'constructs';
import { gcsStatePrefix, StateBackend, stateKey } from '../fleet';
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
      // S3-native state locking (Terraform >= 1.10); cdktf 0.21 has no typed field for it. With a
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
