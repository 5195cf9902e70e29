import { ArgoCdSettings } from './argocd-sign-in';
import { Cluster } from './cluster';
import { FleetApp } from './fleet-app';
import { FleetImageMirrors } from './image-mirrors';
import { MeshService } from './mesh-service';
import { StateBackend } from './state-backend';

/** The Git repository Argo CD syncs from: where users commit `dist/`. */
export interface GitOpsRepo {
  /** `https://…`, `ssh://…` or `git@host:org/repo.git`. */
  readonly repoURL: string;
  /** Branch, tag or commit. @default 'main' */
  readonly targetRevision?: string;
  /** Path of the synth output inside that repo. @default 'dist' */
  readonly path?: string;
  /**
   * The repositories the running root app read before `repoURL` changed, which the projects keep
   * permitting while the fleet moves: the root app changes its own repoURL only by syncing, after its
   * project (an earlier wave) no longer admits the old one (README, "Moving the GitOps repository").
   * Remove them once every Application reads `repoURL`. @default none
   */
  readonly formerRepoURLs?: readonly string[];
}

/** Istio mesh identity shared by every cluster. */
export interface MeshSettings {
  /** @default the fleet name */
  readonly meshID?: string;
  /** SPIFFE trust domain. @default 'cluster.local' */
  readonly trustDomain?: string;
  /**
   * Trust domains whose identities count as this one's (istiod's `meshConfig.trustDomainAliases`),
   * and which Vault's role for istio-csr still signs: a running mesh's previous trust domain, while
   * it migrates to a new one (README, Secrets, "Changing the trust domain or the mesh ID"). @default none
   */
  readonly trustDomainAliases?: readonly string[];
}

/**
 * The fleet as the core model sees it. `TPlatform` is the settings of the built-in platform services
 * and `TAddon` the users' own add-ons: both are typed by lib/addons, which this layer does not import.
 * The `Fleet` type users write (exported by the package root) fills both in.
 */
export interface CoreFleet<TPlatform = { readonly [service: string]: unknown }, TAddon = unknown> {
  /** DNS-1123 label; names the Argo CD AppProject and is the default Istio meshID. */
  readonly name: string;
  readonly gitops: GitOpsRepo;
  /** @default meshID = fleet name, trustDomain = cluster.local */
  readonly mesh?: MeshSettings;
  /** Terraform state backend for every cluster unless the cluster overrides it. @default local */
  readonly stateBackend?: StateBackend;
  /**
   * Registry mirrors (pull-through caches) for the platform's images, per cloud: each cluster of that
   * cloud pulls through them unless its own `imageMirrors` names another for a registry. @default none
   */
  readonly imageMirrors?: FleetImageMirrors;
  readonly clusters: readonly Cluster[];
  /** Apps Argo CD rolls out to the workload clusters. @default none */
  readonly apps?: readonly FleetApp[];
  /** Services reachable across the mesh with cross-cloud failover. @default none */
  readonly meshServices?: readonly MeshService[];
  /** Write the architecture diagram `fleet.md` into the output. @default true */
  readonly diagram?: boolean;
  /**
   * Argo CD on the management cluster: its size, controller replicas (sharding), processors, repo servers, resources
   * (README, "Sizing Argo CD for a large fleet"), and who signs in to it: url, OIDC, RBAC, the admin account (README,
   * "Signing in to Argo CD"). @default Argo CD's chart defaults
   */
  readonly argoCd?: ArgoCdSettings;
  /** Built-in platform services (secrets, observability, interconnect, …), each off unless configured here. @default none */
  readonly platform?: TPlatform;
  /** Your own add-ons: Kubernetes objects, Helm charts and Terraform resources of your own, checked and written like everything else. @default none */
  readonly addons?: readonly TAddon[];
}
