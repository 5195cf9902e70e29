import type { Fleet } from '../lib/addons';
import * as fs from 'fs';
import * as path from 'path';
import { fleetAddons } from '../lib/addons/fleet-addons';
import { Cloud, ClusterOutputs, EGRESS_CIDRS_OUTPUT, FleetError, HeldBack, resolveFleet, StackOutputValues, stackOutputJson, terraformOutputJson, usesManagementRole } from '../lib/fleet';
import { completeFleetOutputs } from '../lib/synth/fake-outputs';
import { definitionFingerprint } from '../lib/synth/render-cache';
import { renderFleet } from '../lib/synth/render-fleet';
import { synth } from '../lib/synth/synth';
import type { FileCache } from './file-cache';
import { fullFleet, LooseFleet } from './fleet-fixture';
import { readTree, tempDir, writeTree } from './tree';

/*
 * Fleets for the project's own tests, independent of the example in apps/fleet.ts (which users
 * edit): a management cluster and one workload cluster per cloud, small and valid, built fresh on
 * every call so tests can change them.
 */

const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBtest\n-----END CERTIFICATE-----\n').toString('base64');

const SHAPES: Record<Cloud, { region: string; machineType: string; project?: string }> = {
  aws: { region: 'eu-west-1', machineType: 'm7i.large' },
  gcp: { region: 'europe-west4', machineType: 'e2-standard-4', project: 'test-fleet-project' },
  azure: { region: 'westeurope', machineType: 'Standard_D4s_v5' },
};

/**
 * A cluster of `cloud` whose ranges are numbered by `n` (1-based), so that no two overlap. A management
 * cluster's pool has 2 to 4 nodes: on EKS an m7i.large node has 15 pod addresses besides the DaemonSets
 * (lib/addons/eks-pod-addresses.ts), and its platform pods need 17 with the Cluster Autoscaler off (the
 * pool stays at minSize), 48 with every platform service on (Mimir and Loki among them).
 */
export function testCluster(name: string, cloud: Cloud, n: number, role: 'management' | 'workload' = 'workload'): any {
  const shape = SHAPES[cloud];
  return {
    name,
    cloud,
    region: shape.region,
    kubernetesVersion: '1.35',
    role,
    labels: { env: 'test' },
    network: { nodeCidr: `10.${n * 8}.0.0/16`, podCidr: `10.${n * 8 + 4}.0.0/16`, serviceCidr: `172.${16 + n}.0.0/16`, ...(cloud === 'gcp' ? { controlPlaneCidr: `192.168.${n}.0/28` } : {}) },
    nodePools: [{ name: 'system', machineType: shape.machineType, ...(role === 'management' ? { minSize: 2, maxSize: 4 } : { minSize: 1, maxSize: 3 }) }],
    ...(shape.project ? { project: shape.project } : {}),
    // Each AWS cluster in an account of its own, so cross-account trust is what the tests see.
    ...(cloud === 'aws' ? { accountId: `${100000000000 + n}` } : {}),
  };
}

/** The GCP project number `fakeOutputs` reports for every GKE workload cluster. */
export const FAKE_PROJECT_NUMBER = '123456789012';

/** Management on `management` (default AWS), and one workload cluster per cloud: `t-mgmt`, `t-aws`, `t-gcp`, `t-azure`. */
export function testFleet(management: Cloud = 'aws'): Fleet & { clusters: any[] } {
  return {
    name: 'test-fleet',
    gitops: { repoURL: 'https://git.example.com/platform/gitops.git' },
    clusters: [
      testCluster('t-mgmt', management, 1, 'management'),
      testCluster('t-aws', 'aws', 2),
      testCluster('t-gcp', 'gcp', 3),
      testCluster('t-azure', 'azure', 4),
    ],
  };
}

/**
 * `testFleet()` with one of everything a fleet can hold: a state backend, mesh settings, a Helm app
 * with values and overrides, a git app, and a mesh service with endpoints on two clouds and failover.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function richTestFleet(): any {
  return {
    ...testFleet(),
    mesh: { meshID: 'test-mesh', trustDomain: 'cluster.local' },
    stateBackend: { type: 's3', bucket: 'test-fleet-state', region: 'eu-west-1', keyPrefix: 'fleetsynth/' },
    apps: [
      {
        name: 'podinfo',
        namespace: 'podinfo',
        source: { helm: { repoURL: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1', values: { replicaCount: 2, tolerations: [{ key: 'capacity', operator: 'Exists' }] } } },
        overrides: { 't-aws': { replicaCount: 3 } },
      },
      {
        name: 'checkout',
        namespace: 'checkout',
        source: { git: { path: 'apps/checkout', helm: true, values: { image: { tag: '1.4.2' } } } },
        clusters: { matchLabels: { env: 'test' } },
        deployAs: 'applications',
      },
    ],
    meshServices: [
      {
        name: 'api',
        host: 'api.example.com',
        ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }, { number: 8080, name: 'grpc', protocol: 'GRPC' }],
        resolution: 'DNS',
        endpoints: [
          { address: 'api.t-aws.internal.example.com', cluster: 't-aws' },
          { address: 'api.t-gcp.internal.example.com', cluster: 't-gcp', weight: 50 },
        ],
        failover: { order: ['gcp', 'aws'], outlierDetection: { consecutive5xxErrors: 5 } },
      },
    ],
  };
}

/**
 * Deterministic Terraform outputs for every cluster of a fleet, as if every stack had been applied
 * (workload stacks after the management cluster's outputs existed, so their Argo CD access is in place).
 */
export function fakeOutputs(fleet: { clusters: readonly { name: string; cloud: Cloud; role: string; region: string; project?: string; accountId?: string }[] }): Map<string, ClusterOutputs> {
  const base = new Map(
    fleet.clusters.map((c, i) => {
      const id = `${(i + 1).toString(16).padStart(6, '0').toUpperCase()}`;
      const common = { clusterName: c.name, caCertificate: CA };
      const byCloud: Record<Cloud, Omit<ClusterOutputs, 'clusterName' | 'caCertificate'>> = {
        aws: { endpoint: `https://${id}.gr7.${c.region}.eks.amazonaws.com`, oidcIssuer: `https://oidc.eks.${c.region}.amazonaws.com/id/${id}` },
        gcp: { endpoint: `https://10.250.0.${i + 1}`, oidcIssuer: `https://container.googleapis.com/v1/projects/${c.project}/locations/${c.region}/clusters/${c.name}` },
        azure: { endpoint: `https://${c.name}-${id.toLowerCase()}.hcp.${c.region}.azmk8s.io:443`, oidcIssuer: `https://${c.region}.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/${id}/`, tenantId: '00000000-0000-0000-0000-000000000000' },
      };
      // Every stack's static egress addresses (documentation range 198.51.100.0/24, RFC 5737).
      const egress = { values: { [EGRESS_CIDRS_OUTPUT]: [`198.51.100.${i * 4 + 1}/32`, `198.51.100.${i * 4 + 2}/32`] } };
      return [c.name, { ...common, ...byCloud[c.cloud], ...egress } as ClusterOutputs];
    }),
  );
  const management = fleet.clusters.find((c) => c.role === 'management')!;
  const controllerRoleArn = `arn:aws:iam::${management.accountId ?? '999988887777'}:role/${management.name}-argocd-controller`;
  if (management.cloud === 'aws') base.set(management.name, { ...base.get(management.name)!, argocdControllerRoleArn: controllerRoleArn });
  for (const c of fleet.clusters.filter((x) => x.role === 'workload')) {
    const i = fleet.clusters.indexOf(c);
    const identity = { aws: `arn:aws:iam::${c.accountId ?? '111122223333'}:role/${c.name}-argocd`, gcp: `${c.name}-argocd@${c.project}.iam.gserviceaccount.com`, azure: `00000000-0000-0000-0000-${(i + 1).toString(16).padStart(12, '0')}` }[c.cloud];
    const trusts = usesManagementRole(management, c) ? controllerRoleArn : base.get(management.name)!.oidcIssuer;
    base.set(c.name, { ...base.get(c.name)!, argocdIdentity: identity, argocdTrusts: trusts, ...(c.cloud === 'gcp' ? { gcpProjectNumber: FAKE_PROJECT_NUMBER } : {}) });
  }
  return base;
}

/** A folder of `<cluster>.json` files in the shape `terraform output -json` prints, for synth's `outputsDir`. */
export function outputsFolder(outputs: ReadonlyMap<string, ClusterOutputs>, extra: Record<string, Record<string, unknown>> = {}): string {
  const dir = path.join(tempDir(), 'terraform-outputs');
  writeTree(dir, outputsFiles(outputs, extra));
  return dir;
}

/** The files of outputsFolder(), by name. */
function outputsFiles(outputs: ReadonlyMap<string, ClusterOutputs>, extra: Record<string, Record<string, unknown>> = {}): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, o] of outputs) files[`${name}.json`] = JSON.stringify(terraformOutputJson(o));
  for (const [stack, values] of Object.entries(extra)) files[`${stack}.json`] = JSON.stringify(stackOutputJson(values));
  return files;
}

/** Object storage settings for `platform.observability` on an AWS management cluster (testFleet's default). */
export const TEST_OBSERVABILITY_STORAGE = { metricsBucket: 'test-fleet-metrics', logsBucket: 'test-fleet-logs', identity: 'arn:aws:iam::111122223333:role/t-mgmt-observability' } as const;

/** testFleet() with observability on (every piece, unless `settings` turns some off), and the secrets service its workload clusters' telemetry needs. */
export function observedTestFleet(settings: Record<string, unknown> = {}): Fleet & { clusters: any[] } {
  return { ...testFleet(), platform: { secrets: testSecrets(), observability: { storage: TEST_OBSERVABILITY_STORAGE, ...settings } } } as Fleet & { clusters: any[] };
}

/** `platform.secrets` for tests: Vault at a test address, every mount at its default. */
export function testSecrets(): { vault: { address: string } } {
  return { vault: { address: 'https://vault.test.example.com:8200' } };
}

/** `testFleet()` with the secrets service on. */
export function testFleetWithSecrets(management: Cloud = 'aws'): Fleet & { clusters: any[] } {
  return { ...testFleet(management), platform: { secrets: testSecrets() } };
}

/**
 * Whatever in a file looks like secret material: a private key, a service-account or other JWT, a
 * Vault token, a credential field with a literal value. Templates (`{{ .token }}`) are not secrets.
 */
export function secretMaterial(content: string): string[] {
  const patterns: [string, RegExp][] = [
    ['private key', /PRIVATE KEY/],
    ['JWT', /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}/],
    ['Vault token', /\bhv[sbr]\.[A-Za-z0-9_-]{20,}|\bs\.[A-Za-z0-9]{24}\b/],
    // with a literal value: not a Terraform reference (`${random_password.x.result}`), not an object (`"random_password": {`)
    ['credential field', /(bearerToken|password|client_secret|clientSecret|secret_id|private_key)["']?\s*[:=]\s*(?!\{|["']?\$\{)["']?[^\s"',}]/i],
    ['token with a literal value', /\btoken["']?\s*[:=]\s*["']?(?!['"]?\{\{)[A-Za-z0-9._-]{16,}/],
    ['exported key', /"type":\s*"exported"/],
  ];
  return patterns.filter(([, re]) => re.test(content)).map(([what]) => what);
}

/**
 * `fakeOutputs` plus what the fleet's add-ons declare in each cluster's stack, from their own
 * `fakeOutputs` hooks (lib/synth/fake-outputs.ts `completeFleetOutputs`), as if every stack had been
 * applied with them on.
 */
export function fakeOutputsWithAddons(fleet: any): Map<string, ClusterOutputs> {
  return completeWithAddons(fleet).outputs;
}

/** The add-ons' fleet-wide stacks' outputs, as if every stack had been applied (`FleetAddon.fakeOutputs`). */
export function fakeStackOutputsWithAddons(fleet: any): Map<string, StackOutputValues> {
  return new Map(completeWithAddons(fleet).stackOutputs);
}

function completeWithAddons(fleet: any): ReturnType<typeof completeFleetOutputs> {
  return completeFleetOutputs(resolveFleet(fleet), fakeOutputs(fleet), new Map(), fleetAddons(fleet).addons);
}

/**
 * Renders a fleet with its add-ons in memory, as synth does before its checks: every file by path
 * (Terraform stacks parsed), and what was held back. Throws the FleetError of a bad fleet.
 */
export function renderWithAddons(fleet: unknown, outputs: ReadonlyMap<string, ClusterOutputs> = new Map(), stackOutputs: ReadonlyMap<string, StackOutputValues> = new Map()): { files: Record<string, string>; stacks: Record<string, any>; heldBack: readonly HeldBack[] } {
  const { addons, problems } = fleetAddons(fleet);
  if (problems.length > 0) throw new FleetError(problems);
  const rendered = renderFleet(resolveFleet(fleet), { outputs, stackOutputs, addons });
  const files = Object.fromEntries(rendered.files.map((f) => [f.path, f.content]));
  const stacks = Object.fromEntries(rendered.files.filter((f) => f.path.endsWith('cdk.tf.json')).map((f) => [f.path.split('/')[2], JSON.parse(f.content)]));
  return { files, stacks, heldBack: rendered.heldBack };
}

/** This test file's synths (synthesized()) by their inputs: the output folder and outputs folder each left. */
const synthsMade = new Map<string, { readonly out: string; readonly outputsDir: string }>();

/**
 * `fleet` synthesized (no cache, or the test file's own: test/file-cache.ts) with `outputs` into a new
 * temporary output folder, and that outputs folder: for tests that edit the fleet and synth again over
 * what it wrote. The same inputs (the fleet's data and the outputs files) synthesize once per test
 * file: each call gets its own copy of the two folders, the bytes a synth of its own would have left
 * (synth is deterministic: test/synth.test.ts), so that a test's edits and synths never reach
 * another's. A fleet that is not plain data (definitionFingerprint) synthesizes at every call.
 */
export function synthesized(fleet: unknown, outputs: ReadonlyMap<string, ClusterOutputs>, cached?: FileCache): { out: string; outputsDir: string } {
  const files = outputsFiles(outputs);
  const fingerprint = definitionFingerprint(fleet);
  const key = fingerprint === undefined ? undefined : JSON.stringify([fingerprint, files]);
  let made = key === undefined ? undefined : synthsMade.get(key);
  if (!made) {
    const out = path.join(tempDir(), 'dist');
    const outputsDir = path.join(tempDir(), 'terraform-outputs');
    writeTree(outputsDir, files);
    synth(fleet, { outDir: out, outputsDir, cache: false, ...cached });
    if (key === undefined) return { out, outputsDir };
    made = { out, outputsDir };
    synthsMade.set(key, made);
  }
  const copy = tempDir();
  const out = path.join(copy, path.basename(made.out));
  const outputsDir = path.join(copy, path.basename(made.outputsDir));
  fs.cpSync(made.out, out, { recursive: true, verbatimSymlinks: true });
  fs.cpSync(made.outputsDir, outputsDir, { recursive: true, verbatimSymlinks: true });
  return { out, outputsDir };
}

/** A fresh copy of the full test fleet, synthesized (with its fake outputs, every add-on's included): see synthesized(). */
export function synthesizedFullFleet(cached?: FileCache): { fleet: LooseFleet; out: string; outputsDir: string } {
  const fleet = fullFleet();
  return { fleet, ...synthesized(fleet, fakeOutputsWithAddons(fleet), cached) };
}

/** The problems of a synth over `out` that must refuse: it leaves the output folder exactly as it was. */
export function refused(out: string, run: () => unknown): { path: string }[] {
  const before = readTree(out);
  let error: any;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(readTree(out)).toEqual(before);
  return error?.problems ?? [];
}
