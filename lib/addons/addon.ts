import { Construct } from 'constructs';
import { ClusterOutputs, Problem, ResolvedCluster, ResolvedFleet, StackOutputValues } from '../fleet';
import type { ClusterInfra } from '../infra/cluster-stack';
import type { TerraformStack } from '../infra/cdktf';
import type { PlatformChart } from '../k8s/argocd/platform-chart';
import type { IstioOptions } from '../k8s/istio/istio-installation';

/*
 * The one interface through which the core calls a platform service: the built-in ones
 * (lib/addons/<service>/, registered in lib/addons/registry.ts) and users' own add-ons (listed in the
 * fleet file's `addons`). What an add-on contributes goes through everything the core's own output
 * goes through: the schema check, the convergence check, the placeholder check, the atomic write and
 * pruning; it lands in the same per-cluster folders and is applied by the same Argo CD Applications.
 */

/** What every hook of an add-on can read. */
export interface AddonContext {
  readonly fleet: ResolvedFleet;
  /** Terraform outputs of every cluster that has them. */
  readonly outputs: ReadonlyMap<string, ClusterOutputs>;
  /** Output values of the other stacks (the add-ons' own fleet-wide stacks), by stack name, once they exist. */
  readonly stackOutputs: ReadonlyMap<string, StackOutputValues>;
  /**
   * Leaves something out because a value it needs does not exist yet (a Terraform output): listed
   * in synth's summary. Never write a placeholder instead.
   */
  holdBack(what: string, waitingFor: string): void;
  /** Reports a problem with a value the add-on read (a malformed Terraform output): synth fails, nothing is written. */
  problem(problem: Problem): void;
}

/** The hooks about one cluster. */
export interface AddonClusterContext extends AddonContext {
  readonly cluster: ResolvedCluster;
}

/** The hook that adds to a cluster's own Terraform stack. */
export interface AddonClusterStackContext extends AddonClusterContext {
  /** Handles of what the core created in the stack (network, cluster), per cloud. */
  readonly infra: ClusterInfra;
  /** Declares an output of the cluster's stack: read back from its `terraform output -json` as `ClusterOutputs.values[name]`. */
  addOutput(name: string, value: string): void;
}

/** A fleet-wide Terraform stack of an add-on: `dist/terraform/stacks/<name>/cdk.tf.json` (and its StackFiles, beside it), with its own state. */
export interface AddonStack {
  /** DNS label; must not be a cluster's name. */
  readonly name: string;
  /** Adds the stack's providers and resources (the core adds the state backend and required version). */
  build(stack: TerraformStack): void;
}

/**
 * What an add-on adds to the fleet's architecture diagram (`dist/fleet.md`): links between clusters
 * (a VPN tunnel, a remote-write path) and nodes of its own (a global endpoint, Vault) linked to
 * clusters. Ids are the add-on's own; the diagram renderer namespaces and sanitizes them.
 */
export interface DiagramContribution {
  readonly nodes?: readonly { readonly id: string; readonly label: string }[];
  /** `from`/`to` are cluster names or ids of this contribution's nodes. */
  readonly links?: readonly { readonly from: string; readonly to: string; readonly label: string; readonly kind: 'interconnect' | 'failover' | 'traffic' | 'telemetry' | 'secrets' | 'other' }[];
}

/**
 * What an add-on's guard reads: the previous synth's output folder (the running fleet, as far as synth
 * can tell) and what this synth would leave in it. Called only when there is a previous output, before
 * anything is written.
 */
export interface AddonGuardContext {
  /** The fleet as written (the add-on's settings under `platform` or in its entry), validated. */
  readonly definition: unknown;
  readonly fleet: ResolvedFleet;
  /** The previous output's files, as paths in the output folder (`k8s/…`, `terraform/stacks/<stack>/cdk.tf.json`). */
  readonly previousFiles: readonly string[];
  /** A previous file's text; undefined when it is not a readable file. */
  readPrevious(path: string): string | undefined;
  /** The files this synth leaves in the folder: those it writes and those it carries over (`--cluster`, kept registrations). */
  readonly files: readonly string[];
  /** The clusters without Terraform outputs: nothing of theirs runs yet. */
  readonly pending: readonly string[];
  /** The names of the fleet's add-ons now (built-in and the user's). */
  readonly addons: readonly string[];
  /** Whether the user let the change named `change` through: `--allow-change <change>` (README, "The CLI"). */
  allows(change: string): boolean;
}

export interface FleetAddon {
  /** DNS label, unique in the fleet; names the add-on in messages (`addons[<name>]`). */
  readonly name: string;
  /**
   * Problems with the add-on's own settings, given the fleet as written (not validated yet: read it
   * defensively). Paths from the fleet's root, e.g. `platform.secrets.vault.address`.
   * @default no problems
   */
  validate?(fleet: Readonly<Record<string, unknown>>): readonly Problem[];
  /**
   * Helm charts Argo CD installs on the cluster: an Application `<cluster>-<chart name>` each, in the
   * platform project, in the chart's sync wave; held back while the cluster is pending.
   */
  charts?(ctx: AddonClusterContext): readonly PlatformChart[];
  /**
   * Settings of the cluster's Istio installation the add-on provides (an external CA such as
   * istio-csr). At most one add-on may set each. @default none
   */
  istio?(ctx: AddonClusterContext): IstioOptions;
  /**
   * Objects applied before Istio and the platform charts, by the cluster's `<cluster>-bootstrap`
   * Application (`<cluster folder>/_bootstrap/`): secret stores, certificates the charts read.
   */
  bootstrapManifests?(scope: Construct, ctx: AddonClusterContext): void;
  /** Objects in the cluster's folder, applied by its `<cluster>-platform` Application after every chart. */
  manifests?(scope: Construct, ctx: AddonClusterContext): void;
  /**
   * The other clusters whose pods call this cluster's Kubernetes API over its public endpoint (for
   * example istiod's endpoint discovery through remote secrets), and why: the core opens the API to
   * their static egress addresses (lib/fleet/api-access.ts). @default none
   */
  apiClients?(ctx: AddonClusterContext): { readonly clusters: readonly string[]; readonly why: string };
  /**
   * The other clusters whose networks this cluster's network reaches over a private, routed path the
   * add-on creates (a VPN link, a peering). The core then gives the cluster's east-west gateway an
   * internal load balancer as well, open to the ranges those peers' mesh traffic comes from, and once
   * a path is `ready` each side's istiod sends mesh traffic for the other through that internal
   * gateway (lib/k8s/istio/mesh-networks.ts). Report a path from both ends. @default none
   */
  privatePaths?(ctx: AddonClusterContext): readonly PrivatePath[];
  /** Terraform resources and outputs in the cluster's own stack. */
  clusterStack?(scope: Construct, ctx: AddonClusterStackContext): void;
  /** Fleet-wide stacks. A stack that needs values that do not exist yet is left out (and held back). */
  stacks?(ctx: AddonContext): readonly AddonStack[];
  /**
   * Problems with what this synth would do to the running fleet, against the previous synth's output:
   * an edit of the add-on's settings that one apply cannot make safely (data it would strand, a window
   * in which nothing works). Paths from the fleet's root; name the change in `allowed`, with the README
   * procedure after which `--allow-change <change>` (`ctx.allows`) lets it through. Synth writes
   * nothing while any add-on reports one. @default none
   */
  guard?(ctx: AddonGuardContext): readonly Problem[];
  /** Its part of the architecture diagram. @default nothing */
  diagram?(ctx: AddonContext): DiagramContribution;
  /**
   * Deterministic, well-formed values of the outputs it declares (`addOutput`, its stacks' outputs),
   * as if every stack had been applied: for the convergence check's second run and the testing kit.
   * Never written to dist/. @default none
   */
  fakeOutputs?(ctx: AddonContext): FakeAddonOutputs;
}

/** A private, routed path from a cluster's network to a peer's (see FleetAddon.privatePaths). */
export interface PrivatePath {
  /** The peer cluster's name. */
  readonly peer: string;
  /**
   * Whether the path carries traffic now: its Terraform is applied (the add-on reads that from the
   * stack's outputs). Until then the mesh keeps using the public east-west gateways: pointing istiod
   * at an address no route reaches yet would cut the clusters apart.
   */
  readonly ready: boolean;
}

/** Fake output values by cluster name (merged into `ClusterOutputs.values`) and by fleet-wide stack name. */
export interface FakeAddonOutputs {
  readonly clusters?: Readonly<Record<string, StackOutputValues>>;
  readonly stacks?: Readonly<Record<string, StackOutputValues>>;
}
