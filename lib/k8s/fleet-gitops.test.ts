import { fleet as example } from '../../apps/fleet';
import { argocdIdentityName, networkName, resolveFleet } from '../fleet';
import { synthExampleStack, resourcesOf } from '../../test/stack-fixture';
import { outputsMap } from '../../test/outputs-fixture';
import { Testing } from 'cdk8s';
import { synthChart } from '../../test/k8s-fixture';
import { ClusterChart } from './cluster-chart';
import { FleetGitOps } from './fleet-gitops';

const fleet = resolveFleet(example);
const gitops = (outputs = outputsMap()) => synthChart((c) => new FleetGitOps(c, 'argocd', { fleet, outputs }));
const clusterObjects = (name: string) => Testing.synth(new ClusterChart(Testing.app(), name, { fleet, cluster: fleet.clusters.find((c) => c.name === name)! }));
const byKindName = (objs: any[]) => Object.fromEntries(objs.map((o) => [`${o.kind}/${o.metadata.name}`, o]));

describe('FleetGitOps (the management cluster\'s Argo CD objects)', () => {
  const objects = byKindName(gitops());

  test('registers every workload cluster, not the management cluster (Argo CD\'s own)', () => {
    expect(Object.keys(objects).filter((k) => k.startsWith('Secret/')).sort()).toEqual(['Secret/cluster-aws-prod', 'Secret/cluster-azure-prod', 'Secret/cluster-gcp-prod']);
    expect(objects['Secret/cluster-gcp-prod'].metadata.labels).toEqual({
      env: 'prod', team: 'platform', 'argocd.argoproj.io/secret-type': 'cluster',
      'fleetsynth.io/cloud': 'gcp', 'fleetsynth.io/region': 'us-central1', 'fleetsynth.io/network': 'gcp-prod-net', 'fleetsynth.io/cluster': 'gcp-prod',
    });
  });

  test('a pending cluster (no Terraform outputs) gets no registration, but keeps its Applications', () => {
    const pending = byKindName(gitops(outputsMap(['mgmt', 'gcp-prod', 'azure-prod'])));
    expect(pending['Secret/cluster-aws-prod']).toBeUndefined();
    expect(pending['Application/aws-prod-platform']).toBeDefined();
    expect(pending['Secret/cluster-gcp-prod']).toBeDefined();
  });

  test('one platform Application per workload cluster syncs its folder; the root app syncs the management folder', () => {
    expect(objects['Application/gcp-prod-platform'].spec.source).toMatchObject({ path: 'dist/k8s/gcp/gcp-prod', directory: { recurse: true }, repoURL: example.gitops.repoURL });
    expect(objects['Application/gcp-prod-platform'].spec.destination).toEqual({ name: 'gcp-prod' });
    expect(objects['Application/acme-platform-root'].spec.source.path).toBe('dist/k8s/aws/mgmt');
    expect(objects['Application/acme-platform-root'].spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'argocd' });
  });

  test('the AppProject allows the GitOps repo, Istio\'s and the apps\' chart repos, and every cluster', () => {
    const project = objects['AppProject/acme-platform'];
    expect(project.spec.sourceRepos).toEqual(['https://github.com/acme/platform-gitops.git', 'https://istio-release.storage.googleapis.com/charts', 'https://stefanprodan.github.io/podinfo']);
    expect(project.spec.destinations).toEqual([
      { name: 'aws-prod', namespace: '*' }, { name: 'azure-prod', namespace: '*' }, { name: 'gcp-prod', namespace: '*' }, { server: 'https://kubernetes.default.svc', namespace: '*' },
    ]);
  });

  test('apps: an ApplicationSet passing cloud, region and cluster as Helm values, with per-cluster overrides', () => {
    const set = objects['ApplicationSet/podinfo'];
    expect(set.spec.template.spec.source.helm.parameters.map((p: { name: string }) => p.name)).toEqual(['fleet.cloud', 'fleet.cluster', 'fleet.region']);
    expect(set.spec.generators[0].merge.generators[1].clusters.values.helmValues).toBe('replicaCount: 3\n');
  });

  test('apps: explicit Applications per selected cluster when asked', () => {
    expect(Object.keys(objects).filter((k) => k.endsWith('-checkout')).sort()).toEqual(['Application/aws-prod-checkout', 'Application/azure-prod-checkout', 'Application/gcp-prod-checkout']);
    expect(objects['Application/azure-prod-checkout'].spec.source.helm.parameters).toContainEqual({ name: 'fleet.region', value: 'eastus' });
  });
});

describe('cross-layer facts: Kubernetes and Terraform derive the same names', () => {
  const objects = byKindName(gitops());

  test('EKS: the role in the registration is the role the Terraform stack creates', () => {
    const roleArn = JSON.parse(objects['Secret/cluster-aws-prod'].stringData.config).awsAuthConfig.roleARN;
    const created = resourcesOf(synthExampleStack('aws-prod'), 'aws_iam_role').map((r) => r.name);
    expect(created).toContain(roleArn.split('/').pop());
    expect(roleArn.endsWith(`/${argocdIdentityName({ name: 'aws-prod' })}`)).toBe(true);
  });

  test('GKE and AKS: the Argo CD identities Terraform creates are <cluster>-argocd', () => {
    expect(resourcesOf(synthExampleStack('gcp-prod'), 'google_service_account').map((s) => s.account_id)).toContain(argocdIdentityName({ name: 'gcp-prod' }));
    expect(resourcesOf(synthExampleStack('azure-prod'), 'azurerm_user_assigned_identity')[0].name).toBe(argocdIdentityName({ name: 'azure-prod' }));
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

describe('ClusterChart', () => {
  test('the mesh service gets a ServiceEntry and a failover DestinationRule on every cluster', () => {
    for (const cluster of fleet.clusters) {
      const objs = byKindName(clusterObjects(cluster.name));
      expect(objs['ServiceEntry/api'].spec.endpoints.map((e: { network: string }) => e.network)).toEqual(['aws-prod-net', 'gcp-prod-net']);
      expect(objs['DestinationRule/api'].spec.trafficPolicy.loadBalancer.localityLbSetting.failover).toEqual([{ from: 'us-central1', to: 'us-west-2' }, { from: 'us-west-2', to: 'us-central1' }]);
    }
  });
});
