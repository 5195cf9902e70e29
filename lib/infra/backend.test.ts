import { fleet as example } from '../../test/full-fleet';
import { resolveFleet, StateBackend, stateLocation } from '../fleet';
import { synthExampleStack } from '../../test/stack-fixture';
import { emittedStateLocation } from './backend';

function backendOf(stateBackend: StateBackend) {
  const fleet = resolveFleet({ ...example, stateBackend });
  return synthExampleStack('aws-prod', new Map(), fleet).terraform.backend;
}

describe('state backend', () => {
  test('is local by default, in the stack folder', () => {
    const fleet = resolveFleet({ ...example, stateBackend: undefined });
    expect(synthExampleStack('aws-prod', new Map(), fleet).terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  });

  test('s3: one key per cluster, encrypted, S3-native locking', () => {
    expect(backendOf({ type: 's3', bucket: 'tf-state', region: 'us-east-1' })).toEqual({ s3: { bucket: 'tf-state', region: 'us-east-1', key: 'fleetsynth/aws-prod.tfstate', encrypt: true, use_lockfile: true } });
  });

  test('s3 with a DynamoDB lock table: both locks, the migration Terraform 1.11 documents', () => {
    expect(backendOf({ type: 's3', bucket: 'tf-state', region: 'us-east-1', dynamodbTable: 'locks', keyPrefix: 'p/' }).s3).toMatchObject({ key: 'p/aws-prod.tfstate', dynamodb_table: 'locks', use_lockfile: true });
  });

  test('gcs: one prefix per cluster', () => {
    expect(backendOf({ type: 'gcs', bucket: 'tf-state' })).toEqual({ gcs: { bucket: 'tf-state', prefix: 'fleetsynth/aws-prod' } });
  });

  test('azurerm: one key per cluster', () => {
    expect(backendOf({ type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'acmetfstate', containerName: 'tfstate' })).toEqual({
      azurerm: { resource_group_name: 'rg', storage_account_name: 'acmetfstate', container_name: 'tfstate', key: 'fleetsynth/aws-prod.tfstate' },
    });
  });

  test('the emitted block keeps the state where stateLocation says, which the fleet check keeps unique per stack', () => {
    const backends: StateBackend[] = [
      { type: 's3', bucket: 'tf-state', region: 'us-east-1', keyPrefix: 'p/' },
      { type: 'gcs', bucket: 'tf-state', prefix: '/p//q' },
      { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'acmetfstate', containerName: 'tfstate' },
    ];
    const emitted = backends.map((b) => {
      const block = Object.values(backendOf(b))[0] as Record<string, string>;
      // gcs/backend.go trims the prefix's leading "/"; backend_state.go stateFile joins (and cleans) it with default.tfstate.
      return b.type === 'gcs' ? `gs://${block.bucket}/${block.prefix.replace(/^\/+/, '').replace(/\/+/g, '/')}/default.tfstate` : b.type === 's3' ? `s3://${block.bucket}/${block.key}` : `https://${block.storage_account_name}.blob.core.windows.net/${block.container_name}/${block.key}`;
    });
    expect(backends.map((b) => { const l = stateLocation(b, 'aws-prod')!; return `${l.storage}/${l.object}`; })).toEqual(emitted);
    expect(backends.map((b) => emittedStateLocation(backendOf(b)))).toEqual(emitted);
    expect(emittedStateLocation(backendOf({ type: 'local' }))).toBe('local:terraform.tfstate');
    expect(emittedStateLocation({ consul: { path: 'x' } })).toBeUndefined();
  });
});
