import * as path from 'path';
import { fakeOutputs, outputsFolder, testFleet } from '../../../test/fleets';
import { resourcesOf, synthFleetStack } from '../../../test/stack-fixture';
import { readTree, tempDir } from '../../../test/tree';
import { synth } from '../../synth';
import { fleetAddons } from '../fleet-addons';
import { CLUSTER_AUTOSCALER_CHART, CLUSTER_AUTOSCALER_IMAGE_TAGS, CLUSTER_AUTOSCALER_ROLE_ANNOTATION } from './chart';
import { CLUSTER_AUTOSCALER_ROLE_OUTPUT, eksNodeEphemeralStorageGi } from '.';
import { parse } from 'yaml';
import { CLOUD_CATALOG } from '../../fleet';

describe('Cluster Autoscaler (EKS node autoscaling)', () => {
  test('is on by default, and off with platform.clusterAutoscaler: false', () => {
    // The Metrics Server is on by default too, and stays on without the autoscaler.
    const names = (fleet: unknown) => fleetAddons(fleet).addons.map((a) => a.name);
    expect(names(testFleet())).toEqual(['cluster-autoscaler', 'metrics-server']);
    expect(names({ ...testFleet(), platform: { clusterAutoscaler: false } })).toEqual(['metrics-server']);
    expect(names({ ...testFleet(), platform: { clusterAutoscaler: {} } })).toEqual(['cluster-autoscaler', 'metrics-server']);
  });

  test('fails when it is given settings, at each setting (or at platform.clusterAutoscaler for a value that is no object)', () => {
    expect(fleetAddons({ ...testFleet(), platform: { clusterAutoscaler: { expander: 'random' } } }).problems.map((p) => p.path)).toEqual(['platform.clusterAutoscaler.expander']);
    expect(fleetAddons({ ...testFleet(), platform: { clusterAutoscaler: true } }).problems.map((p) => p.path)).toEqual(['platform.clusterAutoscaler']);
  });

  test('fails when a pool that scales from zero would need more node-template tags than an Auto Scaling group takes beside EKS\'s own, at the pool', () => {
    // 50 tags per group (Amazon EC2 Auto Scaling User Guide), 4 of them EKS's: 46 node-template tags at most.
    // 38 labels and 4 taints, with fleetsynth.io/node-pool, eks.amazonaws.com/nodegroup and capacityType and the
    // ephemeral storage, make 46; one taint more, 47.
    const pool = (taints: number) => ({
      name: 'batch', machineType: 'm7i.large', minSize: 0, maxSize: 5,
      labels: Object.fromEntries(Array.from({ length: 38 }, (_, i) => [`l${i}`, 'x'])),
      taints: Array.from({ length: taints }, (_, i) => ({ key: `t${i}`, value: 'x', effect: 'NoSchedule' })),
    });
    const withPool = (taints: number) => {
      const f = testFleet();
      f.clusters[1].nodePools.push(pool(taints));
      return fleetAddons(f).problems;
    };
    expect(withPool(4)).toEqual([]);
    expect(withPool(5).map((p) => [p.path, p.given])).toEqual([['clusters[t-aws].nodePools[batch]', '47']]);
  });

  test('fails when a label of a pool that scales from zero would make an Auto Scaling group tag key longer than AWS allows, at the label', () => {
    const f = testFleet();
    const key = `a-long-label-prefix.example.com/${'x'.repeat(63)}`;
    f.clusters[1].nodePools.push({ name: 'spot', machineType: 'm7i.large', minSize: 0, maxSize: 5, spot: true, labels: { [key]: 'y' } });
    expect(fleetAddons(f).problems.map((p) => p.path)).toEqual([`clusters[t-aws].nodePools[spot].labels[${key}]`]);
  });

  test('fails the same for a pool of minSize 1 over three zones (two zones\' groups scale from zero), and not for one of minSize 3', () => {
    const key = `a-long-label-prefix.example.com/${'x'.repeat(63)}`;
    const withPool = (minSize: number) => {
      const f = testFleet();
      f.clusters[1].nodePools.push({ name: 'batch', machineType: 'm7i.large', minSize, maxSize: 5, labels: { [key]: 'y' } });
      return fleetAddons(f).problems.map((p) => p.path);
    };
    expect(withPool(1)).toEqual([`clusters[t-aws].nodePools[batch].labels[${key}]`]);
    expect(withPool(3)).toEqual([]);
  });

  test('fails when its IAM role name would be too long, at the cluster name', () => {
    const f = testFleet();
    f.clusters[1].name = 'a'.repeat(46);
    expect(fleetAddons(f).problems.map((p) => p.path)).toEqual([`clusters[${'a'.repeat(46)}].name`]);
  });

  test('has a pinned autoscaler release for every Kubernetes minor EKS offers', () => {
    expect(Object.keys(CLUSTER_AUTOSCALER_IMAGE_TAGS)).toEqual(CLOUD_CATALOG.aws.kubernetesVersions);
    for (const [minor, tag] of Object.entries(CLUSTER_AUTOSCALER_IMAGE_TAGS)) expect(tag).toMatch(new RegExp(`^v${minor.replace('.', '\\.')}\\.\\d+$`));
  });

  describe('in the EKS cluster\'s stack', () => {
    const f = testFleet();
    f.clusters[1].nodePools.push({ name: 'spot', machineType: 'm7i.xlarge', minSize: 0, maxSize: 20, spot: true, labels: { capacity: 'spot' }, taints: [{ key: 'capacity', value: 'spot', effect: 'NoSchedule' }, { key: 'dedicated', effect: 'NoExecute' }] });
    const tf = synthFleetStack(f, 't-aws', fakeOutputs(f));
    const role = resourcesOf(tf, 'aws_iam_role').find((r) => r.name === 't-aws-cluster-autoscaler');
    const roleRef = `aws_iam_role.${Object.entries(tf.resource.aws_iam_role).find(([, b]) => b === role)![0]}`;

    test('an IAM role assumed through EKS Pod Identity by the chart\'s service account (and only by it, in this cluster), and its output', () => {
      const [statement] = JSON.parse(role.assume_role_policy).Statement;
      expect(statement.Principal).toEqual({ Service: 'pods.eks.amazonaws.com' });
      const cluster = Object.keys(tf.resource.aws_eks_cluster)[0];
      expect(statement.Condition).toEqual({ StringEquals: { 'aws:RequestTag/eks-cluster-arn': `\${aws_eks_cluster.${cluster}.arn}`, 'aws:RequestTag/kubernetes-namespace': 'kube-system', 'aws:RequestTag/kubernetes-service-account': 'cluster-autoscaler' } });
      expect(resourcesOf(tf, 'aws_eks_pod_identity_association')).toEqual([expect.objectContaining({ namespace: 'kube-system', service_account: 'cluster-autoscaler', role_arn: `\${${roleRef}.arn}` })]);
      expect(tf.output.cluster_autoscaler_role_arn.value).toBe(`\${${roleRef}.arn}`);
    });

    test('may change the size only of this cluster\'s node groups (by the tag EKS puts on their Auto Scaling groups)', () => {
      const [policy] = resourcesOf(tf, 'aws_iam_role_policy');
      const statements = JSON.parse(policy.policy).Statement;
      expect(statements[0].Resource).toBe('*');
      expect(statements[0].Action).not.toContain('eks:DescribeNodegroup');
      expect(statements[2]).toEqual({
        Effect: 'Allow',
        Action: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/k8s.io/cluster-autoscaler/t-aws': 'owned' } },
      });
    });

    test('may describe only this cluster\'s node groups (their ARNs: nodegroup/<cluster>/<name>/<id>)', () => {
      const [policy] = resourcesOf(tf, 'aws_iam_role_policy');
      const statements = JSON.parse(policy.policy).Statement;
      const partition = Object.keys(tf.data.aws_partition).find((k) => k.startsWith('addon-cluster-autoscaler'));
      const [account] = Object.keys(tf.data.aws_caller_identity);
      expect(statements[1]).toEqual({ Effect: 'Allow', Action: ['eks:DescribeNodegroup'], Resource: `arn:\${data.aws_partition.${partition}.partition}:eks:eu-west-1:\${data.aws_caller_identity.${account}.account_id}:nodegroup/t-aws/*` });
    });

    // t-aws: eu-west-1a, b, c. `system` (1-3): 1, 0, 0 per zone; `spot` (0-20): 0 in every zone.
    const tags = resourcesOf(tf, 'aws_autoscaling_group_tag');
    const groups = Object.entries(tf.resource.aws_eks_node_group as Record<string, any>);
    const groupOf = (prefix: string) => `aws_eks_node_group.${groups.find(([, g]) => g.node_group_name_prefix === prefix)![0]}`;
    const tagsOn = (prefix: string) => tags.filter((t) => t.autoscaling_group_name === `\${${groupOf(prefix)}.resources[0].autoscaling_groups[0].name}`);

    test('tags every zone\'s group that scales from zero with the pool\'s labels and taints, as node-template tags on its Auto Scaling group', () => {
      for (const zone of ['a', 'b', 'c']) {
        const own = tagsOn(`spot-${zone}-`);
        // The group's name is generated by the provider (node_group_name_prefix): its label on the nodes is the group's attribute.
        expect(Object.fromEntries(own.map((t) => [t.tag.key, t.tag.value]))).toEqual({
          'k8s.io/cluster-autoscaler/node-template/label/capacity': 'spot',
          'k8s.io/cluster-autoscaler/node-template/label/fleetsynth.io/node-pool': 'spot',
          'k8s.io/cluster-autoscaler/node-template/label/eks.amazonaws.com/nodegroup': `\${${groupOf(`spot-${zone}-`)}.node_group_name}`,
          'k8s.io/cluster-autoscaler/node-template/label/eks.amazonaws.com/capacityType': 'SPOT',
          'k8s.io/cluster-autoscaler/node-template/taint/capacity': 'spot:NoSchedule',
          'k8s.io/cluster-autoscaler/node-template/taint/dedicated': ':NoExecute',
          // diskSizeGb 100 (the default): 88 - 1.
          'k8s.io/cluster-autoscaler/node-template/resources/ephemeral-storage': '87Gi',
        });
      }
      expect(tags.every((t) => t.tag.propagate_at_launch === false)).toBe(true);
      // No zone label: the autoscaler takes it from the Auto Scaling group's one zone (aws_manager.go buildGenericLabels).
      expect(tags.some((t) => t.tag.key.includes('topology'))).toBe(false);
    });

    test('a pool with minSize below its number of zones: only the zones whose share is 0 get tags (the others always have a node to copy)', () => {
      expect(tagsOn('system-a-')).toEqual([]);
      for (const zone of ['b', 'c']) expect(tagsOn(`system-${zone}-`).map((t) => t.tag.key).sort()).toEqual([
        'k8s.io/cluster-autoscaler/node-template/label/eks.amazonaws.com/capacityType',
        'k8s.io/cluster-autoscaler/node-template/label/eks.amazonaws.com/nodegroup',
        'k8s.io/cluster-autoscaler/node-template/label/fleetsynth.io/node-pool',
        'k8s.io/cluster-autoscaler/node-template/resources/ephemeral-storage',
      ]);
      expect(tags).toHaveLength(3 * 7 + 2 * 4);
    });

    test('a group at zero declares its nodes\' ephemeral storage, never more than a node has: else a pod requesting any never scales it up', () => {
      // The simulated node has none unless tagged (kubernetes/autoscaler aws_manager.go buildNodeFromTemplate; #1650).
      // A real node's allocatable: its root filesystem (a little under the disk) less nodeadm's 1Gi kube-reserved and 10% eviction threshold.
      const allocatableAtMost = (disk: number) => disk * 0.9 - 1;
      for (const disk of [20, 50, 100, 500, 2048]) {
        expect(eksNodeEphemeralStorageGi(disk)).toBeLessThan(allocatableAtMost(disk));
        // Within 2% of the disk (its filesystem's share) and the rounding down to whole GiB.
        expect(eksNodeEphemeralStorageGi(disk)).toBeGreaterThan(allocatableAtMost(disk) - 0.02 * disk - 1);
      }
      const f2 = testFleet();
      f2.clusters[1].nodePools.push({ name: 'big', machineType: 'm7i.large', minSize: 0, maxSize: 3, diskSizeGb: 500 });
      const big = resourcesOf(synthFleetStack(f2, 't-aws', fakeOutputs(f2)), 'aws_autoscaling_group_tag').filter((t) => t.tag.key.endsWith('/resources/ephemeral-storage'));
      expect(new Set(big.map((t) => t.tag.value))).toEqual(new Set(['87Gi', '439Gi']));
    });

    test('an NVIDIA group at zero declares the GPU label its nodes carry (k8s.amazonaws.com/accelerator)', () => {
      const f2 = testFleet();
      f2.clusters[1].nodePools.push({ name: 'gpu', machineType: 'g4dn.xlarge', minSize: 0, maxSize: 3, taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] });
      const gpu = resourcesOf(synthFleetStack(f2, 't-aws', fakeOutputs(f2)), 'aws_autoscaling_group_tag').filter((t) => t.tag.key === 'k8s.io/cluster-autoscaler/node-template/label/k8s.amazonaws.com/accelerator');
      expect(gpu.map((t) => t.tag.value)).toEqual(['nvidia-tesla-t4', 'nvidia-tesla-t4', 'nvidia-tesla-t4']);
    });

    test('nothing on GKE or AKS, which scale their pools themselves', () => {
      for (const name of ['t-gcp', 't-azure']) {
        const other = synthFleetStack(f, name, fakeOutputs(f));
        expect(JSON.stringify(other)).not.toContain('cluster-autoscaler');
      }
    });
  });

  test('Argo CD installs the pinned chart on every EKS cluster, image matching the cluster\'s minor, and on no other cluster', () => {
    const f = testFleet();
    const out = path.join(tempDir(), 'dist');
    synth(f, { outDir: out, outputsDir: outputsFolder(fakeOutputs(f)) });
    const tree = readTree(out);
    const apps = Object.keys(tree).filter((p) => p.endsWith('-cluster-autoscaler.yaml'));
    expect(apps).toEqual(['k8s/aws/t-mgmt/argocd/clusters/t-aws/application.argoproj.io_t-aws-cluster-autoscaler.yaml', 'k8s/aws/t-mgmt/argocd/clusters/t-mgmt/application.argoproj.io_t-mgmt-cluster-autoscaler.yaml']);
    const app = tree[apps[0]];
    expect(app).toContain(`chart: ${CLUSTER_AUTOSCALER_CHART.chart}\n`);
    expect(app).toContain(`targetRevision: ${CLUSTER_AUTOSCALER_CHART.version}\n`);
    expect(app).toContain(`repoURL: ${CLUSTER_AUTOSCALER_CHART.repoURL}\n`);
    expect(app).toContain('namespace: kube-system\n');
    expect(app).toContain('clusterName: t-aws\n');
    expect(app).toContain('awsRegion: eu-west-1\n');
    expect(app).toContain('tag: v1.35.2\n');
    expect(app).toContain('name: cluster-autoscaler\n');
    // A pool's zones are balanced: its groups are "similar" by the pool label every one of them has.
    expect(app).toContain('balance-similar-node-groups: true\n');
    expect(app).toContain('balancing-label: fleetsynth.io/node-pool\n');
  });

  describe('turned on in a running cluster: its pod restarts once the stack has made its Pod Identity association', () => {
    const APP = 'k8s/aws/t-mgmt/argocd/clusters/t-aws/application.argoproj.io_t-aws-cluster-autoscaler.yaml';
    const ROLE = 'arn:aws:iam::111122223333:role/t-aws-cluster-autoscaler';
    const podAnnotations = (roleOutput?: unknown) => {
      const f = testFleet();
      const outputs = fakeOutputs(f);
      if (roleOutput !== undefined) outputs.set('t-aws', { ...outputs.get('t-aws')!, values: { ...outputs.get('t-aws')!.values, [CLUSTER_AUTOSCALER_ROLE_OUTPUT]: roleOutput } });
      const out = path.join(tempDir(), 'dist');
      synth(f, { outDir: out, outputsDir: outputsFolder(outputs) });
      return parse(readTree(out)[APP]).spec.source.helm.valuesObject.podAnnotations;
    };

    test('before the stack output the role, the pod carries no role; after, its template names it, so Argo CD replaces the pod (EKS sets Pod Identity credentials at pod creation)', () => {
      expect(podAnnotations()).toBeUndefined();
      expect(podAnnotations(ROLE)).toEqual({ [CLUSTER_AUTOSCALER_ROLE_ANNOTATION]: ROLE });
    });

    test('fails when the output is not a role ARN, at the outputs file', () => {
      expect(() => podAnnotations('not-an-arn')).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ path: expect.stringMatching(new RegExp(`/t-aws\\.json: ${CLUSTER_AUTOSCALER_ROLE_OUTPUT}\\.value$`)) })] }));
    });
  });
});
