import { parse } from 'yaml';
import { fleet as example } from '../../test/full-fleet';
import { argocdIdentityName, networkName, resolveFleet } from '../fleet';
import { synthExampleStack, resourcesOf } from '../../test/stack-fixture';
import { outputsMap } from '../../test/outputs-fixture';
import { ApiObject, App, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { synthChart } from '../../test/k8s-fixture';
import { ClusterBootstrapChart, ClusterChart } from './cluster-chart';
import { FleetGitOps } from './fleet-gitops';
import { SYNC_WAVE } from './argocd/sync-wave';
import { APPLICATION_HEALTH_CHECK, argoCdHelmValues } from './argocd/argocd-install';
import { generateApplications } from '../verify/application-set';
import { clusterOfSecret, RegisteredCluster } from '../verify/argo-cluster';

const fleet = resolveFleet(example);
const gitops = (outputs = outputsMap()) => synthChart((c) => new FleetGitOps(c, 'argocd', { fleet, outputs, argoCdValues: argoCdHelmValues() }));
const clusterObjects = (name: string) => {
  const app = new App();
  const props = { fleet, cluster: fleet.clusters.find((c) => c.name === name)! };
  return [...Testing.synth(new ClusterBootstrapChart(app, `${name}-bootstrap`, props)), ...Testing.synth(new ClusterChart(app, name, props))];
};
const byKindName = (objs: any[]) => Object.fromEntries(objs.map((o) => [`${o.kind}/${o.metadata.name}`, o]));

describe('FleetGitOps (the management cluster\'s Argo CD objects)', () => {
  const objects = byKindName(gitops());
  const apps = (objs: Record<string, any>) => Object.keys(objs).filter((k) => k.startsWith('Application/')).sort();

  test('registers every workload cluster, not the management cluster (Argo CD\'s own)', () => {
    expect(Object.keys(objects).filter((k) => k.startsWith('Secret/')).sort()).toEqual(['Secret/cluster-aws-prod', 'Secret/cluster-azure-prod', 'Secret/cluster-gcp-prod']);
    expect(objects['Secret/cluster-gcp-prod'].metadata.labels).toEqual({
      env: 'prod', team: 'platform', 'argocd.argoproj.io/secret-type': 'cluster',
      'fleetsynth.io/cloud': 'gcp', 'fleetsynth.io/region': 'us-central1', 'fleetsynth.io/network': 'gcp-prod-net', 'fleetsynth.io/cluster': 'gcp-prod',
    });
  });

  test('a pending cluster (no Terraform outputs) gets no registration and no Application targets it; it is listed as held back', () => {
    const chart = (c: any) => new FleetGitOps(c, 'argocd', { fleet, outputs: outputsMap(['mgmt', 'gcp-prod', 'azure-prod']), argoCdValues: argoCdHelmValues() });
    let held: any[] = [];
    const pending = byKindName(synthChart((c) => { held = chart(c).heldBack; }));
    expect(pending['Secret/cluster-aws-prod']).toBeUndefined();
    expect(apps(pending).filter((k) => k.includes('aws-prod'))).toEqual([]);
    expect(Object.values(pending).filter((o: any) => o.kind === 'Application' && o.spec.destination.name === 'aws-prod')).toEqual([]);
    expect(pending['Secret/cluster-gcp-prod']).toBeDefined();
    expect(pending['Application/gcp-prod-platform']).toBeDefined();
    expect(held).toEqual([expect.objectContaining({ subject: 'aws-prod', waitingFor: expect.stringContaining('Terraform outputs') })]);
  });

  test('every reachable cluster gets its charts, a bootstrap-stage Application and a platform Application, in wave order; the east-west gateway last, as nothing waits on its load balancer', () => {
    const wave = (name: string) => Number(objects[`Application/${name}`].metadata.annotations['argocd.argoproj.io/sync-wave']);
    for (const cluster of ['mgmt', 'aws-prod', 'gcp-prod', 'azure-prod']) {
      const order = ['bootstrap', 'istio-base', 'istiod', 'platform', 'istio-eastwest'].map((s) => wave(`${cluster}-${s}`));
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(new Set(order).size).toBe(order.length);
    }
    expect(wave('argocd')).toBeLessThan(wave('aws-prod-bootstrap'));
  });

  test('every cluster runs Istio\'s CNI node agent before its istiod, with its cloud\'s CNI bin directory (GKE\'s is not /opt/cni/bin)', () => {
    const wave = (name: string) => Number(objects[`Application/${name}`].metadata.annotations['argocd.argoproj.io/sync-wave']);
    const binDir = (name: string) => objects[`Application/${name}-istio-cni`].spec.source.helm.valuesObject.cniBinDir;
    for (const cluster of ['mgmt', 'aws-prod', 'gcp-prod', 'azure-prod']) expect(wave(`${cluster}-istio-cni`)).toBeLessThan(wave(`${cluster}-istiod`));
    expect(['aws-prod', 'gcp-prod', 'azure-prod'].map(binDir)).toEqual(['/opt/cni/bin', '/home/kubernetes/bin', '/opt/cni/bin']);
  });

  test('each cluster folder is split between its bootstrap stage and its platform Application; the root app syncs the management folder\'s argocd/', () => {
    expect(objects['Application/gcp-prod-bootstrap'].spec.source).toMatchObject({ path: 'dist/k8s/gcp/gcp-prod/_bootstrap', directory: { recurse: true } });
    expect(objects['Application/gcp-prod-platform'].spec.source).toMatchObject({ path: 'dist/k8s/gcp/gcp-prod', directory: { recurse: true, exclude: '_bootstrap/*' }, repoURL: example.gitops.repoURL });
    expect(objects['Application/gcp-prod-platform'].spec.destination).toEqual({ name: 'gcp-prod' });
    expect(objects['Application/mgmt-platform'].spec.source.directory.exclude).toBe('{_bootstrap/*,argocd/*}');
    expect(objects['Application/mgmt-platform'].spec.destination).toEqual({ server: 'https://kubernetes.default.svc' });
    expect(objects['Application/acme-platform-root'].spec.source.path).toBe('dist/k8s/aws/mgmt/argocd');
    expect(objects['Application/acme-platform-root'].spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'argocd' });
  });

  test('each reachable cluster has its own root, in the root app\'s last wave, syncing argocd/clusters/<cluster>/: every Application that targets the cluster but the apps\'', () => {
    let built!: FleetGitOps;
    let scope!: Construct;
    synthChart((c) => { scope = c; built = new FleetGitOps(c, 'argocd', { fleet, outputs: outputsMap(), argoCdValues: argoCdHelmValues() }); });
    const folders = new Map(scope.node.findAll().filter((o): o is ApiObject => ApiObject.isApiObject(o)).map((o) => [`${o.kind}/${o.name}`, built.folderOf(o)]));
    const rootWave = objects['Application/acme-platform-root'].metadata.annotations['argocd.argoproj.io/sync-wave'];
    for (const c of ['mgmt', 'aws-prod', 'gcp-prod', 'azure-prod']) {
      const root = objects[`Application/${c}-root`];
      expect(root.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe(rootWave);
      expect(root.metadata.labels).toEqual({ 'fleetsynth.io/cluster': c });
      expect(root.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
      expect(root.spec.source).toMatchObject({ path: `dist/k8s/aws/mgmt/argocd/clusters/${c}`, repoURL: example.gitops.repoURL });
      expect(root.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'argocd' });
      expect(folders.get(`Application/${c}-root`)).toBe('');
      const inFolder = [...folders].filter(([, f]) => f === `clusters/${c}/`).map(([k]) => k).sort();
      expect(inFolder).toEqual(apps(objects).filter((k) => k.startsWith(`Application/${c}-`) && !k.endsWith('-root') && !k.endsWith('-checkout')));
      expect(inFolder).toContain(`Application/${c}-istiod`);
    }
    // The root app reads only its own folder: the clusters' roots read theirs.
    expect(objects['Application/acme-platform-root'].spec.source.directory).toBeUndefined();
    expect(folders.get('ApplicationSet/podinfo')).toBe('');
  });

  test('a registration is in its cluster root\'s wave, the root app\'s last: removing a destroyed cluster prunes both together, so its Applications\' finalizers are released (a registration pruned after them would wait on them for ever)', () => {
    for (const c of ['aws-prod', 'gcp-prod', 'azure-prod']) {
      expect(objects[`Secret/cluster-${c}`].metadata.annotations['argocd.argoproj.io/sync-wave']).toBe(objects[`Application/${c}-root`].metadata.annotations['argocd.argoproj.io/sync-wave']);
    }
    const waves = Object.values(objects).filter((o: any) => o.metadata.namespace === 'argocd').map((o: any) => Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0));
    expect(Number(objects['Secret/cluster-aws-prod'].metadata.annotations['argocd.argoproj.io/sync-wave'])).toBe(Math.max(...waves));
  });

  test('apps retry a bounded number of times (an endless retry would keep its first source, and never apply new values)', () => {
    expect(objects['ApplicationSet/podinfo'].spec.template.spec.syncPolicy.retry.limit).toBe(10);
    expect(objects['Application/gcp-prod-checkout'].spec.syncPolicy.retry.limit).toBe(10);
  });

  test('child Applications carry the resources finalizer; the root app and Argo CD\'s own do not', () => {
    for (const key of apps(objects)) {
      const expected = ['Application/acme-platform-root', 'Application/argocd'].includes(key) ? undefined : ['resources-finalizer.argocd.argoproj.io'];
      expect([key, objects[key].metadata.finalizers]).toEqual([key, expected]);
    }
    expect(objects['ApplicationSet/podinfo'].spec.template.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
  });

  test('the platform project allows the GitOps repo and every platform chart repo, every cluster, every kind; the root and Argo CD live in it', () => {
    const project = objects['AppProject/acme-platform-platform'];
    // Istio's former chart repository too, while Applications move to its new one (istio-version.ts).
    expect(project.spec.sourceRepos).toEqual(['https://argoproj.github.io/argo-helm', 'https://blob.istio.io/istio-release/charts', 'https://github.com/acme/platform-gitops.git', 'https://istio-release.storage.googleapis.com/charts']);
    expect(project.spec.destinations).toEqual([
      { name: 'aws-prod', namespace: '*' }, { name: 'azure-prod', namespace: '*' }, { name: 'gcp-prod', namespace: '*' }, { server: 'https://kubernetes.default.svc', namespace: '*' },
    ]);
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '*', kind: '*' }]);
    expect(objects['Application/acme-platform-root'].spec.project).toBe('acme-platform-platform');
    expect(objects['Application/argocd'].spec.project).toBe('acme-platform-platform');
  });

  test('while gitops.repoURL moves, the platform project and the projects of apps in the fleet\'s repository keep permitting the former repositories', () => {
    // The root app reads the old repository until it applies its own new spec, a wave after its project
    // (argo-cd v3.4.4 util/argo/argo.go ValidatePermissions: InvalidSpecError, and controller/sync.go
    // SyncAppState runs no operation while it is present).
    const moving = resolveFleet({ ...example, gitops: { ...example.gitops, repoURL: 'https://github.com/acme/new-gitops.git', formerRepoURLs: ['https://github.com/acme/platform-gitops.git'] } });
    const moved = byKindName(synthChart((c) => new FleetGitOps(c, 'argocd', { fleet: moving, outputs: outputsMap(), argoCdValues: argoCdHelmValues() })));
    expect(moved['AppProject/acme-platform-platform'].spec.sourceRepos).toEqual([
      'https://argoproj.github.io/argo-helm', 'https://blob.istio.io/istio-release/charts', 'https://github.com/acme/new-gitops.git', 'https://github.com/acme/platform-gitops.git', 'https://istio-release.storage.googleapis.com/charts',
    ]);
    expect(moved['Application/acme-platform-root'].spec.source.repoURL).toBe('https://github.com/acme/new-gitops.git');
    // checkout is a folder of the fleet's repository; podinfo's chart is elsewhere.
    expect(moved['AppProject/acme-platform-app-checkout'].spec.sourceRepos).toEqual(['https://github.com/acme/new-gitops.git', 'https://github.com/acme/platform-gitops.git']);
    expect(moved['AppProject/acme-platform-app-podinfo'].spec.sourceRepos).toEqual(['https://stefanprodan.github.io/podinfo']);
  });

  test('each app has its own project: its repository, its clusters and namespace, and no cluster-scoped kind', () => {
    const project = objects['AppProject/acme-platform-app-podinfo'];
    expect(project.spec).toEqual({
      sourceRepos: ['https://stefanprodan.github.io/podinfo'],
      destinations: ['aws-prod', 'azure-prod', 'gcp-prod'].map((name) => ({ name, namespace: 'podinfo' })),
    });
    expect(objects['ApplicationSet/podinfo'].spec.template.spec.project).toBe('acme-platform-app-podinfo');
    expect(objects['Application/gcp-prod-checkout'].spec.project).toBe('acme-platform-app-checkout');
    // The namespace comes from the cluster's bootstrap stage, not from CreateNamespace (which would need Namespace in the project).
    expect(objects['Application/gcp-prod-checkout'].spec.syncPolicy.syncOptions).not.toContain('CreateNamespace=true');
  });

  test('an app\'s project is in the root\'s last wave with its Applications, kept by Argo CD\'s finalizer while they exist: removing the app prunes all in one wave, which the root does not wait for', () => {
    const waveOf = (key: string) => objects[key].metadata.annotations['argocd.argoproj.io/sync-wave'];
    for (const app of ['podinfo', 'checkout']) {
      const project = objects[`AppProject/acme-platform-app-${app}`];
      expect(project.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
      expect(waveOf(`AppProject/acme-platform-app-${app}`)).toBe(waveOf('Application/acme-platform-root'));
    }
    expect(waveOf('ApplicationSet/podinfo')).toBe(waveOf('Application/acme-platform-root'));
    expect(waveOf('Application/gcp-prod-checkout')).toBe(waveOf('Application/acme-platform-root'));
    // The platform project stays first: the root, Argo CD and the clusters' roots are in it. No finalizer:
    // the root is in it, and the project is never removed while the fleet exists.
    const platform = objects['AppProject/acme-platform-platform'];
    expect(Number(platform.metadata.annotations['argocd.argoproj.io/sync-wave'])).toBe(SYNC_WAVE.projects);
    expect(platform.metadata.finalizers).toBeUndefined();
  });

  test('Argo CD manages itself: its pinned chart, the release the bootstrap installs, the values with the Application health check', () => {
    const self = objects['Application/argocd'];
    expect(self.spec.source).toMatchObject({ repoURL: 'https://argoproj.github.io/argo-helm', chart: 'argo-cd', targetRevision: '10.1.1', helm: { releaseName: 'argocd' } });
    expect(self.spec.source.helm.valuesObject).toEqual(argoCdHelmValues());
    expect(self.spec.source.helm.valuesObject.configs.cm['resource.customizations.health.argoproj.io_Application']).toBe(APPLICATION_HEALTH_CHECK);
    expect(self.spec.syncPolicy.automated.prune).toBe(true);
  });

  test('apps: an ApplicationSet passing cloud, region and cluster as Helm values, with per-cluster overrides', () => {
    const set = objects['ApplicationSet/podinfo'];
    expect(set.spec.template.spec.source.helm.parameters.map((p: { name: string }) => p.name)).toEqual(['fleet.cloud', 'fleet.cluster', 'fleet.region']);
    expect(set.spec.generators[0].merge.generators[1].clusters.values.helmValues).toBe('replicaCount: 3\n');
  });

  test('apps: explicit Applications per selected registered cluster when asked', () => {
    expect(Object.keys(objects).filter((k) => k.endsWith('-checkout') && k.startsWith('Application/')).sort()).toEqual(['Application/aws-prod-checkout', 'Application/azure-prod-checkout', 'Application/gcp-prod-checkout']);
    expect(objects['Application/azure-prod-checkout'].spec.source.helm.parameters).toContainEqual({ name: 'fleet.region', value: 'eastus' });
  });
});

describe('FleetGitOps: app sources as Argo CD reads them', () => {
  const withApps = (apps: any[]) => {
    const f = resolveFleet({ ...example, apps });
    return byKindName(synthChart((c) => new FleetGitOps(c, 'argocd', { fleet: f, outputs: outputsMap(), argoCdValues: argoCdHelmValues() })));
  };
  const oci = (deployAs: 'applicationSet' | 'applications') => ({ name: 'oci', namespace: 'oci', source: { helm: { repoURL: 'oci://ghcr.io/x/charts', chart: 'c', version: '1.2.3' } }, deployAs });

  // helm v3.19.4 validates every value, --set ones included, against the chart's values.schema.json
  // (pkg/chartutil/values.go ToRenderValuesWithSchemaValidation); JupyterHub's chart allows no undeclared
  // root key (jupyterhub/zero-to-jupyterhub-k8s jupyterhub/values.schema.yaml: additionalProperties: false).
  test('an app with fleetParameters: false gets no fleet.* Helm parameters, as an ApplicationSet or as Applications', () => {
    const objects = withApps([{ ...oci('applicationSet'), fleetParameters: false }, { ...oci('applications'), name: 'oci2', fleetParameters: false }]);
    expect(objects['ApplicationSet/oci'].spec.template.spec.source.helm).toEqual({ releaseName: 'oci', values: '{{ .values.helmValues }}' });
    expect(objects['Application/gcp-prod-oci2'].spec.source.helm).toEqual({ releaseName: 'oci2' });
    expect(withApps([oci('applications')])['Application/gcp-prod-oci'].spec.source.helm.parameters).toHaveLength(3);
  });

  test('an oci:// chart version with build metadata asks for the tag Helm pushed it as (+ is _ in an OCI tag); a Helm repository keeps it', () => {
    const objects = withApps([{ ...oci('applications'), source: { helm: { repoURL: 'oci://ghcr.io/x/charts', chart: 'c', version: '1.2.3+build.7' } } }]);
    expect(objects['Application/gcp-prod-oci'].spec.source.targetRevision).toBe('1.2.3_build.7');
    const repo = withApps([{ ...oci('applications'), source: { helm: { repoURL: 'https://charts.example.com', chart: 'c', version: '1.2.3+build.7' } } }]);
    expect(repo['Application/gcp-prod-oci'].spec.source.targetRevision).toBe('1.2.3+build.7');
  });

  test.each(['applicationSet', 'applications'] as const)('an oci:// chart (%s) is the artifact <registry path>/<chart> with path ".", no chart; the project allows exactly that repoURL', (deployAs) => {
    const objects = withApps([oci(deployAs)]);
    const source = deployAs === 'applicationSet' ? objects['ApplicationSet/oci'].spec.template.spec.source : objects['Application/gcp-prod-oci'].spec.source;
    expect(source).toEqual(expect.objectContaining({ repoURL: 'oci://ghcr.io/x/charts/c', path: '.', targetRevision: '1.2.3' }));
    expect(source.chart).toBeUndefined();
    expect(source.helm.releaseName).toBe('oci');
    expect(objects['AppProject/acme-platform-app-oci'].spec.sourceRepos).toEqual(['oci://ghcr.io/x/charts/c']);
  });

  test.each(['applicationSet', 'applications'] as const)('a git folder (%s) with kustomize: true is built with Kustomize as written (no kustomize.namespace: Argo CD would build it one at a time per repository), without directory; a plain one reads every file below it', (deployAs) => {
    const git = (name: string, extra: object) => ({ name, namespace: name, source: { git: { path: `apps/${name}`, ...extra } }, deployAs });
    const objects = withApps([git('kust', { kustomize: true }), git('plain', {})]);
    const sourceOf = (name: string) => (deployAs === 'applicationSet' ? objects[`ApplicationSet/${name}`].spec.template.spec.source : objects[`Application/gcp-prod-${name}`].spec.source);
    expect(sourceOf('kust')).toEqual({ repoURL: example.gitops.repoURL, targetRevision: 'main', path: 'apps/kust', kustomize: { ignoreMissingComponents: true } });
    expect(sourceOf('plain')).toEqual({ repoURL: example.gitops.repoURL, targetRevision: 'main', path: 'apps/plain', directory: { recurse: true } });
  });

  test('an app\'s project lists every workload cluster, pending ones too, with the app\'s namespace only: a cluster leaving the selection stays a permitted destination while Argo CD deletes what the app deployed there', () => {
    const f = resolveFleet({ ...example, apps: [{ ...oci('applications'), clusters: { matchLabels: { 'fleetsynth.io/cloud': 'gcp' } } }] });
    const objects = byKindName(synthChart((c) => new FleetGitOps(c, 'argocd', { fleet: f, outputs: outputsMap(['mgmt', 'gcp-prod', 'azure-prod']), argoCdValues: argoCdHelmValues() })));
    expect(Object.keys(objects).filter((k) => k.startsWith('Application/') && k.endsWith('-oci'))).toEqual(['Application/gcp-prod-oci']);
    expect(objects['AppProject/acme-platform-app-oci'].spec.destinations).toEqual(['aws-prod', 'azure-prod', 'gcp-prod'].map((name) => ({ name, namespace: 'oci' })));
  });

  test('Helm values with {{ reach each generated Application as written: the ApplicationSet controller templates generator values (value_interpolation.go)', () => {
    const annotation = '{{ .Release.Name }}-{{ include "x" . }}';
    const objects = withApps([{ ...oci('applicationSet'), source: { helm: { repoURL: 'https://charts.example.com', chart: 'c', version: '1.2.3', values: { podAnnotations: { a: annotation } } } }, overrides: { 'aws-prod': { podAnnotations: { b: '{{b}}' } } } }]);
    const registered = Object.values(objects).filter((o: any) => o.kind === 'Secret').map((o) => clusterOfSecret(o) as RegisteredCluster);
    const generated = generateApplications(objects['ApplicationSet/oci'], registered);
    if ('error' in generated) throw new Error(generated.error);
    const values = Object.fromEntries(generated.applications.map((a) => [a.metadata.name, parse(a.spec.source.helm.values)]));
    expect(values).toEqual({
      'aws-prod-oci': { podAnnotations: { a: annotation, b: '{{b}}' } },
      'azure-prod-oci': { podAnnotations: { a: annotation } },
      'gcp-prod-oci': { podAnnotations: { a: annotation } },
    });
  });

  test('an https chart repository keeps chart and repoURL as given', () => {
    const objects = withApps([{ ...oci('applications'), source: { helm: { repoURL: 'https://charts.example.com', chart: 'c', version: '1.2.3' } } }]);
    expect(objects['Application/gcp-prod-oci'].spec.source).toEqual(expect.objectContaining({ repoURL: 'https://charts.example.com', chart: 'c', targetRevision: '1.2.3' }));
    expect(objects['AppProject/acme-platform-app-oci'].spec.sourceRepos).toEqual(['https://charts.example.com']);
  });
});

describe('cross-layer facts: Kubernetes and Terraform derive the same names', () => {
  const objects = byKindName(gitops());

  // Workload stacks hold Argo CD's access once the management cluster's outputs exist.
  const stack = (name: string) => synthExampleStack(name, outputsMap(['mgmt']));

  test('EKS: the role in the registration is the role the Terraform stack creates', () => {
    const roleArn = JSON.parse(objects['Secret/cluster-aws-prod'].stringData.config).awsAuthConfig.roleARN;
    const created = resourcesOf(stack('aws-prod'), 'aws_iam_role').map((r) => r.name);
    expect(created).toContain(roleArn.split('/').pop());
    expect(roleArn.endsWith(`/${argocdIdentityName({ name: 'aws-prod' })}`)).toBe(true);
  });

  test('GKE and AKS: the Argo CD identities Terraform creates are <cluster>-argocd', () => {
    expect(resourcesOf(stack('gcp-prod'), 'google_service_account').map((s) => s.account_id)).toContain(argocdIdentityName({ name: 'gcp-prod' }));
    expect(resourcesOf(stack('azure-prod'), 'azurerm_user_assigned_identity').map((i) => i.name)).toContain(argocdIdentityName({ name: 'azure-prod' }));
  });

  test('the Istio network of each cluster is the name of the VPC / VNet Terraform creates', () => {
    expect(resourcesOf(synthExampleStack('aws-prod'), 'aws_vpc')[0].tags.Name).toBe(networkName({ name: 'aws-prod' }));
    expect(resourcesOf(synthExampleStack('gcp-prod'), 'google_compute_network')[0].name).toBe(networkName({ name: 'gcp-prod' }));
    expect(resourcesOf(synthExampleStack('azure-prod'), 'azurerm_virtual_network')[0].name).toBe(networkName({ name: 'azure-prod' }));
    const ns = clusterObjects('azure-prod').find((o) => o.kind === 'Namespace');
    expect(ns.metadata.labels['topology.istio.io/network']).toBe('azure-prod-net');
    expect(objects['Application/azure-prod-istiod'].spec.source.helm.valuesObject.global.network).toBe('azure-prod-net');
  });

  test('the cluster names in Terraform and in the Argo CD registrations agree', () => {
    for (const name of ['aws-prod', 'gcp-prod', 'azure-prod']) {
      expect(objects[`Secret/cluster-${name}`].stringData.name).toBe(name);
      expect(synthExampleStack(name).output.cluster_name.value).toMatch(/\.name\}$/);
    }
  });
});
