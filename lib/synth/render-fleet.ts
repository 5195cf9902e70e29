import { createHash } from 'crypto';
import * as os from 'os';
import { performance } from 'perf_hooks';
import { ApiObject, App as Cdk8sApp, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ApiClient,
  apiAllowListProblem,
  apiClients,
  argocdAccessHeldBack,
  argocdOidcProviderStacks,
  BOOTSTRAP_STAGE_FOLDER,
  clusterManifestFolder,
  compareStrings,
  didYouMean,
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
} from '../fleet';
import type { AddonClusterContext, AddonContext, FleetAddon, PrivatePath } from '../addons/addon';
import { addStateBackend } from '../infra/backend';
import { App as CdktfApp, invokeAspects, TerraformOutput, TerraformStack, withFastTokenResolver, withoutTokenCreationStacks, withoutUtilIsArrayDeprecation } from '../infra/cdktf';
import { argocdOidcProviderStacksOf } from '../infra/argocd-access/oidc-provider-stack';
import { ClusterStack, fleetClusterStack, requireTerraformVersion } from '../infra/cluster-stack';
import { StackFile } from '../infra/stack-file';
import { aksAdmissionsEnforcerValues } from '../k8s/argocd/aks-admissions-enforcer';
import { helmValuesYaml } from '../k8s/go-yaml';
import { ArgoCdIdentity, argoCdIdentity } from '../k8s/argocd/argocd-identity';
import { ARGOCD_CHART, argoCdHelmValues } from '../k8s/argocd/argocd-install';
import { argoCdImageValues } from '../k8s/argocd/argocd-images';
import { argoCdSignInValues } from '../k8s/argocd/argocd-sign-in-values';
import { PlatformChart } from '../k8s/argocd/platform-chart';
import { ClusterBootstrapChart, ClusterChart } from '../k8s/cluster-chart';
import { FleetGitOps, fleetIstioCharts, PrivateRouting } from '../k8s/fleet-gitops';
import { FLEET_DIAGRAM_FILE, fleetMarkdown } from '../diagram/fleet-diagram';
import type { IstioOptions } from '../k8s/istio/istio-installation';
import { AwsRegionalUse, awsRegionalUses } from './aws-regional-quota';
import { EksNlbRules, eksNlbRules } from './eks-security-group-rules';
import { VpnConnectionUse, vpnConnectionUses } from './vpn-connection-quota';
import { KubeObject, manifestPath, nameProblems } from './manifest-path';
import { findPlaceholders } from './placeholders';
import { sensitiveOutputProblems } from './sensitive-output-guard';
import { appApplicationNameProblems, appNamespaceProblems, namespaceUsers } from './app-namespaces';
import { toStableJson, toYaml } from './serialize';
import { TERRAFORM_GITIGNORE, TERRAFORM_GITIGNORE_FILE } from './terraform-gitignore';
import { cacheableDefinition, RenderCache, tracedInputs, unitKeyParts, UsedEntry } from './render-cache';
import { renderInThreads, renderThreads } from './render-threads';
import { forgettingTokens } from './unit-tokens';

/** One generated file: its path relative to the output folder and its parsed content. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
  /** Kubernetes objects in the file (one per file), for schema validation and the convergence check (parsed from `objectJson` when first read). */
  readonly objects?: readonly KubeObject[];
  /** The JSON of the file's Kubernetes object, as rendered. */
  readonly objectJson?: string;
  /** The add-on that contributed it, when one did (named in problems about the file). */
  readonly addon?: string;
  /** The sha256 of `content`, when rendering computed it (the index, the plan and the caches key by it). */
  readonly sha256?: string;
  /** The sha256 of `objectJson`, and the object's `apiVersion/kind` (what the schema check needs of an object it checked before). */
  readonly objectSha256?: string;
  readonly objectKind?: string;
  /** What a stack creates against AWS's regional quotas (aws-regional-quota.ts), found as it was rendered. */
  readonly awsRegional?: readonly AwsRegionalUse[];
  /** An in-tree NLB Service's rules on its EKS cluster's security group (eks-security-group-rules.ts), found as it was rendered. */
  readonly eksNlbRules?: EksNlbRules;
  /** A stack's VPN connections per AWS virtual private gateway (vpn-connection-quota.ts), found as it was rendered. */
  readonly vpnConnections?: readonly VpnConnectionUse[];
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
  /** Milliseconds spent in each layer (by every thread; units taken from the cache count 0). */
  readonly timings: { readonly kubernetesMs: number; readonly terraformMs: number };
  /** Units (a cluster each, fleet-wide stacks, the fleet's shared files) rendered, taken from the cache, and rendered by worker threads. */
  readonly units: { readonly rendered: number; readonly cached: number; readonly inWorkers: number };
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
  /**
   * Rendering in this thread alone: called once, as soon as every cluster's objects are rendered
   * without a problem, with their files (sorted by path; every Kubernetes file of the render), while
   * the fleet-wide stacks and files are still to come. Synth starts the schema check with them.
   */
  readonly onKubernetesFiles?: (files: readonly RenderedFile[]) => void;
  /** Render only the Kubernetes objects (what the convergence check reads). @default false */
  readonly kubernetesOnly?: boolean;
  /**
   * Render only these clusters' folders and stacks (`--cluster`), plus the management cluster's
   * Argo CD objects (all of them: synth keeps those that concern these clusters) and the files the
   * fleet shares. @default every cluster
   */
  readonly clusters?: readonly string[];
  /**
   * Reuse units rendered before (render-cache.ts). Needs `definition`; a fleet with user add-ons
   * (code) is rendered without it. @default none
   */
  readonly cache?: RenderCache;
  /**
   * Threads to render in (this one included): a number, or 'auto' (one per core when there are
   * enough units to render for a worker's start-up to pay). Needs `definition` as plain data (no
   * user add-on: functions cannot cross threads); otherwise one. @default 1
   */
  readonly threads?: number | 'auto';
  /** Tests: with threads, this thread renders nothing (the workers render every unit). @default false */
  readonly workersOnly?: boolean;
  /** The fleet as written, the one `fleet` and `addons` were made from: what worker threads make them again from, and what the cache keys the built-in add-ons by (its `platform`). */
  readonly definition?: unknown;
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

  /** Who calls the cluster's API over its public endpoint: the management cluster, and the peers add-ons name. */
  apiClientsOf(cluster: ResolvedCluster): ApiClient[] {
    const peers = new Map<string, string>();
    const names = new Set(this.fleet.clusters.map((c) => c.name));
    for (const addon of this.addons) {
      const declared = addon.apiClients?.(this.forCluster(addon, cluster));
      for (const name of declared?.clusters ?? []) {
        if (!names.has(name)) this.problems.push({ path: `addons[${addon.name}]`, message: `names ${JSON.stringify(name)} as a client of the API of ${cluster.name}, which is not a cluster of the fleet${didYouMean(name, names)}`, given: name, allowed: [...names].join(', ') });
        else peers.set(name, peers.has(name) ? `${peers.get(name)}, ${declared!.why}` : declared!.why);
      }
    }
    return apiClients(cluster, this.fleet.clusters, peers);
  }

  private readonly paths = new Map<string, { paths: readonly PrivatePath[]; problems: Problem[] }>();

  /**
   * The private paths add-ons report from the cluster's network (asked once per cluster). A path to
   * no other cluster of the fleet is a problem, reported with `report` only (the cluster's own
   * render), so that the management cluster's render, which reads every cluster's, does not repeat it.
   */
  privatePathsOf(cluster: ResolvedCluster, report = false): readonly PrivatePath[] {
    let entry = this.paths.get(cluster.name);
    if (!entry) {
      const names = new Set(this.fleet.clusters.map((c) => c.name));
      const found = new Map<string, PrivatePath>();
      const problems: Problem[] = [];
      for (const addon of this.addons) {
        for (const path of addon.privatePaths?.(this.forCluster(addon, cluster)) ?? []) {
          if (!names.has(path.peer) || path.peer === cluster.name) {
            const others = [...names].filter((n) => n !== cluster.name);
            problems.push({ path: `addons[${addon.name}]`, message: `reports a private path from ${cluster.name} to ${JSON.stringify(path.peer)}, which is not another cluster of the fleet${names.has(path.peer) ? '' : didYouMean(path.peer, others)}`, given: String(path.peer), allowed: others.join(', ') });
          } else found.set(path.peer, { peer: path.peer, ready: path.ready || (found.get(path.peer)?.ready ?? false) });
        }
      }
      entry = { paths: [...found.values()].sort((a, b) => compareStrings(a.peer, b.peer)), problems };
      this.paths.set(cluster.name, entry);
    }
    if (report) this.problems.push(...entry.problems.splice(0));
    return entry.paths;
  }

  /**
   * How the cluster's istiod reaches the clusters with private peers: through the internal gateway
   * of each peer whose path is ready and which reports the path too (so its internal gateway exists
   * and admits this cluster), through the public one otherwise.
   */
  private members?: ReadonlySet<string>;

  privateRouting(cluster: ResolvedCluster): PrivateRouting {
    const byName = new Map(this.fleet.clusters.map((c) => [c.name, c]));
    this.members ??= new Set(this.fleet.clusters.filter((c) => this.privatePathsOf(c).length > 0).map((c) => c.name));
    const members = this.members;
    const privateTo = new Set(this.privatePathsOf(cluster).filter((p) => p.ready && this.privatePathsOf(byName.get(p.peer)!).some((back) => back.peer === cluster.name)).map((p) => p.peer));
    return { members, privateTo };
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
    // Argo CD runs on the management cluster: its images pull through that cluster's mirrors.
    // On AKS, Argo CD ignores the selector expressions AKS adds to every webhook configuration (aks-admissions-enforcer.ts).
    // Who signs in, with SSO and RBAC, is in argocd-cm and argocd-rbac-cm, which Argo CD keeps as these values say.
    this.values ??= argoCdHelmValues({
      sizing: this.fleet.argoCd,
      extra: [
        this.argoCdIdentity().values,
        argoCdImageValues(managementCluster(this.fleet).imageMirrors),
        aksAdmissionsEnforcerValues(this.fleet.clusters.map((c) => c.cloud)),
        argoCdSignInValues(this.fleet.argoCd),
      ],
    });
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
      charts = [...fleetIstioCharts(this.fleet, cluster, this.istioOptionsOf(cluster), this.privateRouting(cluster)), ...this.addons.flatMap((a) => (a.charts ? [...a.charts(this.forCluster(a, cluster))] : []))];
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
function renderCluster(ctx: RenderContext, cluster: ResolvedCluster, argoCdOnly = false): { objects: ClusterObject[]; gitops?: FleetGitOps } {
  const { fleet, outputs } = ctx;
  const app = new Cdk8sApp();
  // argoCdOnly: the management cluster's Argo CD objects, without its own platform (a --cluster render that did not select it).
  const bootstrap = argoCdOnly ? undefined : new ClusterBootstrapChart(app, `${cluster.name}-bootstrap`, { fleet, cluster, outputs });
  const privatePeers = ctx.privatePathsOf(cluster, !argoCdOnly).map((p) => fleet.clusters.find((c) => c.name === p.peer)!);
  const platform = argoCdOnly ? undefined : new ClusterChart(app, cluster.name, { fleet, cluster, outputs, privatePeers });
  const owners = new Map<Construct, string>();
  for (const addon of bootstrap && platform ? ctx.addons : []) {
    if (addon.bootstrapManifests) {
      const scope = new Construct(bootstrap!, `addon-${addon.name}`);
      addon.bootstrapManifests(scope, ctx.forCluster(addon, cluster));
      owners.set(scope, addon.name);
    }
    if (addon.manifests) {
      const scope = new Construct(platform!, `addon-${addon.name}`);
      addon.manifests(scope, ctx.forCluster(addon, cluster));
      owners.set(scope, addon.name);
    }
  }
  let gitops: FleetGitOps | undefined;
  const charts: Chart[] = bootstrap && platform ? [bootstrap, platform] : [];
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
    // The first construct of each kind, name and namespace (a map: the management chart has thousands).
    const byIdentity = new Map<string, ApiObject>();
    for (const a of apiObjects) {
      const id = `${a.kind}\u0000${a.name}\u0000${a.metadata.namespace}`;
      if (!byIdentity.has(id)) byIdentity.set(id, a);
    }
    const prefix = chart === bootstrap ? `${BOOTSTRAP_STAGE_FOLDER}/` : '';
    json.forEach((object, i) => {
      // toJson() lists the chart's ApiObjects in dependency order; match each back to its construct by identity of kind and name.
      const source = byIdentity.get(`${object.kind}\u0000${object.metadata.name}\u0000${object.metadata.namespace}`) ?? apiObjects[i];
      const addon = source ? ownerOf(source) : undefined;
      const subfolder = gitops && source ? gitops.folderOf(source) : '';
      objects.push({ path: `${prefix}${manifestPath(object, subfolder)}`, object, ...(addon ? { addon } : {}) });
    });
  }
  return { objects, ...(gitops ? { gitops } : {}) };
}

/** Kubernetes objects of one cluster (core and add-ons), each with its path inside the cluster folder: what `cdk8s synth` of apps/cdk8s.ts writes too. */
export function renderClusterObjects(fleet: ResolvedFleet, cluster: ResolvedCluster, outputs: ReadonlyMap<string, ClusterOutputs>, addons: readonly FleetAddon[] = [], stackOutputs: ReadonlyMap<string, StackOutputValues> = new Map()): ClusterObject[] {
  return renderCluster(new RenderContext(fleet, outputs, { addons, stackOutputs }), cluster).objects;
}

/** The Terraform JSON of a stack, as `cdktf synth` would write it. */
function stackJson(stack: TerraformStack): unknown {
  invokeAspects(stack);
  stack.runAllValidations();
  return withoutUtilIsArrayDeprecation(() => withFastTokenResolver(() => stack.toTerraform()));
}

/** A cluster's stack: the core's, plus what each add-on adds to it. */
function buildClusterStack(ctx: RenderContext, app: CdktfApp, cluster: ResolvedCluster): ClusterStack {
  const clients = ctx.apiClientsOf(cluster);
  const tooMany = apiAllowListProblem(cluster, clients);
  if (tooMany) ctx.problems.push(tooMany);
  const stack = fleetClusterStack(app, ctx.fleet, cluster, ctx.outputs, clients);
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
function buildAddonStacks(ctx: RenderContext, app: CdktfApp, problems: Problem[], only?: string): { addon: FleetAddon; stack: TerraformStack }[] {
  const taken = new Set([...ctx.fleet.clusters.map((c) => c.name), ...argocdOidcProviderStacks(ctx.fleet).map((s) => s.name)]);
  const built: { addon: FleetAddon; stack: TerraformStack }[] = [];
  // `only`: that add-on's stacks; the add-ons before it are asked only for their stacks' names (what its names must not clash with), their reports dropped.
  const quiet: AddonContext = { fleet: ctx.fleet, outputs: ctx.outputs, stackOutputs: ctx.stackOutputs, holdBack: () => undefined, problem: () => undefined };
  for (const addon of ctx.addons) {
    const own = only === undefined || addon.name === only;
    for (const spec of addon.stacks?.(own ? ctx.forAddon(addon) : quiet) ?? []) {
      if (!isDns1123Label(spec.name) || taken.has(spec.name)) {
        if (own) problems.push({ path: `addons[${addon.name}]`, message: 'a stack name must be a DNS-1123 label no cluster or other stack has', given: JSON.stringify(spec.name), allowed: `not ${[...taken].join(', ')}` });
        continue;
      }
      taken.add(spec.name);
      if (!own) continue;
      const stack = new TerraformStack(app, spec.name);
      addStateBackend(stack, ctx.fleet.stateBackend, spec.name);
      requireTerraformVersion(stack);
      spec.build(stack);
      built.push({ addon, stack });
    }
    if (addon.name === only) break;
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

/**
 * What rendering reads: the fleet, its outputs and its add-ons. Everything a unit (below) renders is
 * a function of these and of fleetsynth's code alone.
 */
export interface RenderInputs {
  readonly fleet: ResolvedFleet;
  readonly outputs: ReadonlyMap<string, ClusterOutputs>;
  readonly stackOutputs: ReadonlyMap<string, StackOutputValues>;
  readonly addons: readonly FleetAddon[];
  readonly kubernetesOnly: boolean;
}

/**
 * A render is cut into units that depend on nothing but the inputs: each cluster (its folder and
 * stack; the management cluster's holds the Argo CD objects of the whole fleet), then the files
 * the fleet shares. Units run in any order and in any thread, and are put together in this order,
 * so that the result is byte for byte the one of a render of everything in one go.
 */
export type RenderUnit =
  | { readonly kind: 'cluster'; readonly cluster: string; readonly argoCdOnly: boolean }
  /** Argo CD's OIDC provider stacks (Argo CD reaching AWS clusters from another cloud). */
  | { readonly kind: 'oidc-stacks' }
  /** One add-on's fleet-wide stacks. */
  | { readonly kind: 'addon-stacks'; readonly addon: string }
  /** The fleet's shared files: Argo CD's Helm values, terraform/.gitignore. */
  | { readonly kind: 'fleet' }
  /** fleet.md, the fleet's diagram: a unit of its own, as it reads most of the fleet (every node pool). */
  | { readonly kind: 'diagram' };

/** One file a unit rendered, with the hashes of its content and object (computed where it was rendered: in any thread). */
export interface UnitFile {
  readonly path: string;
  readonly content: string;
  readonly objectJson?: string;
  readonly addon?: string;
  readonly sha256: string;
  readonly objectSha256?: string;
  readonly objectKind?: string;
  /** What a stack creates against AWS's regional quotas (aws-regional-quota.ts), found as it was rendered. */
  readonly awsRegional?: readonly AwsRegionalUse[];
  /** An in-tree NLB Service's rules on its EKS cluster's security group (eks-security-group-rules.ts), found as it was rendered. */
  readonly eksNlbRules?: EksNlbRules;
  /** A stack's VPN connections per AWS virtual private gateway (vpn-connection-quota.ts), found as it was rendered. */
  readonly vpnConnections?: readonly VpnConnectionUse[];
}

/** What one unit rendered: plain data (it crosses threads and sits in the cache). */
export interface UnitResult {
  readonly files: readonly UnitFile[];
  /** Problems with the files (placeholders, names, stack names), in the order found. */
  readonly problems: readonly Problem[];
  /** Problems the add-ons reported about values they read (`ctx.problem`). */
  readonly inputProblems: readonly Problem[];
  /** A cluster's own folder: the namespaces its objects are in or are, and the first object of each (see app-namespaces.ts). */
  readonly namespaceUsers?: Readonly<Record<string, string>>;
  /** What the add-ons and the stacks held back, in the order they did. */
  readonly heldBack: readonly HeldBack[];
  readonly kubernetesMs: number;
  readonly terraformMs: number;
  /** Management cluster: what its Argo CD objects hold back and reach, the bootstrap's objects, every cluster's platform charts. */
  readonly gitops?: { readonly heldBack: readonly HeldBack[]; readonly reachable: readonly string[]; readonly bootstrap: { readonly project: string; readonly rootApp: string }; readonly charts: Readonly<Record<string, readonly PlatformChart[]>> };
  /** The fleet unit: Argo CD's Helm values, what Argo CD's identity and access hold back. */
  readonly fleetWide?: { readonly argoCdValues: HelmValues; readonly identityHeldBack: readonly HeldBack[]; readonly accessHeldBack: readonly HeldBack[] };
}

/**
 * The units of a render, in the order their results are put together: the clusters, the
 * management cluster last (its Argo CD objects reflect every other cluster), then the fleet-wide
 * stacks (Argo CD's OIDC providers', each add-on's), then the fleet's shared files. Fleet-wide
 * stacks are units of their own so that an edit one of them does not read leaves it to the cache.
 */
export function renderUnits(fleet: ResolvedFleet, addons: readonly FleetAddon[], options: { readonly clusters?: readonly string[]; readonly kubernetesOnly?: boolean } = {}): RenderUnit[] {
  const selected = (c: ResolvedCluster) => !options.clusters || options.clusters.includes(c.name);
  const ordered = [...fleet.clusters].sort((a, b) => Number(a.role === 'management') - Number(b.role === 'management'));
  return [
    ...ordered.filter((c) => selected(c) || c.role === 'management').map((c): RenderUnit => ({ kind: 'cluster', cluster: c.name, argoCdOnly: !selected(c) })),
    ...(options.kubernetesOnly ? [] : [{ kind: 'oidc-stacks' } as const, ...addons.filter((a) => a.stacks).map((a): RenderUnit => ({ kind: 'addon-stacks', addon: a.name }))]),
    { kind: 'fleet' },
    { kind: 'diagram' },
  ];
}

/**
 * Whether a unit's result is worth the render cache: not fleet.md's, which renders in ~15 ms at 300
 * clusters but reads the whole fleet (through the cache's traced inputs: ~90 ms, and a record as big).
 */
export const worthCaching = (unit: RenderUnit): boolean => unit.kind !== 'diagram';

/** Problems and held-back items as plain JSON (a `given: undefined` dropped), the same whether a unit ran here, in another thread or came from the cache. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Renders one unit. Throws what rendering throws (a FleetError from cdk8s validation, an add-on's error). */
export function renderUnit(inputs: RenderInputs, unit: RenderUnit): UnitResult {
  // A unit's result is text: the tokens it created are not needed after it (unit-tokens.ts).
  return forgettingTokens(() => withPlainStackTraces(() => {
    switch (unit.kind) {
      case 'cluster':
        return renderClusterUnit(inputs, unit.cluster, unit.argoCdOnly);
      case 'oidc-stacks':
      case 'addon-stacks':
        return renderFleetStacksUnit(inputs, unit.kind === 'addon-stacks' ? unit.addon : undefined);
      case 'fleet':
        return renderFleetUnit(inputs);
      case 'diagram':
        return renderDiagramUnit(inputs);
    }
  }));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Collects a unit's files, checking each document for placeholders as it comes. */
class UnitFiles {
  readonly files: UnitFile[] = [];
  readonly problems: Problem[] = [];

  add(file: { path: string; content: string; objectJson?: string; addon?: string; awsRegional?: readonly AwsRegionalUse[]; vpnConnections?: readonly VpnConnectionUse[]; eksNlbRules?: EksNlbRules }, docs: unknown): void {
    this.problems.push(...findPlaceholders(docs, file.path).map((p) => (file.addon ? { ...p, message: `${p.message} (add-on ${file.addon})` } : p)));
    const object = file.objectJson === undefined ? {} : { objectSha256: sha256(file.objectJson), objectKind: `${(docs as KubeObject)?.apiVersion}/${(docs as KubeObject)?.kind}` };
    this.files.push({ ...file, sha256: sha256(file.content), ...object });
  }
}

/** A stack's folder, `terraform/stacks/<stack>/`: its `cdk.tf.json` and the StackFiles beside it. */
function addStackFiles(out: UnitFiles, stack: TerraformStack, addon?: string): void {
  const folder = `${TERRAFORM_DIR}/stacks/${stack.node.id}`;
  const by = addon ? { addon } : {};
  const tf = stackJson(stack);
  out.problems.push(...sensitiveOutputProblems(tf, `${folder}/cdk.tf.json`));
  const awsRegional = awsRegionalUses(tf);
  const vpnConnections = vpnConnectionUses(tf);
  out.add({ path: `${folder}/cdk.tf.json`, content: toStableJson(tf), ...by, ...(awsRegional.length > 0 ? { awsRegional } : {}), ...(vpnConnections.length > 0 ? { vpnConnections } : {}) }, tf);
  // Plain text, not a document: the StackFile refuses empty content and Terraform values.
  for (const file of StackFile.of(stack)) out.add({ path: `${folder}/${file.fileName}`, content: file.content, ...by }, {});
}

/** A cdktf App for one unit's stacks. An existing folder and no stack traces: cdktf creates its outdir eagerly and records traces (absolute paths) in metadata. */
const unitTerraformApp = () => new CdktfApp({ outdir: os.tmpdir(), stackTraces: false, skipValidation: false });

function renderClusterUnit(inputs: RenderInputs, name: string, argoCdOnly: boolean): UnitResult {
  const { fleet, outputs } = inputs;
  const cluster = fleet.clusters.find((c) => c.name === name)!;
  const ctx = new RenderContext(fleet, outputs, inputs);
  const out = new UnitFiles();
  let start = performance.now();
  const rendered = renderCluster(ctx, cluster, argoCdOnly);
  for (const { path: rel, object, addon } of rendered.objects) {
    const path = `${clusterManifestFolder(cluster)}/${rel}`;
    out.problems.push(...nameProblems(object, path));
    const nlb = eksNlbRules(cluster, object, fleet.clusters);
    out.add({ path, content: toYaml(object), objectJson: JSON.stringify(object), ...(addon ? { addon } : {}), ...(nlb ? { eksNlbRules: nlb } : {}) }, object);
  }
  const kubernetesMs = performance.now() - start;
  start = performance.now();
  if (!inputs.kubernetesOnly && !argoCdOnly) addStackFiles(out, buildClusterStack(ctx, unitTerraformApp(), cluster));
  const terraformMs = performance.now() - start;
  const gitops = rendered.gitops;
  return {
    files: out.files,
    problems: plain(out.problems),
    inputProblems: plain(ctx.problems),
    ...(argoCdOnly ? {} : { namespaceUsers: namespaceUsers(rendered.objects) }),
    heldBack: plain(ctx.heldBack),
    kubernetesMs,
    terraformMs,
    ...(gitops
      ? { gitops: plain({ heldBack: gitops.heldBack, reachable: gitops.reachable, bootstrap: gitops.bootstrap, charts: Object.fromEntries(fleet.clusters.map((c) => [c.name, ctx.chartsOf(c)])) }) }
      : {}),
  };
}

/** Argo CD's OIDC provider stacks (no `addon`), or one add-on's fleet-wide stacks. */
function renderFleetStacksUnit(inputs: RenderInputs, addon: string | undefined): UnitResult {
  const { fleet, outputs } = inputs;
  const ctx = new RenderContext(fleet, outputs, inputs);
  const out = new UnitFiles();
  const start = performance.now();
  const tfApp = unitTerraformApp();
  if (addon === undefined) {
    for (const stack of argocdOidcProviderStacksOf(tfApp, fleet, outputs)) addStackFiles(out, stack);
  } else {
    for (const { addon: a, stack } of buildAddonStacks(ctx, tfApp, out.problems, addon)) addStackFiles(out, stack, a.name);
  }
  return { files: out.files, problems: plain(out.problems), inputProblems: plain(ctx.problems), heldBack: plain(ctx.heldBack), kubernetesMs: 0, terraformMs: performance.now() - start };
}

function renderFleetUnit(inputs: RenderInputs): UnitResult {
  const { fleet, outputs } = inputs;
  const ctx = new RenderContext(fleet, outputs, inputs);
  const out = new UnitFiles();
  const terraformMs = 0;

  out.files.push({ path: TERRAFORM_GITIGNORE_FILE, content: TERRAFORM_GITIGNORE, sha256: sha256(TERRAFORM_GITIGNORE) });
  // The documented bootstrap: helm install of Argo CD with these values, then kubectl apply of the platform project and the root app.
  const values = ctx.argoCdValues();
  const header = `# Argo CD's Helm values (chart ${ARGOCD_CHART.chart} ${ARGOCD_CHART.version} from ${ARGOCD_CHART.repoURL}), generated by fleetsynth.\n# The bootstrap installs Argo CD with them; its Application "argocd" keeps it so from Git. See README, "Bootstrap".\n`;
  out.add({ path: ARGOCD_VALUES_FILE, content: header + helmValuesYaml(values) }, values);
  return {
    files: out.files,
    problems: plain(out.problems),
    inputProblems: plain(ctx.problems),
    heldBack: plain(ctx.heldBack),
    kubernetesMs: 0,
    terraformMs,
    fleetWide: plain({ argoCdValues: values, identityHeldBack: ctx.argoCdIdentity().heldBack, accessHeldBack: argocdAccessHeldBack(fleet, outputs) }),
  };
}

/** The architecture diagram: the fleet and what each add-on's diagram() hook adds (lib/diagram). */
function renderDiagramUnit(inputs: RenderInputs): UnitResult {
  const { fleet, outputs } = inputs;
  const ctx = new RenderContext(fleet, outputs, inputs);
  const out = new UnitFiles();
  if (fleet.diagram) {
    const contributions = new Map(ctx.addons.flatMap((a) => (a.diagram ? [[a.name, a.diagram(ctx.forAddon(a))] as const] : [])));
    const registered = new Set(ctx.argoCdIdentity().registered.keys());
    out.add({ path: FLEET_DIAGRAM_FILE, content: fleetMarkdown(fleet, contributions, { registered }) }, {});
  }
  return { files: out.files, problems: plain(out.problems), inputProblems: plain(ctx.problems), heldBack: plain(ctx.heldBack), kubernetesMs: 0, terraformMs: 0 };
}

/**
 * The files of a unit as RenderedFiles: content and JSON read from the unit's file when first
 * asked for (a unit from the cache loads them then), each object parsed from its JSON.
 */
function renderedFiles(result: UnitResult): RenderedFile[] {
  // Once per result: the files handed to onKubernetesFiles are the render's own (checked by identity).
  const made = renderedFilesOf.get(result);
  if (made) return made;
  const files = result.files.map((f): RenderedFile => {
    const described = { path: f.path, sha256: f.sha256, ...(f.addon ? { addon: f.addon } : {}), ...(f.awsRegional ? { awsRegional: f.awsRegional } : {}), ...(f.vpnConnections ? { vpnConnections: f.vpnConnections } : {}), ...(f.eksNlbRules ? { eksNlbRules: f.eksNlbRules } : {}) };
    if (f.objectSha256 === undefined) {
      return { ...described, get content(): string { return f.content; } };
    }
    let objects: KubeObject[] | undefined;
    return {
      ...described,
      objectSha256: f.objectSha256,
      objectKind: f.objectKind,
      get content(): string {
        return f.content;
      },
      get objectJson(): string | undefined {
        return f.objectJson;
      },
      get objects(): KubeObject[] {
        objects ??= [JSON.parse(f.objectJson!) as KubeObject];
        return objects;
      },
    };
  });
  renderedFilesOf.set(result, files);
  return files;
}

const renderedFilesOf = new WeakMap<UnitResult, RenderedFile[]>();

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * Puts unit results together, in unit order, into what a render of everything in one go returns,
 * and throws its errors: the add-ons' problems with the values they read first, then the problems
 * with the output (placeholders, names, two objects in one file).
 */
function assemble(fleet: ResolvedFleet, options: RenderOptions, units: readonly RenderUnit[], results: readonly UnitResult[], cached: number, inWorkers: number): Rendered {
  const files: RenderedFile[] = results.flatMap(renderedFiles);
  const problems: Problem[] = results.flatMap((r) => r.problems);
  files.sort(byPath);
  for (let i = 1; i < files.length; i++) {
    if (files[i].path === files[i - 1].path) problems.push({ path: files[i].path, message: `two generated objects would share this file${[files[i - 1].addon, files[i].addon].some(Boolean) ? ` (${[files[i - 1].addon ?? 'core', files[i].addon ?? 'core'].join(' and ')})` : ''}` });
  }
  const inputProblems = results.flatMap((r) => r.inputProblems);
  if (inputProblems.length > 0) throw new FleetError(inputProblems, 'terraform outputs');
  // An app in a namespace of the platform: its cluster's charts (every cluster's, from the management cluster's unit) and own objects.
  const gitops = results.find((r) => r.gitops)?.gitops;
  const fleetProblems = units.flatMap((u, i) => {
    const users = results[i].namespaceUsers;
    return u.kind === 'cluster' && users ? appNamespaceProblems(fleet, fleet.clusters.find((c) => c.name === u.cluster)!, gitops?.charts[u.cluster] ?? [], users) : [];
  });
  fleetProblems.push(...appApplicationNameProblems(fleet, gitops?.charts ?? {}));
  if (fleetProblems.length > 0) throw new FleetError(fleetProblems);
  if (problems.length > 0) throw new FleetError(problems, 'generated output');

  const fleetWide = results[units.findIndex((u) => u.kind === 'fleet')].fleetWide!;
  const management = managementCluster(fleet);
  const argocdFolder = `${clusterManifestFolder(management)}/argocd`;
  const kubectlApply = gitops
    ? [`${argocdFolder}/appproject.argoproj.io_${gitops.bootstrap.project}.yaml`, `${argocdFolder}/application.argoproj.io_${gitops.bootstrap.rootApp}.yaml`]
    : [];
  const heldBack = [...(gitops?.heldBack ?? fleetWide.identityHeldBack), ...fleetWide.accessHeldBack, ...results.flatMap((r) => r.heldBack)];
  const charts = gitops ? fleet.clusters.flatMap((c) => gitops.charts[c.name] ?? []) : [];
  const unreachable = fleet.clusters.map((c) => c.name).filter((c) => gitops !== undefined && !gitops.reachable.includes(c));
  const pending = [...fleet.clusters].sort((a, b) => Number(a.role === 'management') - Number(b.role === 'management')).filter((c) => !options.outputs.has(c.name)).map((c) => c.name);
  return {
    files,
    pending,
    unreachable,
    heldBack,
    bootstrap: { kubectlApply },
    charts,
    argoCdValues: fleetWide.argoCdValues,
    timings: { kubernetesMs: results.reduce((sum, r) => sum + r.kubernetesMs, 0), terraformMs: results.reduce((sum, r) => sum + r.terraformMs, 0) },
    units: { rendered: units.length - cached, cached, inWorkers },
  };
}

/** Renders the whole fleet in memory and checks every document; throws FleetError listing every problem. */
export function renderFleet(fleet: ResolvedFleet, options: RenderOptions): Rendered {
  const inputs: RenderInputs = { fleet, outputs: options.outputs, stackOutputs: options.stackOutputs ?? new Map(), addons: options.addons ?? [], kubernetesOnly: options.kubernetesOnly ?? false };
  const units = renderUnits(fleet, inputs.addons, options);
  const plainData = cacheableDefinition(options.definition);
  const cache = plainData ? options.cache : undefined;
  const folders = cache ? units.map((unit) => cache.folderOf(unitKeyParts(unit, inputs, options.definition))) : [];
  const since = cache?.sinceLastRender(inputs, folders);
  // The cache entry each unit's result is (taken or stored), for the next render's shortcut.
  const entries: (UsedEntry | undefined)[] = units.map(() => undefined);
  const results: (UnitResult | undefined)[] = units.map((unit, i) => {
    const hit = !worthCaching(unit) ? undefined : cache?.lookup(unitKeyParts(unit, inputs, options.definition), inputs, () => renderUnit(inputs, unit), since);
    entries[i] = hit?.used;
    return hit && { ...hit.result, kubernetesMs: 0, terraformMs: 0 };
  });
  const cached = results.filter(Boolean).length;
  const renderHere = (i: number): UnitResult => {
    if (!cache || !worthCaching(units[i])) return renderUnit(inputs, units[i]);
    const traced = tracedInputs(inputs);
    const result = renderUnit(traced.inputs, units[i]);
    entries[i] = cache.store(unitKeyParts(units[i], inputs, options.definition), traced.record, result);
    return result;
  };
  const todo = units.flatMap((_, i) => (results[i] ? [] : [i]));
  const threads = !plainData || todo.length === 0 ? 1 : renderThreads(todo.length, options.threads);
  const errors = new Map<number, unknown>();
  let inWorkers = 0;
  if (threads > 1) {
    // The biggest units first (the management cluster's holds the whole fleet's Argo CD objects), so none is left to finish alone.
    const weight = (i: number) => { const u = units[i]; return u.kind !== 'cluster' ? 1 : fleet.clusters.find((c) => c.name === u.cluster)?.role === 'management' ? 2 : 0; };
    const order = [...todo].sort((a, b) => weight(b) - weight(a) || a - b);
    ({ inWorkers } = renderInThreads(
      { definition: options.definition, outputs: inputs.outputs, stackOutputs: inputs.stackOutputs, kubernetesOnly: inputs.kubernetesOnly, units, order, ...(cache ? { cacheDir: cache.cache.dir } : {}), workersOnly: options.workersOnly ?? false },
      threads,
      renderHere,
      (i, outcome) => {
        if ('error' in outcome) errors.set(i, outcome.error);
        else [results[i], entries[i]] = [outcome.result, outcome.used];
      },
    ));
  }
  const lastCluster = units.map((u) => u.kind).lastIndexOf('cluster');
  for (let i = 0; i < units.length; i++) {
    if (errors.has(i)) throw errors.get(i);
    results[i] ??= renderHere(i);
    const unit = units[i];
    if (unit.kind === 'cluster') options.onClusterRendered?.(unit.cluster);
    if (i === lastCluster && threads === 1 && options.onKubernetesFiles) {
      const clusters = units.flatMap((u, j) => (j <= i && u.kind === 'cluster' ? [results[j]!] : []));
      // A problem fails the render (assemble): nothing to check then.
      if (clusters.every((r) => r.problems.length === 0 && r.inputProblems.length === 0)) options.onKubernetesFiles(clusters.flatMap(renderedFiles).filter((f) => f.path.startsWith('k8s/')).sort(byPath));
    }
  }
  if (cache) {
    const used = Object.fromEntries(units.flatMap((_, i) => (entries[i] ? [[folders[i], { ...entries[i]!, result: results[i]! }]] : [])));
    const same = since && since.changed.size === 0 && Object.keys(used).length === Object.keys(since.entries).length && Object.entries(used).every(([f, u]) => since.entries[f]?.entry === u.entry);
    if (!same) cache.rememberRender(inputs, folders, used, since);
  }
  return assemble(fleet, options, units, results as UnitResult[], cached, inWorkers);
}

/** Re-exported for the YAML of Argo CD's values file. */
export { helmValuesYaml };
