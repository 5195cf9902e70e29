import * as os from 'os';
import { performance } from 'perf_hooks';
import { App as Cdk8sApp } from 'cdk8s';
import { clusterManifestFolder, ClusterOutputs, FleetError, Problem, ResolvedCluster, ResolvedFleet, stackName } from '../fleet';
import { App as CdktfApp, invokeAspects } from '../infra/cdktf';
import { fleetClusterStack } from '../infra/cluster-stack';
import { ClusterChart } from '../k8s/cluster-chart';
import { KubeObject, manifestPath, nameProblems } from './manifest-path';
import { findPlaceholders } from './placeholders';
import { toStableJson, toYaml } from './serialize';

/** One generated file: its path relative to the output folder and its parsed content. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
  /** Kubernetes objects in the file (one per file), for schema validation. */
  readonly objects?: readonly KubeObject[];
}

export interface Rendered {
  /** Sorted by path. */
  readonly files: readonly RenderedFile[];
  /** Clusters whose Terraform outputs are not there yet. */
  readonly pending: readonly string[];
  /** Milliseconds spent in each layer. */
  readonly timings: { readonly kubernetesMs: number; readonly terraformMs: number };
}

export interface RenderOptions {
  /** Terraform outputs per cluster name. */
  readonly outputs: ReadonlyMap<string, ClusterOutputs>;
  /** Test hook: called after each cluster is rendered. */
  readonly onClusterRendered?: (cluster: string) => void;
}

export const TERRAFORM_DIR = 'terraform';


/** Kubernetes objects for one cluster. Its own cdk8s App: cdk8s validates a whole App per chart. */
export function renderClusterObjects(fleet: ResolvedFleet, cluster: ResolvedCluster, outputs: ReadonlyMap<string, ClusterOutputs>): KubeObject[] {
  const app = new Cdk8sApp();
  const chart = new ClusterChart(app, cluster.name, { fleet, cluster, outputs });
  const errors = app.node.findAll().flatMap((c) => c.node.validate().map((message) => ({ path: `${clusterManifestFolder(cluster)} (${c.node.path})`, message })));
  if (errors.length > 0) throw new FleetError(errors, 'cdk8s validation');
  return chart.toJson() as KubeObject[];
}

/** The Terraform JSON of one cluster's stack, as `cdktf synth` would write it. */
export function renderClusterStack(app: CdktfApp, fleet: ResolvedFleet, cluster: ResolvedCluster, outputs: ReadonlyMap<string, ClusterOutputs>): unknown {
  const stack = fleetClusterStack(app, fleet, cluster, outputs);
  invokeAspects(stack);
  stack.runAllValidations();
  return stack.toTerraform();
}

/**
 * cdktf records a full stack trace for every token it creates. Under a source-map hook (ts-node,
 * jest) formatting each one costs far more than the rendering itself (measured: 3.5x the render
 * time). The traces never reach the output, so render with V8's plain formatter; the hook is back
 * before any error leaves, so errors still show mapped stacks.
 */
function withPlainStackTraces<T>(fn: () => T): T {
  const errors = Error as { prepareStackTrace?: ErrorConstructor['prepareStackTrace'] };
  const hook = errors.prepareStackTrace;
  errors.prepareStackTrace = undefined;
  try {
    return fn();
  } finally {
    errors.prepareStackTrace = hook;
  }
}

/** Renders the whole fleet in memory and checks every document; throws FleetError listing every problem. */
export function renderFleet(fleet: ResolvedFleet, options: RenderOptions): Rendered {
  return withPlainStackTraces(() => renderAll(fleet, options));
}

function renderAll(fleet: ResolvedFleet, options: RenderOptions): Rendered {
  const files: RenderedFile[] = [];
  const problems: Problem[] = [];
  const pending: string[] = [];
  let kubernetesMs = 0;
  let terraformMs = 0;
  // An existing folder and no stack traces: cdktf creates its outdir eagerly and records traces (absolute paths) in metadata.
  const tfApp = new CdktfApp({ outdir: os.tmpdir(), stackTraces: false, skipValidation: false });
  for (const cluster of fleet.clusters) {
    if (!options.outputs.has(cluster.name)) pending.push(cluster.name);
    let start = performance.now();
    for (const obj of renderClusterObjects(fleet, cluster, options.outputs)) {
      const path = `${clusterManifestFolder(cluster)}/${manifestPath(obj)}`;
      problems.push(...findPlaceholders(obj, path), ...nameProblems(obj, path));
      files.push({ path, content: toYaml(obj), objects: [obj] });
    }
    kubernetesMs += performance.now() - start;
    start = performance.now();
    const tf = renderClusterStack(tfApp, fleet, cluster, options.outputs);
    const tfPath = `${TERRAFORM_DIR}/stacks/${stackName(cluster)}/cdk.tf.json`;
    problems.push(...findPlaceholders(tf, tfPath));
    files.push({ path: tfPath, content: toStableJson(tf) });
    terraformMs += performance.now() - start;
    options.onClusterRendered?.(cluster.name);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (let i = 1; i < files.length; i++) {
    if (files[i].path === files[i - 1].path) problems.push({ path: files[i].path, message: 'two generated objects would share this file' });
  }
  if (problems.length > 0) throw new FleetError(problems, 'generated output');
  return { files, pending, timings: { kubernetesMs, terraformMs } };
}
