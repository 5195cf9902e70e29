import { Construct } from 'constructs';
import { stringify } from 'yaml';
import {
  clusterManifestFolder,
  ClusterOutputs,
  HelmValues,
  mergeHelmValues,
  networkName,
  REGISTRATION_LABEL,
  registrationLabels,
  ResolvedApp,
  ResolvedCluster,
  ResolvedFleet,
} from '../fleet';
import { ApplicationSource, ArgoCdApplication, HelmParameter } from './argocd/argocd-application';
import { ClusterGeneratorApplicationSet } from './argocd/argocd-application-set';
import { ArgoCdAppProject } from './argocd/argocd-app-project';
import { ArgoCdClusterSecret, ClusterAuth } from './argocd/argocd-cluster-secret';
import { SYNC_WAVE } from './argocd/sync-wave';
import { IstioInstallation } from './istio/istio-installation';
import { ISTIO_CHART_REPO } from './istio/istio-version';

/** Argo CD's own cluster, as Argo CD addresses it. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

export interface FleetGitOpsProps {
  readonly fleet: ResolvedFleet;
  /** Terraform outputs per cluster name; a workload cluster without them is pending: no registration. */
  readonly outputs: ReadonlyMap<string, ClusterOutputs>;
}

// `{}` rather than an empty string for no values: an empty generator value reads as a placeholder.
// YAML 1.1, as Helm parses it: `yes`/`on` strings get quoted.
const sortedYaml = (values: HelmValues) => stringify(values, { lineWidth: 0, sortMapEntries: true, version: '1.1' });

/** How Argo CD authenticates to a cluster: through the identity Terraform created for it, never a token. */
function clusterAuth(cluster: ResolvedCluster, outputs: ClusterOutputs): ClusterAuth {
  switch (cluster.cloud) {
    case 'aws':
      return { type: 'eks', clusterName: cluster.name, roleArn: outputs.argocdIdentity ?? '' };
    case 'gcp':
      return { type: 'gke' };
    case 'azure':
      // synth requires these for workload clusters; used on its own, an empty one fails the Secret's props check.
      return { type: 'aks', clientId: outputs.argocdIdentity ?? '', tenantId: outputs.tenantId ?? '' };
  }
}

/**
 * Everything the management cluster's Argo CD applies for the fleet: the AppProject, a
 * registration per workload cluster, a platform Application per cluster folder, Istio per
 * cluster, the fleet's apps, and the root app-of-apps that syncs this very folder.
 */
export class FleetGitOps extends Construct {
  constructor(scope: Construct, id: string, props: FleetGitOpsProps) {
    super(scope, id);
    const { fleet, outputs } = props;
    const management = fleet.clusters.find((c) => c.role === 'management')!;
    const workloads = fleet.clusters.filter((c) => c.role === 'workload');
    const project = fleet.name;
    const destinationOf = (c: ResolvedCluster) => (c.role === 'management' ? { server: IN_CLUSTER } : { name: c.name });
    const gitSource = (path: string): ApplicationSource => ({ repoURL: fleet.gitops.repoURL, targetRevision: fleet.gitops.targetRevision, path, recurse: true });

    new ArgoCdAppProject(this, 'project', {
      name: project,
      sourceRepos: [fleet.gitops.repoURL, ISTIO_CHART_REPO, ...fleet.apps.map((a) => a.source.repoURL)],
      destinations: fleet.clusters.map((c) => ({ ...destinationOf(c), namespace: '*' })),
      syncWave: SYNC_WAVE.argoCdSetup,
    });

    for (const cluster of workloads) {
      const out = outputs.get(cluster.name);
      if (out) {
        new ArgoCdClusterSecret(this, `register-${cluster.name}`, {
          clusterName: cluster.name,
          server: out.endpoint,
          caData: out.caCertificate,
          auth: clusterAuth(cluster, out),
          labels: registrationLabels(cluster),
          syncWave: SYNC_WAVE.argoCdSetup,
        });
      }
      new ArgoCdApplication(this, `platform-${cluster.name}`, {
        name: `${cluster.name}-platform`,
        project,
        source: gitSource(`${fleet.gitops.path}/${clusterManifestFolder(cluster)}`),
        destination: destinationOf(cluster),
        syncWave: SYNC_WAVE.platformApps,
      });
    }

    for (const cluster of fleet.clusters) {
      new IstioInstallation(this, `istio-${cluster.name}`, {
        name: cluster.name,
        project,
        destination: destinationOf(cluster),
        meshID: fleet.mesh.meshID,
        clusterName: cluster.name,
        network: networkName(cluster),
        trustDomain: fleet.mesh.trustDomain,
      });
    }

    for (const app of fleet.apps) this.addApp(app, project, workloads);

    // The root app-of-apps: syncs this folder (itself included) into Argo CD's own cluster.
    new ArgoCdApplication(this, 'root', {
      name: `${fleet.name}-root`,
      project,
      source: gitSource(`${fleet.gitops.path}/${clusterManifestFolder(management)}`),
      destination: { server: IN_CLUSTER, namespace: 'argocd' },
    });
  }

  private addApp(app: ResolvedApp, project: string, workloads: readonly ResolvedCluster[]): void {
    const src = app.source;
    const helm = src.kind === 'helm' || src.helm;
    const base: ApplicationSource =
      src.kind === 'helm' ? { repoURL: src.repoURL, chart: src.chart, targetRevision: src.version } : { repoURL: src.repoURL, targetRevision: src.targetRevision, path: src.path };
    const fleetParameters = (cloud: string, region: string, cluster: string): HelmParameter[] => [
      { name: 'fleet.cloud', value: cloud },
      { name: 'fleet.cluster', value: cluster },
      { name: 'fleet.region', value: region },
    ];

    if (app.deployAs === 'applicationSet') {
      const label = (key: string) => `{{ index .metadata.labels "${key}" }}`;
      new ClusterGeneratorApplicationSet(this, `app-${app.name}`, {
        name: app.name,
        project,
        matchLabels: app.matchLabels,
        clusterNameLabel: REGISTRATION_LABEL.cluster,
        ...(helm ? { values: { helmValues: sortedYaml(src.values) } } : {}),
        ...(helm && Object.keys(app.overrides).length > 0
          ? { valuesPerCluster: Object.fromEntries(Object.entries(app.overrides).map(([c, v]) => [c, { helmValues: sortedYaml(mergeHelmValues(src.values, v)) }])) }
          : {}),
        applicationName: `{{ .name }}-${app.name}`,
        source: {
          ...base,
          ...(helm
            ? { helm: { releaseName: app.name, values: '{{ .values.helmValues }}', parameters: fleetParameters(label(REGISTRATION_LABEL.cloud), label(REGISTRATION_LABEL.region), '{{ .name }}') } }
            : { recurse: true }),
        },
        destinationNamespace: app.namespace,
        syncWave: SYNC_WAVE.fleetApps,
      });
      return;
    }
    for (const cluster of workloads.filter((c) => app.clusters.includes(c.name))) {
      const values = mergeHelmValues(src.values, app.overrides[cluster.name] ?? {});
      new ArgoCdApplication(this, `app-${app.name}-${cluster.name}`, {
        name: `${cluster.name}-${app.name}`,
        project,
        source: { ...base, ...(helm ? { helm: { releaseName: app.name, valuesObject: values, parameters: fleetParameters(cluster.cloud, cluster.region, cluster.name) } } : { recurse: true }) },
        destination: { name: cluster.name, namespace: app.namespace },
        syncWave: SYNC_WAVE.fleetApps,
      });
    }
  }
}

