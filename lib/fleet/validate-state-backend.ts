import { CLOUD_CATALOG } from './cloud-catalog';
import { isDns1123Label } from './dns-names';
import { isNonEmptyString, isRecord, Problems } from './problems';
import { StateBackend, stateLocation } from './state-backend';
import { closest, didYouMean } from './suggest';

/*
 * The Terraform state backend (the fleet's, or a cluster's override). Names the clouds would reject
 * are refused here, where the field is, instead of at `terraform init`.
 */

const IPV4_LIKE = /^\d+\.\d+\.\d+\.\d+$/;

/**
 * S3 general purpose bucket naming rules (Amazon S3 user guide, "General purpose bucket naming rules"):
 * 3-63 characters of lowercase letters, digits, "." and "-", starting and ending with a letter or
 * digit, no "..", not an IP address, none of the prefixes and suffixes S3 reserves.
 */
export function s3BucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63 || !/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return 'an S3 bucket name is 3-63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit';
  if (name.includes('..')) return 'an S3 bucket name cannot have two periods in a row';
  if (IPV4_LIKE.test(name)) return 'an S3 bucket name cannot look like an IP address';
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((x) => name.startsWith(x));
  if (prefix) return `S3 reserves the bucket name prefix "${prefix}"`;
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((x) => name.endsWith(x));
  if (suffix) return `S3 reserves the bucket name suffix "${suffix}"`;
  return undefined;
}

/**
 * Cloud Storage bucket naming (cloud.google.com/storage/docs/buckets#naming): 3-63 characters (up to
 * 222 with dots, 63 per dot-separated part) of lowercase letters, digits, "-", "_" and ".", starting
 * and ending with a letter or digit; not an IP address; no "goog" prefix and no "google" in it.
 */
export function gcsBucketNameProblem(name: string): string | undefined {
  const max = name.includes('.') ? 222 : 63;
  if (name.length < 3 || name.length > max || !/^[a-z0-9][a-z0-9._-]*[a-z0-9]$/.test(name) || name.split('.').some((part) => part.length > 63)) {
    return 'a Cloud Storage bucket name is 3-63 lowercase letters, digits, "-", "_" and ".", starting and ending with a letter or digit';
  }
  if (IPV4_LIKE.test(name)) return 'a Cloud Storage bucket name cannot look like an IP address';
  if (name.startsWith('goog') || /g[o0][o0]gle/.test(name)) return 'Cloud Storage refuses bucket names starting with "goog" or containing "google"';
  return undefined;
}

// Azure naming rules (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules, Microsoft.Storage and Microsoft.Resources).
const AZURE_NAMES: Record<'storageAccountName' | 'containerName' | 'resourceGroupName', { test: (s: string) => boolean; rule: string }> = {
  storageAccountName: { test: (s) => /^[a-z0-9]{3,24}$/.test(s), rule: 'a storage account name is 3-24 lowercase letters and digits (no "-")' },
  containerName: { test: (s) => /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(s), rule: 'a blob container name is 3-63 lowercase letters, digits and single "-", starting and ending with a letter or digit' },
  resourceGroupName: { test: (s) => /^[-\w.()]{1,90}$/u.test(s) && !s.endsWith('.'), rule: 'a resource group name is 1-90 letters, digits, "_", "-", ".", "(" and ")", not ending with "."' },
};

/**
 * The S3 backend refuses a `key` that starts or ends with "/" or contains "//", at `terraform init`,
 * for every stack (hashicorp/terraform v1.11.4 internal/backend/remote-state/s3/backend.go: key
 * validators validateStringS3Path and validateStringDoesNotContain("//")). The key ends in ".tfstate",
 * so only the prefix can break the rule. The other backends refuse nothing here: gcs trims a leading
 * "/" from its prefix (gcs/backend.go), azurerm does not check its key (azure/backend.go).
 */
function checkS3KeyPrefix(p: Problems, path: string, keyPrefix: string): void {
  const broken = [keyPrefix.startsWith('/') ? 'starts with "/"' : '', keyPrefix.includes('//') ? 'contains "//"' : ''].filter(Boolean);
  if (broken.length === 0) return;
  const fixed = keyPrefix.replace(/\/{2,}/g, '/').replace(/^\//, '');
  p.add(path, `the S3 backend refuses a state key that ${broken.join(' or ')} (the key is <keyPrefix><cluster>.tfstate)`, keyPrefix, fixed ? `"${fixed}", or another prefix without a leading "/" or "//"` : 'leave keyPrefix out (default "fleetsynth/"), or a prefix like "states/"');
}

export function checkStateBackend(p: Problems, path: string, b: unknown): void {
  if (!isRecord(b)) {
    p.add(path, 'must be an object', b, '{ type: "local" | "s3" | "gcs" | "azurerm", … }');
    return;
  }
  const required: Record<StateBackend['type'], string[]> = {
    local: [],
    s3: ['bucket', 'region'],
    gcs: ['bucket'],
    azurerm: ['resourceGroupName', 'storageAccountName', 'containerName'],
  };
  const type = b.type as StateBackend['type'];
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(required, type)) {
    p.add(`${path}.type`, `unknown state backend${didYouMean(b.type, Object.keys(required))}`, b.type, '"local", "s3", "gcs" or "azurerm"');
    return;
  }
  for (const field of required[type]) {
    if (!isNonEmptyString(b[field])) p.add(`${path}.${field}`, `required for the ${type} backend`, b[field], 'a non-empty string');
  }
  const optional: Record<StateBackend['type'], string[]> = { local: [], s3: ['keyPrefix', 'dynamodbTable'], gcs: ['prefix'], azurerm: ['keyPrefix'] };
  for (const field of optional[type]) {
    const value = b[field];
    if (value === undefined) continue;
    if (!isNonEmptyString(value) || /\s/.test(value)) p.add(`${path}.${field}`, 'must be a non-empty string without spaces, or left out', value, 'e.g. "fleetsynth/"');
    else if (type === 's3' && field === 'keyPrefix') checkS3KeyPrefix(p, `${path}.keyPrefix`, value);
  }
  if (type === 's3' && isNonEmptyString(b.bucket)) {
    const problem = s3BucketNameProblem(b.bucket);
    if (problem) p.add(`${path}.bucket`, problem, b.bucket, 'e.g. "acme-terraform-state"');
  }
  if (type === 'gcs' && isNonEmptyString(b.bucket)) {
    const problem = gcsBucketNameProblem(b.bucket);
    if (problem) p.add(`${path}.bucket`, problem, b.bucket, 'e.g. "acme-terraform-state"');
  }
  if (type === 'azurerm') {
    for (const field of ['storageAccountName', 'containerName', 'resourceGroupName'] as const) {
      const value = b[field];
      if (isNonEmptyString(value) && !AZURE_NAMES[field].test(value)) p.add(`${path}.${field}`, AZURE_NAMES[field].rule, value, field === 'storageAccountName' ? 'e.g. "acmetfstate"' : 'e.g. "tfstate"');
    }
  }
  const regions = CLOUD_CATALOG.aws.regions;
  if (type === 's3' && isNonEmptyString(b.region) && !regions.includes(b.region)) {
    const match = closest(b.region, regions);
    p.add(`${path}.region`, `unknown AWS region${didYouMean(b.region, regions)}`, b.region, match ? `"${match}" or another of the ${regions.length} AWS regions fleetsynth knows (CLOUD_CATALOG, exported by 'fleetsynth/fleet')` : `one of ${regions.join(', ')}`);
  }
}

/** A cluster as the shared-state check sees it: its path in the fleet, its name and its own backend (undefined: the fleet's). */
export interface ClusterStateBackend {
  readonly path: string;
  readonly name: unknown;
  readonly backend: unknown;
}

/** The backend when checkStateBackend finds nothing wrong with it, else undefined (its problems are reported there). */
function validBackend(b: unknown): StateBackend | undefined {
  const q = new Problems();
  checkStateBackend(q, 'stateBackend', b);
  return q.list.length === 0 ? (b as StateBackend) : undefined;
}

const NAME_MARK = '\u0000';

/** The name of the stack whose state `backend` keeps at `location`, when one has it. */
function stackAt(backend: StateBackend, location: { storage: string; object: string }): string | undefined {
  const mark = stateLocation(backend, NAME_MARK);
  if (!mark || mark.storage !== location.storage) return undefined;
  const [before, after] = mark.object.split(NAME_MARK);
  const { object } = location;
  if (object.length <= before.length + after.length || !object.startsWith(before) || !object.endsWith(after)) return undefined;
  const name = object.slice(before.length, object.length - after.length);
  return isDns1123Label(name) ? name : undefined;
}

/**
 * No two stacks on one state. Terraform keeps nothing that tells two configurations' states apart: a
 * stack initialised on another's state plans to destroy every resource of it that its configuration
 * does not declare (or to change the other cluster's same-named resources into its own). The fleet's
 * backend gives each stack its own key by its name, and names are unique (clusters, fleet-wide
 * stacks); a cluster's own backend on the same storage can still land on another stack's key
 * (`keyPrefix: "fleetsynth/eu-"` for a cluster `prod` is the key of a stack named `eu-prod`), or on
 * another cluster's own. Either is refused, whether or not a stack of that name exists yet.
 */
export function checkSharedState(p: Problems, fleetBackend: unknown, clusters: readonly ClusterStateBackend[]): void {
  const fleet = validBackend(fleetBackend ?? { type: 'local' });
  const own = clusters.flatMap((c) => {
    const backend = c.backend === undefined || typeof c.name !== 'string' ? undefined : validBackend(c.backend);
    const location = backend && stateLocation(backend, c.name as string);
    return location ? [{ ...c, name: c.name as string, location }] : [];
  });
  own.forEach((c, i) => {
    const where = `${c.location.storage}/${c.location.object}`;
    const fleetStack = fleet && stackAt(fleet, c.location);
    const cluster = own.slice(0, i).find((o) => o.location.storage === c.location.storage && o.location.object === c.location.object);
    const other = fleetStack !== undefined && fleetStack !== c.name ? `the fleet's stateBackend gives a stack named "${fleetStack}" (a cluster or fleet-wide stack)` : cluster ? `cluster ${cluster.name}'s own stateBackend gives it` : undefined;
    if (!other) return;
    p.add(`${c.path}.stateBackend`, `the state of stack ${c.name} would be ${where}, the state ${other}: two stacks on one state overwrite each other's, and applying one would destroy the other's resources`, c.backend, 'a keyPrefix (gcs: prefix) under which no other stack has its state, e.g. a folder of its own ("clusters/")');
  });
}
