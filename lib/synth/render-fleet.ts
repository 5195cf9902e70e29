import * as os from 'os';
import { performance } from 'perf_hooks';
import { ApiObject, App as Cdk8sApp, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import {
  argocdAccessHeldBack,
  argocdOidcProviderStacks,
  BOOTSTRAP_STAGE_FOLDER,
  clusterManifestFolder,
  HelmValues,
  ClusterOutputs,
  FleetError,
  HeldBack,
  isDns1123Label,
  managementCluster,
  Problem,
  ResolvedCluster,
  ResolvedFleet,
  StackOutputValues,
  stackName,
} from '../fleet';
import type { AddonClusterContext, AddonContext, FleetAddon } from '../addons/addon';
import { addStateBackend } from '../infra/backend';
import { App as CdktfApp, invokeAspects, TerraformOutput, TerraformStack, withoutTokenCreationStacks } from '../infra/cdktf';
import { argocdOidcProviderStacksOf } from '../infra/argocd-access/oidc-provider-stack';
import { ClusterStack, fleetClusterStack, requireTerraformVersion } from '../infra/cluster-stack';
import { ArgoCdIdentity, argoCdIdentity } from '../k8s/argocd/argocd-identity';
import { ARGOCD_CHART, argoCdHelmValues } from '../k8s/argocd/argocd-install';
import { PlatformChart } from '../k8s/argocd/platform-chart';
import { ClusterBootstrapChart, ClusterChart } from '../k8s/cluster-chart';
import { FleetGitOps, fleetIstioCharts } from '../k8s/fleet-gitops';
import { FLEET_DIAGRAM_FILE, fleetMarkdown } from '../diagram/fleet-diagram';
import type { IstioOptions } from '../k8s/istio/istio-installation';
import { KubeObject, manifestPath, nameProblems } from './manifest-path';
import { findPlaceholders } from './placeholders';
import { toStableJson, toYaml } from './serialize';
import { TERRAFORM_GITIGNORE, TERRAFORM_GITIGNORE_FILE } from './terraform-gitignore';

/** One generated file: its path relative to the output folder and its parsed content. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
  /** Kubernetes objects in the file (one per file), for schema validation. */
  readonly objects?: readonly KubeObject[];
  /** The add-on that contributed it, when one did (named in problems about the file). */
  readonly addon?: string;
}

export interface Rendered {
  /** Sorted by path. */
  readonly files: readonly RenderedFile[];
  /** Clusters whose Terraform outputs are not there yet. */
  readonly pending: readonly string[];
  /** Clusters Argo CD cannot reach yet (not registered): nothing targets them, their folders wait. */
  readonly unreachable: readonly string[];
  /** Everything left out because a value it needs does not exist yet. */
  readonly heldBack: readonly HeldBack[];
  /** The documented bootstrap: the files `kubectl apply` creates on the management cluster, in order. */
  readonly bootstrap: { readonly kubectlApply: readonly string[] };
  /** Every platform chart an Application installs, for the convergence check. */
  readonly charts: readonly PlatformChart[];
  /** The Helm values Argo CD is installed with (by the bootstrap and by its own Application). */
  readonly argoCdValues: HelmValues;
  /** Milliseconds spent in each layer. */
  readonly timings: { readonly kubernetesMs: number; readonly terraformMs: number };
}

export interface RenderOptions {
  /** Terraform outputs per cluster name. */
  readonly outputs: ReadonlyMap<string, ClusterOutputs>;
  /** Output values of the other stacks, by stack name. @default none */
  readonly stackOutputs?: ReadonlyMap<string, StackOutputValues>;
  /** The fleet's add-ons (see `fleetAddons`). @default none */
  readonly addons?: readonly FleetAddon[];
  /** Test hook: called after each cluster is rendered. */
  readonly onClusterRendered?: (cluster: string) => void;
  /** Render only the Kubernetes objects (what the convergence check reads). @default false */
  readonly kubernetesOnly?: boolean;
}

export const TERRAFORM_DIR = 'terraform';
/** Files the documented bootstrap uses that are not Kubernetes objects (Argo CD's Helm values). */
export const BOOTSTRAP_DIR = 'bootstrap';
export const ARGOCD_VALUES_FILE = `${BOOTSTRAP_DIR}/argocd-values.yaml`;

/** What the add-on hooks of one render share: the fleet, the outputs, and where held-back items and problems go. */
class RenderContext {
  readonly heldBack: HeldBack[] = [];
  readonly problems: Problem[] = [];
  readonly addons: readonly FleetAddon[];
  readonly stackOutputs: ReadonlyMap<string, StackOutputValues>;

  constructor(readonly fleet: ResolvedFleet, readonly outputs: ReadonlyMap<string, ClusterOutputs>, options: Pick<RenderOptions, 'addons' | 'stackOutputs'>) {
    this.addons = options.addons ?? [];
    this.stackOutputs = options.stackOutputs ?? new Map();
  }

  forAddon(addon: FleetAddon): AddonContext {
    return {
      fleet: this.fleet,
      outputs: this.outputs,
      stackOutputs: this.stackOutputs,
      holdBack: (what, waitingFor) => this.heldBack.push({ subject: `addons[${addon.name}]`, what, waitingFor }),
      problem: (problem) => this.problems.push({ ...problem, message: `${problem.message} (add-on ${addon.name})` }),
    };
  }

  forCluster(addon: FleetAddon, cluster: ResolvedCluster): AddonClusterContext {
    return { ...this.forAddon(addon), cluster };
  }

  private readonly charts = new Map<string, PlatformChart[]>();
  private identity?: ArgoCdIdentity;

  /** How Argo CD reaches each workload cluster, and what its own pods need for it (computed once per render). */
  argoCdIdentity(): ArgoCdIdentity {
    this.identity ??= argoCdIdentity(this.fleet, this.outputs);
    return this.identity;
  }

  private values?: HelmValues;

  /** Argo CD's Helm values: the bootstrap's and its own Application's alike (computed once per render). */
  argoCdValues(): HelmValues {
    this.values ??= argoCdHelmValues({ extra: [this.argoCdIdentity().values] });
    return this.values;
  }

  /** What the add-ons set on the cluster's Istio installation; two add-ons setting the same option is a problem. */
  private istioOptionsOf(cluster: ResolvedCluster): IstioOptions {
    const options: Record<string, unknown> = {};
    const setBy: Record<string, string> = {};
    for (const addon of this.addons) {
      for (const [key, value] of Object.entries(addon.istio?.(this.forCluster(addon, cluster)) ?? {})) {
        if (value === undefined) continue;
        if (setBy[key]) this.problems.push({ path: `addons[${addon.name}]`, message: `sets the Istio option ${key} of ${cluster.name}, which add-on ${setBy[key]} sets too`, given: addon.name, allowed: 'one add-on per Istio option' });
        else [options[key], setBy[key]] = [value, addon.name];
      }
    }
    return options as IstioOptions;
  }

  /** Every platform chart of a cluster: Istio's, then each add-on's (asked once per cluster). */
  chartsOf(cluster: ResolvedCluster): PlatformChart[] {
    let charts = this.charts.get(cluster.name);
    if (!charts) {
      charts = [...fleetIstioCharts(this.fleet, cluster, this.istioOptionsOf(cluster)), ...this.addons.flatMap((a) => (a.charts ? [...a.charts(this.forCluster(a, cluster))] : []))];
      this.charts.set(cluster.name, charts);
    }
    return charts;
  }
}

/** One Kubernetes object of a cluster, with its path inside the cluster's folder. */
export interface ClusterObject {
  readonly path: string;
  readonly object: KubeObject;
  readonly addon?: string;
}

/** The Kubernetes objects of one cluster, from the core and every add-on. Its own cdk8s App: cdk8s validates a whole App per chart. */
function renderCluster(ctx: RenderContext, cluster: ResolvedCluster): { objects: ClusterObject[]; gitops?: FleetGitOps } {
  const { fleet, outputs } = ctx;
  const app = new Cdk8sApp();
  const bootstrap = new ClusterBootstrapChart(app, `${cluster.name}-bootstrap`, { fleet, cluster, outputs });
  const platform = new ClusterChart(app, cluster.name, { fleet, cluster, outputs });
  const owners = new Map<Construct, string>();
  for (const addon of ctx.addons) {
    if (addon.bootstrapManifests) {
      const scope = new Construct(bootstrap, `addon-${addon.name}`);
      addon.bootstrapManifests(scope, ctx.forCluster(addon, cluster));
      owners.set(scope, addon.name);
    }
    if (addon.manifests) {
      const scope = new Construct(platform, `addon-${addon.name}`);
      addon.manifests(scope, ctx.forCluster(addon, cluster));
      owners.set(scope, addon.name);
    }
  }
  let gitops: FleetGitOps | undefined;
  const charts: Chart[] = [bootstrap, platform];
  if (cluster.role === 'management') {
    const argo = new Chart(app, `${cluster.name}-argocd`, { disableResourceNameHashes: true });
    gitops = new FleetGitOps(argo, 'ArgoCd', {
      fleet,
      outputs,
      charts: new Map(fleet.clusters.map((c) => [c.name, ctx.chartsOf(c)])),
      argoCdValues: ctx.argoCdValues(),
      identity: ctx.argoCdIdentity(),
    });
    charts.push(argo);
  }
  const errors = app.node.findAll().flatMap((c) => c.node.validate().map((message) => ({ path: `${clusterManifestFolder(cluster)} (${c.node.path})`, message })));
  if (errors.length > 0) throw new FleetError(errors, 'cdk8s validation');

  const ownerOf = (o: ApiObject): string | undefined => {
    for (let scope: Construct | undefined = o.node.scope; scope; scope = scope.node.scope) {
      const owner = owners.get(scope);
      if (owner) return owner;
    }
    return undefined;
  };
  const objects: ClusterObject[] = [];
  for (const chart of charts) {
    const json = chart.toJson() as KubeObject[];
    const apiObjects = chart.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
    const prefix = chart === bootstrap ? `${BOOTSTRAP_STAGE_FOLDER}/` : '';
    json.forEach((object, i) => {
      // toJson() lists the chart's ApiObjects in dependency order; match each back to its construct by identity of kind and name.
      const source = apiObjects.find((a) => a.kind === object.kind && a.name === object.metadata.name && a.metadata.namespace === object.metadata.namespace) ?? apiObjects[i];
      const addon = source ? ownerOf(source) : undefined;
      objects.push({ path: `${prefix}${manifestPath(object)}`, object, ...(addon ? { addon } : {}) });
    });
  }
  return { objects, ...(gitops ? { gitops } : {}) };
}

/** Kubernetes objects of one cluster (core and add-ons), each with its path inside the cluster folder: what `cdk8s synth` of apps/cdk8s.ts writes too. */
export function renderClusterObjects(fleet: ResolvedFleet, cluster: ResolvedCluster, outputs: ReadonlyMap<string, ClusterOutputs>, addons: readonly FleetAddon[] = []): ClusterObject[] {
  return renderCluster(new RenderContext(fleet, outputs, { addons }), cluster).objects;
}

/** The Terraform JSON of a stack, as `cdktf synth` would write it. */
function stackJson(stack: TerraformStack): unknown {
  invokeAspects(stack);
  stack.runAllValidations();
  return stack.toTerraform();
}

/** A cluster's stack: the core's, plus what each add-on adds to it. */
function buildClusterStack(ctx: RenderContext, app: CdktfApp, cluster: ResolvedCluster): ClusterStack {
  const stack = fleetClusterStack(app, ctx.fleet, cluster, ctx.outputs);
  ctx.heldBack.push(...stack.heldBack);
  for (const addon of ctx.addons) {
    if (!addon.clusterStack) continue;
    addon.clusterStack(new Construct(stack, `addon-${addon.name}`), {
      ...ctx.forCluster(addon, cluster),
      infra: stack.infra,
      addOutput: (name, value) => {
        if (stack.node.tryFindChild(name)) throw new Error(`add-on ${addon.name}: the stack of ${cluster.name} already has an output "${name}"`);
        new TerraformOutput(stack, name, { value, staticId: true });
      },
    });
  }
  return stack;
}

/** The add-ons' fleet-wide stacks, each with the fleet's state backend under its own key. */
function buildAddonStacks(ctx: RenderContext, app: CdktfApp, problems: Problem[]): { addon: FleetAddon; stack: TerraformStack }[] {
  const taken = new Set([...ctx.fleet.clusters.map((c) => c.name), ...argocdOidcProviderStacks(ctx.fleet).map((s) => s.name)]);
  const built: { addon: FleetAddon; stack: TerraformStack }[] = [];
  for (const addon of ctx.addons) {
    for (const spec of addon.stacks?.(ctx.forAddon(addon)) ?? []) {
      if (!isDns1123Label(spec.name) || taken.has(spec.name)) {
        problems.push({ path: `addons[${addon.name}]`, message: 'a stack name must be a DNS-1123 label no cluster or other stack has', given: JSON.stringify(spec.name), allowed: `not ${[...taken].join(', ')}` });
        continue;
      }
      taken.add(spec.name);
      const stack = new TerraformStack(app, spec.name);
      addStateBackend(stack, ctx.fleet.stateBackend, spec.name);
      requireTerraformVersion(stack);
      spec.build(stack);
      built.push({ addon, stack });
    }
  }
  return built;
}

/** Every stack of the fleet in a cdktf App (what apps/cdktf.ts gives the cdktf CLI): the clusters', then the add-ons'. */
export function addFleetStacks(app: CdktfApp, fleet: ResolvedFleet, options: Omit<RenderOptions, 'onClusterRendered'>): void {
  const ctx = new RenderContext(fleet, options.outputs, options);
  for (const cluster of fleet.clusters) buildClusterStack(ctx, app, cluster);
  argocdOidcProviderStacksOf(app, fleet, options.outputs);
  const problems: Problem[] = [];
  buildAddonStacks(ctx, app, problems);
  if (problems.length > 0 || ctx.problems.length > 0) throw new FleetError([...ctx.problems, ...problems], 'add-on stacks');
}

/** The Terraform JSON of one cluster's stack, as `cdktf synth` would write it. */
export function renderClusterStack(app: CdktfApp, fleet: ResolvedFleet, cluster: ResolvedCluster, outputs: ReadonlyMap<string, ClusterOutputs>, addons: readonly FleetAddon[] = []): unknown {
  return stackJson(buildClusterStack(new RenderContext(fleet, outputs, { addons }), app, cluster));
}

/**
 * cdktf records a full stack trace for every token it creates, only to quote it in an error about
 * that token; none reaches the output. Rendering switches the recording off (measured at 48
 * clusters: 31 % of the render), and formats any other trace with V8's plain formatter: under a
 * source-map hook (ts-node, jest) formatting each one cost 3.5x the render. Both are restored
 * before anything leaves, so errors still show mapped stacks.
 */
function withPlainStackTraces<T>(fn: () => T): T {
  const errors = Error as { prepareStackTrace?: ErrorConstructor['prepareStackTrace'] };
  const hook = errors.prepareStackTrace;
  errors.prepareStackTrace = undefined;
  try {
    return withoutTokenCreationStacks(fn);
  } finally {
    errors.prepareStackTrace = hook;
  }
}

/** Renders the whole fleet in memory and checks every document; throws FleetError listing every problem. */
export function renderFleet(fleet: ResolvedFleet, options: RenderOptions): Rendered {
  return withPlainStackTraces(() => renderAll(fleet, options));
}

function renderAll(fleet: ResolvedFleet, options: RenderOptions): Rendered {
  const ctx = new RenderContext(fleet, options.outputs, options);
  const files: RenderedFile[] = [];
  const problems: Problem[] = [];
  const pending: string[] = [];
  let kubernetesMs = 0;
  let terraformMs = 0;
  let gitops: FleetGitOps | undefined;
  // An existing folder and no stack traces: cdktf creates its outdir eagerly and records traces (absolute paths) in metadata.
  const tfApp = new CdktfApp({ outdir: os.tmpdir(), stackTraces: false, skipValidation: false });
  const addFile = (file: RenderedFile, docs: unknown) => {
    problems.push(...findPlaceholders(docs, file.path).map((p) => (file.addon ? { ...p, message: `${p.message} (add-on ${file.addon})` } : p)));
    files.push(file);
  };
  // The management cluster last: its Argo CD objects reflect every other cluster.
  for (const cluster of [...fleet.clusters].sort((a, b) => Number(a.role === 'management') - Number(b.role === 'management'))) {
    if (!options.outputs.has(cluster.name)) pending.push(cluster.name);
    let start = performance.now();
    const rendered = renderCluster(ctx, cluster);
    for (const { path: rel, object, addon } of rendered.objects) {
      const path = `${clusterManifestFolder(cluster)}/${rel}`;
      problems.push(...nameProblems(object, path));
      addFile({ path, content: toYaml(object), objects: [object], ...(addon ? { addon } : {}) }, object);
    }
    gitops ??= rendered.gitops;
    kubernetesMs += performance.now() - start;
    start = performance.now();
    if (!options.kubernetesOnly) {
      const tf = stackJson(buildClusterStack(ctx, tfApp, cluster));
      addFile({ path: `${TERRAFORM_DIR}/stacks/${stackName(cluster)}/cdk.tf.json`, content: toStableJson(tf) }, tf);
    }
    terraformMs += performance.now() - start;
    options.onClusterRendered?.(cluster.name);
  }

  const start = performance.now();
  for (const stack of options.kubernetesOnly ? [] : argocdOidcProviderStacksOf(tfApp, fleet, options.outputs)) {
    const tf = stackJson(stack);
    addFile({ path: `${TERRAFORM_DIR}/stacks/${stack.node.id}/cdk.tf.json`, content: toStableJson(tf) }, tf);
  }
  for (const { addon, stack } of options.kubernetesOnly ? [] : buildAddonStacks(ctx, tfApp, problems)) {
    const tf = stackJson(stack);
    addFile({ path: `${TERRAFORM_DIR}/stacks/${stack.node.id}/cdk.tf.json`, content: toStableJson(tf), addon: addon.name }, tf);
  }
  terraformMs += performance.now() - start;

  files.push({ path: TERRAFORM_GITIGNORE_FILE, content: TERRAFORM_GITIGNORE });

  // The documented bootstrap: helm install of Argo CD with these values, then kubectl apply of the platform project and the root app.
  const management = managementCluster(fleet);
  const values = ctx.argoCdValues();
  const header = `# Argo CD's Helm values (chart ${ARGOCD_CHART.chart} ${ARGOCD_CHART.version} from ${ARGOCD_CHART.repoURL}), generated by fleetsynth.\n# The bootstrap installs Argo CD with them; its Application "argocd" keeps it so from Git. See README, "Bootstrap".\n`;
  addFile({ path: ARGOCD_VALUES_FILE, content: header + helmValuesYaml(values) }, values);
  // The architecture diagram: the fleet and what each add-on's diagram() hook adds (lib/diagram).
  if (fleet.diagram) {
    const contributions = new Map(ctx.addons.flatMap((a) => (a.diagram ? [[a.name, a.diagram(ctx.forAddon(a))] as const] : [])));
    addFile({ path: FLEET_DIAGRAM_FILE, content: fleetMarkdown(fleet, contributions) }, {});
  }
  const argocdFolder = `${clusterManifestFolder(management)}/argocd`;
  const kubectlApply = gitops
    ? [
        `${argocdFolder}/appproject.argoproj.io_${gitops.bootstrap.project}.yaml`,
        `${argocdFolder}/application.argoproj.io_${gitops.bootstrap.rootApp}.yaml`,
      ]
    : [];

  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (let i = 1; i < files.length; i++) {
    if (files[i].path === files[i - 1].path) problems.push({ path: files[i].path, message: `two generated objects would share this file${[files[i - 1].addon, files[i].addon].some(Boolean) ? ` (${[files[i - 1].addon ?? 'core', files[i].addon ?? 'core'].join(' and ')})` : ''}` });
  }
  if (ctx.problems.length > 0) throw new FleetError(ctx.problems, 'terraform outputs');
  if (problems.length > 0) throw new FleetError(problems, 'generated output');
  const charts = fleet.clusters.flatMap((c) => ctx.chartsOf(c));
  const heldBack = [...(gitops?.heldBack ?? ctx.argoCdIdentity().heldBack), ...argocdAccessHeldBack(fleet, options.outputs), ...ctx.heldBack];
  const unreachable = fleet.clusters.map((c) => c.name).filter((c) => gitops !== undefined && !gitops.reachable.includes(c));
  return { files, pending, unreachable, heldBack, bootstrap: { kubectlApply }, charts, argoCdValues: values, timings: { kubernetesMs, terraformMs } };
}

/** Re-exported for the YAML of Argo CD's values file. */
export const helmValuesYaml = (values: unknown): string => stringify(values, { lineWidth: 0, sortMapEntries: true, version: '1.1' });
