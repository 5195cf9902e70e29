import { Construct, IConstruct } from 'constructs';
import {
  appProjectName,
  CLUSTER_APPLICATION,
  clusterApplicationName,
  ARGOCD_NAMESPACE,
  BOOTSTRAP_STAGE_FOLDER,
  clusterManifestFolder,
  ClusterOutputs,
  clusterRootFolder,
  HeldBack,
  HelmValues,
  mergeHelmValues,
  networkName,
  platformProjectName,
  REGISTRATION_LABEL,
  registrationLabels,
  ResolvedApp,
  ResolvedCluster,
  ResolvedFleet,
  rootAppName,
} from '../fleet';
import { ApplicationDestination, ApplicationSource, ArgoCdApplication, HelmParameter } from './argocd/argocd-application';
import { ClusterGeneratorApplicationSet, goTemplateLiteral } from './argocd/argocd-application-set';
import { ArgoCdAppProject } from './argocd/argocd-app-project';
import { ArgoCdClusterSecret } from './argocd/argocd-cluster-secret';
import { ArgoCdCloudIdentityConfigMap, ArgoCdIdentity, argoCdIdentity } from './argocd/argocd-identity';
import { ARGOCD_CHART, ArgoCdSelfManagement } from './argocd/argocd-install';
import { ChartApplication, PlatformChart } from './argocd/platform-chart';
import { SYNC_WAVE } from './argocd/sync-wave';
import { helmValuesYaml } from './go-yaml';
import { IstioOptions, istioCharts } from './istio/istio-installation';
import { publicEastWestAnnotations } from './istio/idle-connections';
import { meshNetworks } from './istio/mesh-networks';
import { FORMER_ISTIO_CHART_REPO } from './istio/istio-version';

/** Argo CD's own cluster, as Argo CD addresses it. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

export interface FleetGitOpsProps {
  readonly fleet: ResolvedFleet;
  /** Terraform outputs per cluster name; a workload cluster without them is pending: nothing targets it yet. */
  readonly outputs: ReadonlyMap<string, ClusterOutputs>;
  /** Platform charts per cluster name. @default Istio's charts on every cluster */
  readonly charts?: ReadonlyMap<string, readonly PlatformChart[]>;
  /** Argo CD's Helm values (see `argoCdHelmValues`; merge in `identity.values`). */
  readonly argoCdValues: HelmValues;
  /** How Argo CD reaches each workload cluster (see `argoCdIdentity`). @default argoCdIdentity(fleet, outputs) */
  readonly identity?: ArgoCdIdentity;
}


/** Which clusters have private peers, and which of them this cluster reaches privately now (see mesh-networks.ts). */
export interface PrivateRouting {
  /**
   * Clusters with private peers: named in every istiod's meshNetworks. A member's public gateway keeps
   * its network label until one of its private paths is ready (its `privateTo` is not empty): a
   * label and a meshNetworks entry naming the same Service give that one gateway (the label first:
   * istio pilot/pkg/serviceregistry/kube/controller/network.go getGatewayDetails), so the commit that
   * makes a cluster a member changes nothing for a peer whose istiod has not synced it yet; had the
   * label gone in that commit, a peer's istiod would have no gateway for the network until its own
   * cluster's root synced (each root syncs on its own) and would send calls to pod addresses it cannot
   * reach (pilot/pkg/xds/endpoints/ep_filters.go EndpointsByNetworkFilter, no gateway). When a path
   * is ready the label goes: it would add the public gateway beside the internal one meshNetworks
   * names (gateways of all Services are merged).
   */
  readonly members: ReadonlySet<string>;
  /** The members whose internal east-west gateway this cluster's istiod uses (the path is ready). */
  readonly privateTo: ReadonlySet<string>;
}

/**
 * Istio's charts for a cluster, as the fleet configures them. With private routing, istiod is told
 * the gateway of every member's network: the internal one of each cluster in `privateTo`, the public
 * one otherwise; every other network's gateway it finds by label.
 */
export function fleetIstioCharts(fleet: ResolvedFleet, cluster: ResolvedCluster, options: IstioOptions = {}, routing: PrivateRouting = { members: new Set(), privateTo: new Set() }): PlatformChart[] {
  const members = fleet.clusters.filter((c) => routing.members.has(c.name)).map((c) => ({ cluster: c.name, network: networkName(c) }));
  return istioCharts({
    meshID: fleet.mesh.meshID,
    clusterName: cluster.name,
    network: networkName(cluster),
    trustDomain: fleet.mesh.trustDomain,
    trustDomainAliases: fleet.mesh.trustDomainAliases,
    ...options,
    meshNetworks: meshNetworks(members, routing.privateTo),
    gatewayLabelled: !routing.members.has(cluster.name) || routing.privateTo.size === 0,
    eastWestServiceAnnotations: publicEastWestAnnotations(cluster.cloud),
    imageMirrors: cluster.imageMirrors,
    cloud: cluster.cloud,
    cni: cluster.istioCni !== false,
  });
}

/**
 * The source of a chart from a Helm repository or an OCI registry. Argo CD 3.4 reads an `oci://`
 * repoURL as an OCI artifact and ignores `chart` (pkg/apis/application/v1alpha1/types.go IsOCI is
 * tested before IsHelm in reposerver/repository/repository.go); a Helm chart in a registry is then
 * the artifact `<registry path>/<chart>` with `path: .` (argo-cd docs/user-guide/oci.md, "Another
 * example using a public OCI helm chart": "the path should always be set to `.`"; util/oci/client.go
 * unpacks the chart's folder to the root). The version is the artifact's tag, which Argo CD resolves as
 * written (util/oci/client.go); an OCI tag cannot hold `+`, so Helm pushes `1.2.3+build.7` as
 * `1.2.3_build.7` (helm pkg/registry, as argo-cd's getTags notes): that is the tag to ask for.
 */
function helmChartSource(src: { readonly repoURL: string; readonly chart: string; readonly version: string }): ApplicationSource {
  if (src.repoURL.startsWith('oci://')) return { repoURL: `${src.repoURL.replace(/\/+$/, '')}/${src.chart}`, path: '.', targetRevision: src.version.replace(/\+/g, '_') };
  return { repoURL: src.repoURL, chart: src.chart, targetRevision: src.version };
}

/**
 * Everything the management cluster's Argo CD applies for the fleet, in its `argocd/` folder: the
 * projects, Argo CD itself, a registration per reachable workload cluster, each reachable cluster's
 * charts and folders, the fleet's apps, and the root app-of-apps that syncs this very folder.
 *
 * A workload cluster Argo CD cannot reach yet (no Terraform outputs, or its Argo CD access not applied
 * with what the management cluster's outputs say: lib/fleet/argocd-access.ts) cannot be registered,
 * and Argo CD would mark every Application targeting it invalid (health Unknown) and stall the root
 * app's waves: so nothing targets it until then (listed in `heldBack`). Adding it later only adds files.
 */
export class FleetGitOps extends Construct {
  /** What was not written because a cluster is pending. */
  readonly heldBack: HeldBack[] = [];
  /** The clusters Argo CD can reach now (registered workloads and its own): everything else targets nothing yet. */
  readonly reachable: readonly string[];
  /** Names of the objects the bootstrap applies by hand, in order: the platform project, then the root app. */
  readonly bootstrap: { readonly project: string; readonly rootApp: string };
  private readonly folders = new Map<IConstruct, string>();

  constructor(scope: Construct, id: string, props: FleetGitOpsProps) {
    super(scope, id);
    const { fleet, outputs } = props;
    const identity = props.identity ?? argoCdIdentity(fleet, outputs);
    const management = fleet.clusters.find((c) => c.role === 'management')!;
    // The management cluster is Argo CD's own: reachable in-cluster as soon as Argo CD runs.
    const reachable = fleet.clusters.filter((c) => c.role === 'management' || identity.registered.has(c.name));
    const workloads = reachable.filter((c) => c.role === 'workload');
    const project = platformProjectName(fleet);
    const destinationOf = (c: ResolvedCluster): ApplicationDestination => (c.role === 'management' ? { server: IN_CLUSTER } : { name: c.name });
    // No `argocd.argoproj.io/manifest-generate-paths` on these: Argo CD would keep an Application's
    // manifests while no changed file is under its paths, and lists changed files with `git diff
    // --name-only` (argo-cd v3.4.7 util/git/client.go ChangedFiles; reposerver/repository/repository.go
    // UpdateRevisionForPaths), which names a moved file by its new path only: an object that goes from
    // one cluster's folder to another's (a global DNS member changing clusters) would stay on the first.
    const gitSource = (path: string, exclude?: string): ApplicationSource => ({ repoURL: fleet.gitops.repoURL, targetRevision: fleet.gitops.targetRevision, path, recurse: true, ...(exclude ? { exclude } : {}) });
    const chartsOf = (c: ResolvedCluster) => props.charts?.get(c.name) ?? fleetIstioCharts(fleet, c);
    const folderOf = (c: ResolvedCluster) => `${fleet.gitops.path}/${clusterManifestFolder(c)}`;

    const chartRepos = fleet.clusters.flatMap((c) => chartsOf(c).map((chart) => chart.repoURL));
    new ArgoCdAppProject(this, 'project', {
      name: project,
      // The former repositories too, while the fleet moves: this project is in an earlier wave than the
      // root app, which reads the old repository until it applies its own new spec; an Application whose
      // repoURL its project does not permit gets InvalidSpecError (argo-cd v3.4.4 util/argo/argo.go
      // ValidatePermissions), and no operation runs while it has it (controller/sync.go SyncAppState):
      // the root would never apply the spec that reads the new repository.
      sourceRepos: [fleet.gitops.repoURL, ...fleet.gitops.formerRepoURLs, ARGOCD_CHART.repoURL, ...chartRepos, FORMER_ISTIO_CHART_REPO],
      destinations: fleet.clusters.map((c) => ({ ...destinationOf(c), namespace: '*' })),
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      syncWave: SYNC_WAVE.projects,
    });

    new ArgoCdSelfManagement(this, 'argocd', { project, values: props.argoCdValues, namespace: ARGOCD_NAMESPACE });

    this.heldBack.push(...identity.heldBack);
    // The per-cluster credential files Argo CD's pods mount (optional there: Argo CD starts without it).
    if (Object.keys(identity.files).length > 0) new ArgoCdCloudIdentityConfigMap(this, 'cloud-identity', { files: identity.files, namespace: ARGOCD_NAMESPACE, syncWave: SYNC_WAVE.cloudIdentity });
    for (const cluster of fleet.clusters.filter((c) => c.role === 'workload')) {
      const registration = identity.registered.get(cluster.name);
      const auth = identity.auth.get(cluster.name);
      if (!registration || !auth) continue;
      new ArgoCdClusterSecret(this, `register-${cluster.name}`, {
        clusterName: cluster.name,
        server: registration.outputs.endpoint,
        caData: registration.outputs.caCertificate,
        auth,
        labels: registrationLabels(cluster),
        namespace: ARGOCD_NAMESPACE,
        syncWave: SYNC_WAVE.registrations,
      });
    }

    const argocdFolder = `${folderOf(management)}/${ARGOCD_NAMESPACE}`;
    for (const cluster of reachable) {
      // The cluster's own root: it syncs the Applications that target the cluster, in their waves, so
      // that a cluster whose platform is Degraded or stays Progressing holds its own chain only. One
      // root for all would wait in each wave for every cluster (and, while its sync waits, apply no
      // newer commit: no sync timeout by default), so one cluster's trouble would stop the whole fleet's
      // changes. It is in the fleet root's last wave, which is never waited for. Its resources finalizer
      // makes removing it (a cluster leaving the fleet) delete its Applications, as the fleet root did.
      const rootFolder = clusterRootFolder(cluster);
      const scope = new Construct(this, `cluster-${cluster.name}`);
      this.folders.set(scope, `${rootFolder}/`);
      new ArgoCdApplication(this, `root-${cluster.name}`, {
        name: clusterApplicationName(cluster, CLUSTER_APPLICATION.root),
        project,
        source: gitSource(`${argocdFolder}/${rootFolder}`),
        destination: { server: IN_CLUSTER, namespace: ARGOCD_NAMESPACE },
        syncPolicy: { createNamespace: false },
        syncWave: SYNC_WAVE.clusterRoots,
        // Whose it is, for --cluster (lib/synth/cluster-selection.ts): it deploys to Argo CD's own cluster.
        labels: { [REGISTRATION_LABEL.cluster]: cluster.name },
      });
      for (const chart of chartsOf(cluster)) {
        new ChartApplication(scope, `chart-${cluster.name}-${chart.name}`, { chart, clusterName: cluster.name, project, destination: destinationOf(cluster) });
      }
      // Every cluster folder has two stages (see ClusterBootstrapChart and ClusterChart).
      new ArgoCdApplication(scope, `bootstrap-${cluster.name}`, {
        name: clusterApplicationName(cluster, CLUSTER_APPLICATION.bootstrap),
        project,
        source: gitSource(`${folderOf(cluster)}/${BOOTSTRAP_STAGE_FOLDER}`),
        destination: destinationOf(cluster),
        syncPolicy: { createNamespace: false },
        syncWave: SYNC_WAVE.clusterBootstrap,
      });
      // Argo CD's exclude glob matches paths relative to the source path, `*` crossing "/" (argo-cd
      // reposerver/repository/repository.go getPotentiallyValidManifestFile: glob.Match without separators).
      // The bootstrap stage is its own Application's; the management folder's argocd/ is the root app's.
      const excluded = [BOOTSTRAP_STAGE_FOLDER, ...(cluster.role === 'management' ? [ARGOCD_NAMESPACE] : [])].map((f) => `${f}/*`);
      new ArgoCdApplication(scope, `platform-${cluster.name}`, {
        name: clusterApplicationName(cluster, CLUSTER_APPLICATION.platform),
        project,
        source: gitSource(folderOf(cluster), excluded.length === 1 ? excluded[0] : `{${excluded.join(',')}}`),
        destination: destinationOf(cluster),
        syncPolicy: { createNamespace: false },
        syncWave: SYNC_WAVE.clusterPlatform,
      });
    }

    for (const app of fleet.apps) this.addApp(fleet, app, workloads);

    // The root app-of-apps: syncs this folder (itself included), not the clusters' roots' folders
    // below it. The bootstrap applies it and its project by hand first: Argo CD refuses an Application
    // whose project does not exist yet. No resources finalizer: deleting the root must not take the
    // whole fleet with it. Itself in the folder's last wave, with the clusters' roots and the fleet's
    // apps: Argo CD waits for the health of every wave but the last, so a wave after them (0,
    // unannotated) would hold its sync until they were all healthy, and no later commit would be
    // applied meanwhile; and the root never waits for its own health.
    const root = new ArgoCdApplication(this, 'root', {
      name: rootAppName(fleet),
      project,
      syncWave: SYNC_WAVE.fleetApps,
      source: { repoURL: fleet.gitops.repoURL, targetRevision: fleet.gitops.targetRevision, path: argocdFolder },
      destination: { server: IN_CLUSTER, namespace: ARGOCD_NAMESPACE },
      syncPolicy: { createNamespace: false },
      cascadeDelete: false,
    });
    this.bootstrap = { project, rootApp: root.name };
    this.reachable = reachable.map((c) => c.name);
  }

  /**
   * The folder, inside the management cluster's `argocd/` folder, of an object this construct made:
   * `clusters/<cluster>/` for what a cluster's root syncs (see names.ts clusterRootFolder), else ''.
   */
  folderOf(object: IConstruct): string {
    for (let scope: IConstruct | undefined = object; scope; scope = scope.node.scope) {
      const folder = this.folders.get(scope);
      if (folder !== undefined) return folder;
    }
    return '';
  }

  /** An app's own project: its repository, the fleet's workload clusters and the app's namespace, namespaced kinds only. */
  private addApp(fleet: ResolvedFleet, app: ResolvedApp, registered: readonly ResolvedCluster[]): void {
    const project = appProjectName(fleet, app);
    const src = app.source;
    const helm = src.kind === 'helm' || src.helm;
    const base: ApplicationSource = src.kind === 'helm' ? helmChartSource(src) : { repoURL: src.repoURL, targetRevision: src.targetRevision, path: src.path };
    // A git folder's type is explicit: Argo CD only looks for a kustomization.yaml (or Chart.yaml) in a source
    // with none (reposerver/repository/repository.go GetAppSourceType), and reads every file as a manifest with `directory`.
    // A Kustomization is built as written, its objects without a namespace put in the destination's (argo-cd v3.4.4
    // controller/state.go DeduplicateTargetObjects): no `kustomize.namespace`, which Argo CD sets by editing the
    // repository's shared clone, one build at a time for the whole repository (argocd-application.ts KUSTOMIZE_AS_WRITTEN).
    const folder: Partial<ApplicationSource> = src.kind === 'git' && src.kustomize ? { kustomize: true } : { recurse: true };
    new ArgoCdAppProject(this, `project-${app.name}`, {
      name: project,
      // Argo CD matches sourceRepos against the source's repoURL (app_project_types.go IsSourcePermitted).
      // An app in the fleet's own repository keeps its former ones while the fleet moves, as the platform project does.
      sourceRepos: [base.repoURL, ...(base.repoURL === fleet.gitops.repoURL ? fleet.gitops.formerRepoURLs : [])],
      // Every workload cluster, not only those the app selects now: the root prunes the Application of a
      // cluster that left the selection as it applies the project, and Argo CD deletes no object the
      // project no longer permits (controller/appcontroller.go getPermittedAppLiveObjects), so the app's
      // workloads there would be orphaned. Pending clusters too, as in the platform project: a
      // destination names a cluster, whether it is registered yet or not.
      destinations: fleet.clusters.filter((c) => c.role === 'workload').map((c) => ({ name: c.name, namespace: app.namespace })),
      // In the root's last wave with its Applications, kept by its finalizer until they are gone. In an
      // earlier wave, removing the app pruned its Applications and then its project in two prune waves,
      // and Argo CD waits for what a prune wave deletes to be gone before the next (gitops-engine
      // pkg/sync/sync_context.go "if pruned tasks pending deletion, then wait"): an Application whose
      // cluster was unreachable could not finish its finalizer there, and the root's sync waited for it,
      // applying no newer commit, until that cluster came back. A last wave is not waited for.
      syncWave: SYNC_WAVE.fleetApps,
      keepWhileUsed: true,
    });
    // None when the app says so: a chart whose values schema forbids undeclared keys at its root fails
    // `helm template` on a `fleet` key (helm v3.19.4 pkg/chartutil/values.go ToRenderValuesWithSchemaValidation;
    // argo-cd v3.4.7 util/helm/cmd.go passes each parameter as --set).
    const fleetParameters = (cloud: string, region: string, cluster: string): HelmParameter[] =>
      app.fleetParameters
        ? [
            { name: 'fleet.cloud', value: cloud },
            { name: 'fleet.cluster', value: cluster },
            { name: 'fleet.region', value: region },
          ]
        : [];
    // The app's namespace is created by each cluster's bootstrap stage, so the project needs no
    // cluster-scoped kind. That stage is in the cluster's root, which runs beside the apps (the fleet
    // root's last wave): on a new cluster an app's sync fails until its namespace exists, and its
    // retries (about half an hour) wait for it. Not without end: a retry keeps the source the
    // operation started with (controller/appcontroller.go autoSync: `Source: app.Spec.GetSource()`;
    // retry.refresh renews the revision only), so an endless one would never apply new values.
    const syncPolicy = { createNamespace: false };

    if (app.deployAs === 'applicationSet') {
      const label = (key: string) => `{{ index .metadata.labels "${key}" }}`;
      // The fleet's own text (Helm values such as `{{ .Release.Name }}` for a chart's tpl, the source's strings) reaches each Application as written.
      // `{}` rather than an empty string for no values: an empty generator value reads as a placeholder.
      const helmValues = (values: HelmValues) => ({ helmValues: goTemplateLiteral(helmValuesYaml(values)) });
      const source = Object.fromEntries(Object.entries(base).map(([key, text]) => [key, goTemplateLiteral(text as string)])) as unknown as ApplicationSource;
      new ClusterGeneratorApplicationSet(this, `app-${app.name}`, {
        name: app.name,
        project,
        matchLabels: app.matchLabels,
        clusterNameLabel: REGISTRATION_LABEL.cluster,
        ...(helm ? { values: helmValues(src.values) } : {}),
        ...(helm && Object.keys(app.overrides).length > 0
          ? { valuesPerCluster: Object.fromEntries(Object.entries(app.overrides).map(([c, v]) => [c, helmValues(mergeHelmValues(src.values, v))])) }
          : {}),
        applicationName: `{{ .name }}-${app.name}`,
        source: {
          ...source,
          ...(helm
            ? { helm: { releaseName: app.name, values: '{{ .values.helmValues }}', parameters: fleetParameters(label(REGISTRATION_LABEL.cloud), label(REGISTRATION_LABEL.region), '{{ .name }}') } }
            : folder),
        },
        destinationNamespace: app.namespace,
        syncPolicy,
        ignoreDifferences: app.ignoreDifferences,
        syncWave: SYNC_WAVE.fleetApps,
      });
      return;
    }
    for (const cluster of registered.filter((c) => app.clusters.includes(c.name))) {
      const values = mergeHelmValues(src.values, app.overrides[cluster.name] ?? {});
      new ArgoCdApplication(this, `app-${app.name}-${cluster.name}`, {
        name: `${cluster.name}-${app.name}`,
        project,
        source: { ...base, ...(helm ? { helm: { releaseName: app.name, valuesObject: values, parameters: fleetParameters(cluster.cloud, cluster.region, cluster.name) } } : folder) },
        destination: { name: cluster.name, namespace: app.namespace },
        syncPolicy,
        ignoreDifferences: app.ignoreDifferences,
        syncWave: SYNC_WAVE.fleetApps,
      });
    }
  }
}
