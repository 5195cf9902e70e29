import { resolveFleet } from '../fleet';
import { clusterOf, fullFleet, LooseFleet } from '../../test/fleet-fixture';
import { fakeOutputs, fakeOutputsWithAddons, fakeStackOutputsWithAddons, renderWithAddons, testCluster, testFleet } from '../../test/fleets';
import { synthFleetStack } from '../../test/stack-fixture';
import { isShrinkageIpCidr, REPLACE_FORCING } from './replace-forcing-attributes';
import { changedStacks, replacements } from './replacement-guard';

// The full test fleet (test/full-fleet.ts): mgmt and aws-prod on EKS, gcp-prod on GKE, azure-prod on AKS, each with a `system` and
// (but mgmt) a `spot` pool; interconnect, secrets (the vault stack) and global DNS on; every cluster's stack in the s3 backend.
const OUTPUTS = fakeOutputsWithAddons(fullFleet());
const stackOf = (f: LooseFleet, cluster: string) => JSON.stringify(synthFleetStack(f, cluster, OUTPUTS));
const BEFORE = new Map(['aws-prod', 'gcp-prod', 'azure-prod'].map((c) => [c, stackOf(fullFleet(), c)]));

/** The problems of editing the full fleet, comparing the stacks of `clusters` before and after. */
function edited(edit: (f: LooseFleet) => void, clusters: readonly string[], allowed: readonly string[] = []) {
  const f = fullFleet();
  edit(f);
  return replacements(resolveFleet(f), clusters.map((stack) => ({ stack, before: BEFORE.get(stack)!, after: stackOf(f, stack) })), allowed);
}
const pathsOf = (problems: readonly { path: string }[]) => [...new Set(problems.map((p) => p.path))];

describe('replacements: edits that update in place', () => {
  test('nothing for pool sizes, labels and taints, disk sizes, machine types that rotate or update in place, versions, deletion protection, API access and a GKE range that grows', () => {
    const problems = edited((f) => {
      const eks = clusterOf(f, 'aws-prod').nodePools[1];
      eks.diskSizeGb = 200; // a new version of the pool's launch template: the groups roll onto it in place
      eks.maxSize = 30;
      eks.minSize = 1;
      eks.labels.tier = 'batch';
      eks.taints = [];
      const gke = clusterOf(f, 'gcp-prod');
      gke.nodePools[1].machineType = 'e2-standard-16'; // google node_config machine_type: updated in place
      gke.nodePools[0].machineType = 'c4-standard-8'; // and its disk_type, pd-balanced to hyperdisk-balanced, with it
      gke.nodePools[1].diskSizeGb = 200;
      gke.network.nodeCidr = '10.20.0.0/19'; // contains 10.20.0.0/20: IsShrinkageIpCidr is false
      gke.deletionProtection = false;
      gke.apiAccess.publicCidrs = ['192.0.2.0/28', '198.51.100.0/28'];
      const aks = clusterOf(f, 'azure-prod').nodePools[1];
      aks.machineType = 'Standard_D16s_v5'; // rotated through temporary_name_for_rotation
      aks.diskSizeGb = 200;
      aks.maxSize = 40;
    }, ['aws-prod', 'gcp-prod', 'azure-prod']);
    expect(problems).toEqual([]);
  });

  test('nothing when the previous synth had no such stack or the stacks are the same', () => {
    expect(replacements(resolveFleet(fullFleet()), [{ stack: 'aws-prod', before: BEFORE.get('aws-prod')!, after: BEFORE.get('aws-prod')! }])).toEqual([]);
  });

  test('nothing when an argocd-oidc stack takes the region of another first EKS cluster of its account: its IAM OIDC provider has no region', () => {
    // Management on GKE: the account of t-aws (eu-west-1) gets the stack; an EKS cluster added before it, in us-east-1, moves the stack's region.
    const stack = 'argocd-oidc-100000000002';
    const render = (f: LooseFleet) => {
      const fleet = resolveFleet(f);
      return { fleet, tf: JSON.stringify(renderWithAddons(f, fakeOutputs(fleet)).stacks[stack]) };
    };
    const before = render(testFleet('gcp'));
    const edit = testFleet('gcp');
    edit.clusters.push({ ...testCluster('a-aws', 'aws', 5), region: 'us-east-1', accountId: '100000000002' });
    const after = render(edit);
    expect([before.tf, after.tf].map((tf) => JSON.parse(tf).provider.aws[0].region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(replacements(after.fleet, [{ stack, before: before.tf, after: after.tf }])).toEqual([]);
    // Its account is still its place.
    const otherAccount = JSON.stringify({ ...JSON.parse(after.tf), provider: { aws: [{ ...JSON.parse(after.tf).provider.aws[0], allowed_account_ids: ['100000000009'] }] } });
    expect(replacements(after.fleet, [{ stack, before: before.tf, after: otherAccount }]).map((p) => p.message)).toEqual([expect.stringMatching(/^the aws provider of stack argocd-oidc-100000000002 moves \(allowed_account_ids /)]);
  });
});

describe('replacements: EKS', () => {
  test('fails when a pool moves to Graviton, at its machineType, once per zone\'s group for both instance_types and ami_type, with the way out', () => {
    const problems = edited((f) => { clusterOf(f, 'aws-prod').nodePools[0].machineType = 'm7g.large'; }, ['aws-prod']);
    // One node group per zone (us-west-2a, b, c): pool-system, pool-system_b, pool-system_c.
    expect(problems.map((p) => p.message.split(' of stack')[0].replace(/_[0-9A-F]{8}$/, ''))).toEqual(['a', 'b', 'c'].map((z) => `aws replaces the EKS node group aws_eks_node_group.eks_pool-system${z === 'a' ? '' : `_${z}`}`));
    for (const p of problems) {
      expect(p).toEqual({
        path: 'clusters[aws-prod].nodePools[system].machineType',
        message: expect.stringMatching(/^aws replaces the EKS node group aws_eks_node_group\.eks_pool-system(_[bc])?_\w+ of stack aws-prod when instance_types \(\["m7i\.large"\] → \["m7g\.large"\]\), ami_type \("AL2023_x86_64_STANDARD" → "AL2023_ARM_64_STANDARD"\) change: a new group is created first, then EKS drains/),
        allowed: expect.stringContaining('add a pool with the new setting under another name, let the workloads move onto it, then remove the old pool; to replace it in place after all, synth with --allow-replace aws-prod (README, "Edits that replace infrastructure")'),
      });
    }
  });

  test('fails once for a node group named before fleetsynth generated the names, saying it is fleetsynth\'s change and how to let it happen', () => {
    const stack = JSON.parse(BEFORE.get('aws-prod')!);
    for (const group of Object.values(stack.resource.aws_eks_node_group) as any[]) {
      group.node_group_name = group.node_group_name_prefix.replace(/-$/, '');
      delete group.node_group_name_prefix;
    }
    const problems = replacements(resolveFleet(fullFleet()), [{ stack: 'aws-prod', before: JSON.stringify(stack), after: BEFORE.get('aws-prod')! }]);
    expect(pathsOf(problems)).toEqual(['clusters[aws-prod].nodePools[spot].name', 'clusters[aws-prod].nodePools[system].name']);
    expect(problems[0].message).toContain('(fleetsynth itself made this change: it now names node groups `<pool>-<generated id>`');
    expect(problems[0].allowed).toBe('nothing in the fleet brings the old name back: let this one replacement happen (new group first) with --allow-replace aws-prod, at a time its pods may move');
  });

  test('an ami_type set where a group was written without one is fleetsynth\'s change, at the pool, not a machineType edit; with the generated names, one problem', () => {
    // GIVEN aws-prod as a fleetsynth before ami_type wrote it (EKS chose the type; the provider keeps it in the state)
    const withoutAmiType = JSON.parse(BEFORE.get('aws-prod')!);
    for (const group of Object.values(withoutAmiType.resource.aws_eks_node_group) as any[]) delete group.ami_type;
    const fleet = resolveFleet(fullFleet());
    const problems = replacements(fleet, [{ stack: 'aws-prod', before: JSON.stringify(withoutAmiType), after: BEFORE.get('aws-prod')! }]);
    expect(pathsOf(problems)).toEqual(['clusters[aws-prod].nodePools[spot]', 'clusters[aws-prod].nodePools[system]']);
    expect(problems[0].message).toMatch(/ when ami_type \(nothing → "AL2023_x86_64_STANDARD"\) changes: .*\(fleetsynth itself made this change: it now sets each node group's ami_type from its instance family, .*Terraform replaces the group only if EKS chose another type/);
    expect(problems[0].allowed).toBe('nothing in the fleet leaves ami_type unset: synth with --allow-replace aws-prod and read the plan; where it replaces the group, apply at a time its pods may move (README, "Upgrading fleetsynth over a fleet that is running")');
    // AND from before the generated names too: one problem per group, at the name, the replacement being certain
    for (const group of Object.values(withoutAmiType.resource.aws_eks_node_group) as any[]) {
      group.node_group_name = group.node_group_name_prefix.replace(/-$/, '');
      delete group.node_group_name_prefix;
    }
    const older = replacements(fleet, [{ stack: 'aws-prod', before: JSON.stringify(withoutAmiType), after: BEFORE.get('aws-prod')! }]);
    expect(pathsOf(older)).toEqual(['clusters[aws-prod].nodePools[spot].name', 'clusters[aws-prod].nodePools[system].name']);
    expect(older.filter((p) => p.path.endsWith('[spot].name'))).toHaveLength(new Set(Object.keys(withoutAmiType.resource.aws_eks_node_group).filter((k) => k.includes('spot'))).size);
    expect(older[0].message).toMatch(/ami_type \(nothing → "AL2023_x86_64_STANDARD"\) change: .*\(fleetsynth itself made this change: it now names node groups/);
  });

  test('fails once per pool, at the pool, when an existing pool\'s one group across the zones becomes one group per zone, saying it is fleetsynth\'s change and what happens', () => {
    // GIVEN aws-prod as fleetsynth wrote it before groups were per zone: one group per pool at pool-<pool>, every private subnet, the pool's bounds
    const now = JSON.parse(BEFORE.get('aws-prod')!);
    const old = JSON.parse(BEFORE.get('aws-prod')!);
    const groups = old.resource.aws_eks_node_group as Record<string, any>;
    const subnets = Object.values(groups).flatMap((g: any) => g.subnet_ids);
    for (const [name, g] of Object.entries(groups)) {
      if (/_[a-z]$/.test(g['//'].metadata.path)) { delete groups[name]; continue; }
      const pool = g.labels['fleetsynth.io/node-pool'];
      const bounds = pool === 'system' ? [2, 4] : [0, 20];
      Object.assign(g, { node_group_name_prefix: `${pool}-`, subnet_ids: [...new Set(subnets)].sort(), scaling_config: { min_size: bounds[0], max_size: bounds[1], desired_size: bounds[0] } });
      g.depends_on = g.depends_on.filter((d: string) => !d.startsWith('aws_eks_node_group.'));
    }
    expect(Object.keys(groups)).toHaveLength(2);
    // WHEN this fleetsynth writes the stack again
    const problems = replacements(resolveFleet(fullFleet()), [{ stack: 'aws-prod', before: JSON.stringify(old), after: JSON.stringify(now) }]);
    // THEN the first zone's group (same address) is a replacement, reported once per pool at the pool; the new zones' groups are creations
    expect(pathsOf(problems)).toEqual(['clusters[aws-prod].nodePools[spot]', 'clusters[aws-prod].nodePools[system]']);
    expect(problems).toHaveLength(2);
    expect(problems[1].message).toMatch(/^aws replaces the EKS node group aws_eks_node_group\.eks_pool-system_\w+ of stack aws-prod when node_group_name_prefix \("system-" → "system-a-"\), subnet_ids \(without .+\) change: a new group is created first, then EKS drains and terminates every node of the old group at once/);
    expect(problems[1].message).toContain('(fleetsynth itself made this change: a pool is now one node group per zone');
    expect(problems[1].message).toContain('the old group is drained and deleted only once all of them exist');
    expect(problems[1].allowed).toBe('nothing in the fleet keeps one group across the zones: let this one replacement happen with --allow-replace aws-prod, at a time the pool\'s pods may move (README, "Node groups per zone": raise the pool\'s minSize for that apply to keep its capacity)');
    // AND --allow-replace aws-prod lets it through
    expect(replacements(resolveFleet(fullFleet()), [{ stack: 'aws-prod', before: JSON.stringify(old), after: JSON.stringify(now) }], ['aws-prod'])).toEqual([]);
  });

  test('a zone added to a cluster whose groups are per zone: the existing groups keep their subnets, the new zone gets new groups (the subnets report the range move)', () => {
    const problems = edited((f) => { clusterOf(f, 'aws-prod').zones = ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d']; }, ['aws-prod']);
    expect(problems.filter((p) => p.message.includes('EKS node group'))).toEqual([]);
  });

  test('fails when a pool\'s spot changes, at that field; its disk size, changed with it, is its launch template\'s (a new version, in place)', () => {
    const problems = edited((f) => {
      const spot = clusterOf(f, 'aws-prod').nodePools[1];
      spot.spot = false;
      spot.diskSizeGb = 200;
    }, ['aws-prod']);
    expect(pathsOf(problems)).toEqual(['clusters[aws-prod].nodePools[spot].spot']);
    expect(problems).toHaveLength(3);
    expect(problems[0].message).toContain('capacity_type ("SPOT" → "ON_DEMAND") changes');
  });

  /** aws-prod as a fleetsynth before launch templates wrote it: no template, the disk size on each group. */
  const withoutLaunchTemplates = () => {
    const stack = JSON.parse(BEFORE.get('aws-prod')!);
    delete stack.resource.aws_launch_template;
    for (const group of Object.values(stack.resource.aws_eks_node_group) as any[]) {
      delete group.launch_template;
      group.disk_size = 100;
    }
    return stack;
  };

  test('a launch template given to a group written without one is fleetsynth\'s change, at the pool, once per group: EKS gives none to an existing group', () => {
    const problems = replacements(resolveFleet(fullFleet()), [{ stack: 'aws-prod', before: JSON.stringify(withoutLaunchTemplates()), after: BEFORE.get('aws-prod')! }]);
    expect(pathsOf(problems)).toEqual(['clusters[aws-prod].nodePools[spot]', 'clusters[aws-prod].nodePools[system]']);
    expect(problems).toHaveLength(2 * 3);
    // The dropped disk_size is no change (Optional and Computed: the state keeps it); launch_template.id (ForceNew) is.
    expect(problems[0].message).toMatch(/^aws replaces the EKS node group aws_eks_node_group\.\S+ of stack aws-prod when launch_template\.id \(nothing → "\$\{aws_launch_template\.\S+\.id\}"\) changes: a new group is created first/);
    expect(problems[0].message).toContain('(fleetsynth itself made this change: each pool\'s node groups now launch from a launch template, which encrypts their root volumes');
    expect(problems[0].allowed).toBe('nothing in the fleet keeps a group without a launch template: let this one replacement happen (new group first) with --allow-replace aws-prod, at a time the pool\'s pods may move (README, "Upgrading fleetsynth over a fleet that is running": raise the pool\'s minSize for that apply to keep its capacity)');
    expect(replacements(resolveFleet(fullFleet()), [{ stack: 'aws-prod', before: JSON.stringify(withoutLaunchTemplates()), after: BEFORE.get('aws-prod')! }], ['aws-prod'])).toEqual([]);
    // AND from before the generated names too: one problem per group, at the name it is replaced for anyway
    const older = withoutLaunchTemplates();
    for (const group of Object.values(older.resource.aws_eks_node_group) as any[]) {
      group.node_group_name = group.node_group_name_prefix.replace(/-$/, '');
      delete group.node_group_name_prefix;
    }
    const once = replacements(resolveFleet(fullFleet()), [{ stack: 'aws-prod', before: JSON.stringify(older), after: BEFORE.get('aws-prod')! }]);
    expect(pathsOf(once)).toEqual(['clusters[aws-prod].nodePools[spot].name', 'clusters[aws-prod].nodePools[system].name']);
    expect(once).toHaveLength(2 * 3);
    expect(once[0].message).toMatch(/ when node_group_name \(.+\), node_group_name_prefix \(.+\), launch_template\.id \(.+\) change: /);
  });

  test('a group from before both launch templates and ami_type: one problem, the launch template\'s (a certain replacement, where ami_type\'s is a possible one)', () => {
    const stack = withoutLaunchTemplates();
    for (const group of Object.values(stack.resource.aws_eks_node_group) as any[]) delete group.ami_type;
    const problems = replacements(resolveFleet(fullFleet()), [{ stack: 'aws-prod', before: JSON.stringify(stack), after: BEFORE.get('aws-prod')! }]);
    expect(problems).toHaveLength(2 * 3);
    expect(pathsOf(problems)).toEqual(['clusters[aws-prod].nodePools[spot]', 'clusters[aws-prod].nodePools[system]']);
    expect(problems[0].message).toMatch(/ when launch_template\.id \(.+\), ami_type \(nothing → "AL2023_x86_64_STANDARD"\) change: .*\(fleetsynth itself made this change: each pool's node groups now launch from a launch template/);
  });

  test('fails when the service range changes: the EKS cluster is replaced', () => {
    const problems = edited((f) => { clusterOf(f, 'aws-prod').network.serviceCidr = '172.25.0.0/16'; }, ['aws-prod']);
    expect(pathsOf(problems)).toEqual(['clusters[aws-prod].network.serviceCidr']);
    expect(problems[0].message).toContain('replaces the EKS cluster');
  });

  test('fails when the node or pod range changes, at those fields (the VPC, its pod range and every subnet)', () => {
    expect(pathsOf(edited((f) => { clusterOf(f, 'aws-prod').network.nodeCidr = '10.11.0.0/16'; }, ['aws-prod']))).toEqual(['clusters[aws-prod].network.nodeCidr']);
    expect(pathsOf(edited((f) => { clusterOf(f, 'aws-prod').network.podCidr = '100.66.0.0/16'; }, ['aws-prod']))).toEqual(['clusters[aws-prod].network.podCidr']);
  });

  test('nothing when a zone is added after the others: its subnets and each pool\'s group there are new, the other zones\' groups keep their subnets', () => {
    expect(edited((f) => { clusterOf(f, 'aws-prod').zones = ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d']; }, ['aws-prod'])).toEqual([]);
  });

  test('fails when a zone is added before another: that zone\'s subnets move to another range, all at zones', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').zones = ['us-west-2a', 'us-west-2c'];
    const before = stackOf(f, 'aws-prod');
    clusterOf(f, 'aws-prod').zones = ['us-west-2a', 'us-west-2b', 'us-west-2c'];
    const problems = replacements(resolveFleet(f), [{ stack: 'aws-prod', before, after: stackOf(f, 'aws-prod') }]);
    expect(pathsOf(problems)).toEqual(['clusters[aws-prod].zones']);
    expect(problems.some((p) => p.message.startsWith('aws replaces the subnet'))).toBe(true);
  });

  test('fails when a zone is removed: its subnets and each pool\'s group there are destroyed, all at zones', () => {
    const problems = edited((f) => { clusterOf(f, 'aws-prod').zones = ['us-west-2a', 'us-west-2b']; }, ['aws-prod']);
    expect(pathsOf(problems)).toEqual(['clusters[aws-prod].zones']);
    expect(problems.filter((p) => p.message.includes('is no longer generated: terraform destroys it')).map((p) => p.message.split(' ')[p.message.startsWith('the EKS') ? 4 : 2].replace(/_[0-9A-F]{8}$/, ''))).toEqual([
      'aws_eks_node_group.eks_pool-spot_c',
      'aws_eks_node_group.eks_pool-system_c',
      'aws_subnet.network_pods-us-west-2c',
      'aws_subnet.network_private-us-west-2c',
      'aws_subnet.network_public-us-west-2c',
    ]);
    // Only a zone added after the cluster was created can go: the control plane keeps ENIs in the private subnets of the others.
    const subnet = problems.find((p) => p.message.includes('aws_subnet.network_private-us-west-2c'))!;
    expect(subnet.message).toMatch(/the control plane always has them in the private subnet of each zone it was created in .*so only a zone added after the cluster was created can be removed$/);
    expect(subnet.allowed).toBe('keep it in the fleet; or only for a zone added after the cluster was created, once no load balancer holds its subnets (README, "Changing node pools"); a zone the cluster was created in stays (create a cluster without it beside this one, move the workloads over, and decommission this one: README, "Decommissioning a cluster"); for an added zone, synth with --allow-replace aws-prod (README, "Edits that replace infrastructure")');
  });

  test('fails when a pool is removed, at the pool, naming what destroying it does', () => {
    const problems = edited((f) => { clusterOf(f, 'aws-prod').nodePools.pop(); }, ['aws-prod']);
    // Its group in each zone.
    expect(problems).toEqual([0, 1, 2].map(() => expect.objectContaining({
      path: 'clusters[aws-prod].nodePools[spot]',
      message: expect.stringMatching(/^the EKS node group aws_eks_node_group\.eks_pool-spot(_[bc])?_[0-9A-F]{8} of stack aws-prod is no longer generated: terraform destroys it: its nodes are drained/),
      allowed: 'keep it in the fleet; or once what runs on it has moved elsewhere, synth with --allow-replace aws-prod (README, "Edits that replace infrastructure")',
    })));
  });

  test('fails when the region changes: the aws provider looks for the stack\'s resources in the new region (and every subnet changes zone)', () => {
    const problems = edited((f) => { clusterOf(f, 'aws-prod').region = 'us-east-1'; }, ['aws-prod']);
    expect(pathsOf(problems)).toEqual(['clusters[aws-prod].region', 'clusters[aws-prod].zones']);
    expect(problems[0].message).toBe('the aws provider of stack aws-prod moves (region "us-west-2" → "us-east-1"): terraform finds none of the stack\'s resources there, creates them all again, and the old ones keep running with no state');
  });

  test('fails when an accountId changes, at that cluster only: an interconnect pair stack gives its account to every AWS alias, mgmt\'s (no accountId) too', () => {
    const stacksOf = (f: LooseFleet) => renderWithAddons(f, fakeOutputsWithAddons(fullFleet()), fakeStackOutputsWithAddons(fullFleet())).stacks;
    const moved = fullFleet();
    clusterOf(moved, 'aws-prod').accountId = '444455556666';
    const [before, after] = [stacksOf(fullFleet()), stacksOf(moved)];
    const changes = ['aws-prod', 'interconnect-aws-azure', 'interconnect-aws-gcp'].map((stack) => ({ stack, before: JSON.stringify(before[stack]), after: JSON.stringify(after[stack]) }));
    // The pair stacks' mgmt alias moves with aws-prod's account (lib/addons/interconnect/index.ts awsAccountId), as its own does.
    expect(after['interconnect-aws-gcp'].provider.aws.map((p: any) => [p.alias, p.allowed_account_ids])).toEqual([['aws-prod', ['444455556666']], ['mgmt', ['444455556666']]]);
    const problems = replacements(resolveFleet(moved), changes);
    expect(problems.map((p) => [p.path, p.message.replace(/ \(.*/, '')])).toEqual([
      ['clusters[aws-prod].accountId', 'the aws provider of stack aws-prod moves'],
      ['clusters[aws-prod].accountId', 'the aws provider of stack interconnect-aws-azure moves'],
      ['clusters[aws-prod].accountId', 'the aws provider of stack interconnect-aws-gcp moves'],
    ]);
  });

  test('fails when an interconnect member\'s ASN changes: its virtual private gateway is replaced', () => {
    expect(pathsOf(edited((f) => { f.platform.interconnect.clusters['aws-prod'].asn = 64699; }, ['aws-prod']))).toEqual(['platform.interconnect.clusters[aws-prod].asn']);
  });
});

describe('replacements: GKE', () => {
  test('fails when the control-plane range or the project changes: the cluster (its pools deleted first), and the provider moves', () => {
    expect(pathsOf(edited((f) => { clusterOf(f, 'gcp-prod').network.controlPlaneCidr = '172.16.0.16/28'; }, ['gcp-prod']))).toEqual(['clusters[gcp-prod].network.controlPlaneCidr']);
    const moved = edited((f) => { clusterOf(f, 'gcp-prod').project = 'acme-platform-other'; }, ['gcp-prod']);
    expect(pathsOf(moved)).toEqual(['clusters[gcp-prod].project']);
    // The provider's project moves the whole stack; the cluster and its pools name their project themselves.
    expect(moved.map((p) => p.message.split(' ').slice(0, 6).join(' '))).toEqual([
      'the google provider of stack gcp-prod',
      'google replaces the GKE cluster google_container_cluster.gke_cluster_C5D95197',
      'google replaces the GKE node pool',
      'google replaces the GKE node pool',
    ]);
  });

  test('fails when the node range shrinks or moves (a range that does not contain the old one)', () => {
    const problems = edited((f) => { clusterOf(f, 'gcp-prod').network.nodeCidr = '10.21.0.0/20'; }, ['gcp-prod']);
    expect(pathsOf(problems)).toEqual(['clusters[gcp-prod].network.nodeCidr']);
    expect(problems[0].message).toContain('google replaces the subnetwork');
  });

  test('fails when a pool\'s spot changes (node_config.spot is ForceNew; its machine type is not)', () => {
    expect(pathsOf(edited((f) => { clusterOf(f, 'gcp-prod').nodePools[1].spot = false; }, ['gcp-prod']))).toEqual(['clusters[gcp-prod].nodePools[spot].spot']);
  });
});

describe('replacements: AKS', () => {
  // Validation now requires a pool named `system` (the system pool), so this is a stack an older
  // fleetsynth wrote with another system pool, synthesized again.
  test('fails when the system pool changes (a stack whose system pool had another name): the whole cluster, at its systemPool', () => {
    const stack = JSON.parse(BEFORE.get('azure-prod')!);
    for (const cluster of Object.values(stack.resource.azurerm_kubernetes_cluster) as any[]) cluster.default_node_pool.name = 'core';
    const renamed = replacements(resolveFleet(fullFleet()), [{ stack: 'azure-prod', before: JSON.stringify(stack), after: BEFORE.get('azure-prod')! }]);
    expect(renamed).toEqual([expect.objectContaining({
      path: 'clusters[azure-prod].systemPool',
      message: expect.stringMatching(/^azurerm replaces the AKS cluster azurerm_kubernetes_cluster\.aks_cluster_\w+ of stack azure-prod when default_node_pool\.name \("core" → "system"\) changes: it is deleted with every workload on it/),
      allowed: expect.stringMatching(/^"core" as before; or create a cluster with the new setting beside it/),
    })]);
  });

  test('fails when the pod or service range changes (pod_cidr, service_cidr and dns_service_ip are ForceNew)', () => {
    expect(pathsOf(edited((f) => { clusterOf(f, 'azure-prod').network.podCidr = '10.40.0.0/14'; }, ['azure-prod']))).toEqual(['clusters[azure-prod].network.podCidr']);
    const service = edited((f) => { clusterOf(f, 'azure-prod').network.serviceCidr = '172.24.0.0/20'; }, ['azure-prod']);
    expect(pathsOf(service)).toEqual(['clusters[azure-prod].network.serviceCidr']);
    expect(service[0].message).toContain('network_profile.service_cidr ("172.23.0.0/20" → "172.24.0.0/20"), network_profile.dns_service_ip ("172.23.0.10" → "172.24.0.10") change');
  });

  test('fails when a user pool\'s spot changes (priority, eviction_policy, spot_max_price), once', () => {
    const problems = edited((f) => { clusterOf(f, 'azure-prod').nodePools[1].spot = false; }, ['azure-prod']);
    expect(pathsOf(problems)).toEqual(['clusters[azure-prod].nodePools[spot].spot']);
    expect(problems).toHaveLength(1);
  });

  test('fails when the zones go down to one: the public IPs (egress, VPN gateway) go from zone-redundant to zonal, replaced; the pools rotate', () => {
    const problems = edited((f) => { clusterOf(f, 'azure-prod').zones = ['1']; }, ['azure-prod']);
    expect(pathsOf(problems)).toEqual(['clusters[azure-prod].zones']);
    expect(problems.every((p) => p.message.startsWith('azurerm replaces the public IP'))).toBe(true);
  });

  test('the VPN gateway is replaced when its number of ip_configuration blocks changes, not when an item\'s attributes do (ForceNew on the block covers its count only: plugin SDK diffList)', () => {
    const withConfigs = (edit: (configs: any[]) => any[]) => {
      const stack = JSON.parse(BEFORE.get('azure-prod')!);
      for (const gateway of Object.values(stack.resource.azurerm_virtual_network_gateway) as any[]) gateway.ip_configuration = edit(gateway.ip_configuration);
      return JSON.stringify(stack);
    };
    const compare = (after: string) => replacements(resolveFleet(fullFleet()), [{ stack: 'azure-prod', before: BEFORE.get('azure-prod')!, after }]);
    // Another public IP for an instance, the same two instances: the provider updates the gateway in place.
    expect(compare(withConfigs((c) => [c[0], { ...c[1], public_ip_address_id: c[0].public_ip_address_id }]))).toEqual([]);
    expect(compare(withConfigs((c) => [c[0]]))).toEqual([expect.objectContaining({ message: expect.stringMatching(/^azurerm replaces the VPN gateway azurerm_virtual_network_gateway\.\S+ of stack azure-prod when ip_configuration \(/) })]);
  });

  test('three zones to two: nothing is replaced, as the public IPs stay zone-redundant in every zone (azure-public-ip-zones.ts) and the pools rotate in place', () => {
    expect(edited((f) => { clusterOf(f, 'azure-prod').zones = ['1', '2']; }, ['azure-prod'])).toEqual([]);
  });

  test('fails when the subscriptionId changes: azurerm keeps the stack\'s resources where their ids say, and creates new ones in the new subscription, where the resource group is not', () => {
    const inSubscription = (id: string | undefined) => {
      const f = fullFleet();
      if (id !== undefined) clusterOf(f, 'azure-prod').subscriptionId = id;
      return f;
    };
    const [A, B] = ['0b1f6471-1bf0-4dda-aec3-111122223333', '0b1f6471-1bf0-4dda-aec3-444455556666'];
    const compare = (from: string | undefined, to: string | undefined, allowed: readonly string[] = []) =>
      replacements(resolveFleet(inSubscription(to)), [{ stack: 'azure-prod', before: stackOf(inSubscription(from), 'azure-prod'), after: stackOf(inSubscription(to), 'azure-prod') }], allowed);
    const stays = 'the stack\'s resources stay in the old subscription (azurerm finds each by the id in the state), but every resource it creates from then on by its resource group\'s name (an ingress or VPN address, a local network gateway or connection of the interconnect, anything replaced) goes to the new one, where that group does not exist, and fails';
    expect(compare(A, B)).toEqual([{
      path: 'clusters[azure-prod].subscriptionId',
      message: `the azurerm provider of stack azure-prod moves (subscription_id "${A}" → "${B}"): ${stays}`,
      allowed: expect.stringMatching(new RegExp(`^"${A}" as before; or create a cluster there beside the old one`)),
    }]);
    // Given or dropped: the same subscription as the pipeline's ARM_SUBSCRIPTION_ID, which cannot be told offline.
    expect(compare(undefined, A)).toEqual([{
      path: 'clusters[azure-prod].subscriptionId',
      message: `the azurerm provider of stack azure-prod gets subscription_id "${A}", where it had the pipeline's ARM_SUBSCRIPTION_ID: unless that is "${A}", it moves, and ${stays}`,
      allowed: `subscriptionId left out as before; when the pipeline's ARM_SUBSCRIPTION_ID is "${A}" (the stack was applied there), nothing moves: synth with --allow-replace azure-prod (README, "Edits that replace infrastructure"); else create a cluster there beside the old one, move the workloads over, and decommission the old one (README, "Decommissioning a cluster")`,
    }]);
    expect(compare(A, undefined).map((p) => p.message)).toEqual([`the azurerm provider of stack azure-prod drops subscription_id "${A}" for the pipeline's ARM_SUBSCRIPTION_ID: unless that is "${A}", it moves, and ${stays}`]);
    expect(compare(undefined, A, ['azure-prod'])).toEqual([]);
    expect(compare(A, A)).toEqual([]);
  });
});

describe('replacements: state backends, allowed stacks', () => {
  test('fails when a stack\'s backend changes, at the fleet\'s stateBackend or the cluster\'s own, naming the settings that change', () => {
    const fleetWide = edited((f) => { f.stateBackend.keyPrefix = 'other/'; }, ['aws-prod']);
    expect(fleetWide).toEqual([{
      path: 'stateBackend',
      message: expect.stringContaining('the state backend of stack aws-prod changes (s3: key "fleetsynth/aws-prod.tfstate" → "other/aws-prod.tfstate"): the pipeline\'s terraform init'),
      allowed: expect.stringContaining('terraform init -migrate-state -force-copy'),
    }]);
    // A newcomer sets a remote backend after the scaffold's first synth wrote `local`, before any apply.
    expect(fleetWide[0].allowed).toMatch(/; a stack never applied has no state to move: --allow-replace aws-prod alone$/);
    // -force-copy overwrites a state found at the new location (terraform v1.11.4 meta_backend_migrate.go).
    // On s3 nothing there is an error, not silence: StateMgr creates no default-workspace state and state list
    // fails with errStateNotFound (terraform v1.11.4 s3/backend_state.go, command/state_list.go).
    expect(fleetWide[0].allowed).toContain('once terraform state list on the new one lists no resource (on s3: "No state file was found!"), terraform init -migrate-state -force-copy');
    const own = edited((f) => { clusterOf(f, 'gcp-prod').stateBackend = { type: 'gcs', bucket: 'acme-state', prefix: 'fleet' }; }, ['gcp-prod']);
    expect(pathsOf(own)).toEqual(['clusters[gcp-prod].stateBackend']);
    expect(own[0].message).toContain('(s3 → gcs)');
  });

  test('passes a backend edit that keeps the state where it is: the DynamoDB lock table added or dropped (the migration to use_lockfile: the check is symmetric), another region', () => {
    expect(edited((f) => { f.stateBackend.dynamodbTable = 'locks'; }, ['aws-prod'])).toEqual([]);
    expect(edited((f) => { clusterOf(f, 'aws-prod').stateBackend = { ...f.stateBackend, region: 'eu-west-1' }; }, ['aws-prod'])).toEqual([]);
    // The same bucket with another prefix is a move.
    expect(pathsOf(edited((f) => { clusterOf(f, 'aws-prod').stateBackend = { ...f.stateBackend, keyPrefix: 'clusters/' }; }, ['aws-prod']))).toEqual(['clusters[aws-prod].stateBackend']);
  });

  test('an allowed stack passes; the others are still checked', () => {
    const edit = (f: LooseFleet) => {
      clusterOf(f, 'aws-prod').network.serviceCidr = '172.25.0.0/16';
      clusterOf(f, 'azure-prod').network.serviceCidr = '172.24.0.0/20';
    };
    expect(pathsOf(edited(edit, ['aws-prod', 'azure-prod'], ['aws-prod']))).toEqual(['clusters[azure-prod].network.serviceCidr']);
    expect(edited(edit, ['aws-prod', 'azure-prod'], ['aws-prod', 'azure-prod'])).toEqual([]);
  });
});

describe('replacements: fleet-wide stacks', () => {
  const render = (f: LooseFleet) => renderWithAddons(f, fakeOutputsWithAddons(f), fakeStackOutputsWithAddons(f)).stacks;
  const base = render(fullFleet());
  const changes = (after: Record<string, unknown>) =>
    Object.keys(base).filter((s) => s in after && JSON.stringify(base[s]) !== JSON.stringify(after[s])).map((stack) => ({ stack, before: JSON.stringify(base[stack]), after: JSON.stringify(after[stack]) }));

  test('fails when the meshID or the fleet name changes: the vault stack\'s mesh root CA is replaced', () => {
    const f = fullFleet();
    f.mesh.meshID = 'other-mesh';
    f.name = 'acme-two';
    const problems = replacements(resolveFleet(f), changes(render(f)));
    expect(pathsOf(problems)).toEqual(['mesh.meshID', 'name']);
    expect(problems[0].message).toMatch(/^vault replaces the mesh root CA vault_pki_secret_backend_root_cert\.\S+ of stack vault when common_name \("acme-mesh root CA" → "other-mesh root CA"\) changes: a new trust anchor for the whole mesh/);
  });

  test('fails when the PKI mount moves: the mount is remounted in place, but the root CA and intermediates that name it (backend, ForceNew) are made anew', () => {
    const f = fullFleet();
    f.platform.secrets.vault.pkiMount = 'pki-istio';
    const problems = replacements(resolveFleet(f), changes(render(f)));
    expect(pathsOf(problems)).toEqual(['platform.secrets.vault.pkiMount']);
    expect(problems[0].message).toMatch(/^vault replaces the mesh root CA vault_pki_secret_backend_root_cert\.\S+ of stack vault when backend \("pki-mesh" → "pki-istio"\) changes: a new trust anchor/);
    expect(problems[0].allowed).toMatch(/^"pki-mesh" as before; or .*--allow-replace vault/);
  });

  test('fails when the Vault namespace is set, changed or dropped: terraform looks for the vault stack\'s resources in the new namespace; a new address is no move', () => {
    const withNamespace = (ns: string | undefined, address?: string) => {
      const f = fullFleet();
      if (ns === undefined) delete f.platform.secrets.vault.namespace;
      else f.platform.secrets.vault.namespace = ns;
      if (address) f.platform.secrets.vault.address = address;
      return f;
    };
    const vaultStack = (f: LooseFleet) => JSON.stringify(render(f).vault);
    const compare = (before: LooseFleet, after: LooseFleet) => replacements(resolveFleet(after), [{ stack: 'vault', before: vaultStack(before), after: vaultStack(after) }]);
    for (const [from, to] of [[undefined, 'admin'], ['admin', 'platform'], ['admin', undefined]] as const) {
      const problems = compare(withNamespace(from), withNamespace(to));
      expect([from, to, pathsOf(problems)]).toEqual([from, to, ['platform.secrets.vault.namespace']]);
      expect(problems[0].message).toContain('the vault provider of stack vault moves (namespace ');
      expect(problems[0].allowed).toContain('--allow-replace vault');
    }
    expect(compare(withNamespace('admin'), withNamespace('admin', 'https://vault.new.example.com'))).toEqual([]);
  });

  test('global DNS turned off with an AKS member: its ingress address, which no resource of its stack uses, is released as the other clouds\' are, with --allow-replace global-dns alone', () => {
    const withAksMember = () => {
      const f = fullFleet();
      f.platform.globalDns.endpoints[0].members = [{ cluster: 'gcp-prod', role: 'primary' }, { cluster: 'azure-prod', role: 'secondary' }];
      return f;
    };
    const before = render(withAksMember());
    const off = withAksMember();
    delete off.platform.globalDns;
    const after = render(off);
    const stacks = ['azure-prod', 'gcp-prod'];
    expect(stacks.map((s) => Object.keys(before[s].resource).filter((t) => t.endsWith('_address') || t.endsWith('_public_ip')).map((t) => Object.keys(before[s].resource[t]).length - Object.keys(after[s].resource[t] ?? {}).length))).toEqual([[1], [1]]);
    expect(replacements(resolveFleet(off), stacks.map((stack) => ({ stack, before: JSON.stringify(before[stack]), after: JSON.stringify(after[stack]) })), ['global-dns'])).toEqual([]);
  });

  test('a public IP a resource of the stack uses is still refused when it goes (the egress address, a VPN gateway\'s)', () => {
    const stack = (ips: string[], users: Record<string, unknown>) => JSON.stringify({ resource: { azurerm_public_ip: Object.fromEntries(ips.map((n) => [n, { name: n, sku: 'Standard' }])), ...users } });
    const cluster = { azurerm_kubernetes_cluster: { c: { name: 'azure-prod', network_profile: { load_balancer_profile: { outbound_ip_address_ids: ['${azurerm_public_ip.egress.id}'] } } } } };
    const problems = replacements(resolveFleet(fullFleet()), [{ stack: 'azure-prod', before: stack(['egress', 'spare'], cluster), after: stack([], cluster) }]);
    expect(problems.map((p) => p.message.split(' of stack')[0])).toEqual(['the public IP azurerm_public_ip.egress']);
  });

  test('fails when an AKS cluster\'s subscriptionId is given, in every stack with an azurerm provider for it: the interconnect stacks\' too, at the cluster\'s field', () => {
    const f = fullFleet();
    clusterOf(f, 'azure-prod').subscriptionId = '0b1f6471-1bf0-4dda-aec3-111122223333';
    const problems = replacements(resolveFleet(f), changes(render(f)));
    expect(problems.map((p) => [p.path, p.message.split(' gets ')[0]]).sort()).toEqual(['azure-prod', 'interconnect-aws-azure', 'interconnect-azure-gcp'].map((stack) => ['clusters[azure-prod].subscriptionId', `the azurerm provider of stack ${stack}`]));
  });

  test('fails when a pair\'s tunnel range moves: its tunnels\' inside ranges replace the VPN connections and the Cloud Router interfaces, at platform.interconnect.tunnelRanges.<pair>', () => {
    const f = fullFleet();
    f.platform.interconnect.tunnelRanges = { 'aws-gcp': '169.254.65.0/24', 'aws-azure': '169.254.21.128/25' };
    const problems = replacements(resolveFleet(f), changes(render(f)));
    expect(pathsOf(problems)).toEqual(['platform.interconnect.tunnelRanges.aws-azure', 'platform.interconnect.tunnelRanges.aws-gcp']);
    expect(problems.some((p) => /^aws replaces the VPN connection aws_vpn_connection\.\S+ of stack interconnect-aws-gcp when tunnel1_inside_cidr \("169\.254\.64\.\d+\/30" → "169\.254\.65\.\d+\/30"\)/.test(p.message))).toBe(true);
    expect(problems.some((p) => /^google replaces the Cloud Router interface google_compute_router_interface\.\S+ of stack interconnect-aws-gcp when ip_range/.test(p.message))).toBe(true);
  });

  test('fails when an interconnect member is removed: its links are destroyed and the links after it in the pair move to other tunnel ranges', () => {
    const f = fullFleet();
    delete f.platform.interconnect.clusters['aws-prod'];
    const problems = replacements(resolveFleet(f), changes(render(f)));
    expect(pathsOf(problems)).toEqual(['platform.interconnect.clusters[aws-prod]', 'platform.interconnect.clusters']);
    expect(problems.some((p) => /^aws replaces the VPN connection aws_vpn_connection\.mgmt-gcp-prod_aws_connection-0_\w+ of stack interconnect-aws-gcp when tunnel1_inside_cidr \("169\.254\.64\.16\/30" → "169\.254\.64\.0\/30"\)/.test(p.message))).toBe(true);
  });
});

describe('replacements: how attributes are compared', () => {
  const fleet = resolveFleet(fullFleet());
  const stack = (resource: Record<string, unknown>) => JSON.stringify({ resource });
  const pool = (extra: Record<string, unknown>) => ({ google_container_node_pool: { p: { name: 'spot', location: 'us-central1', ...extra } } });

  test('an attribute under lifecycle.ignore_changes is not compared (Terraform plans no change for it)', () => {
    const ignore = { lifecycle: { ignore_changes: ['initial_node_count'] } };
    expect(replacements(fleet, [{ stack: 'gcp-prod', before: stack(pool({ ...ignore, initial_node_count: 0 })), after: stack(pool({ ...ignore, initial_node_count: 3 })) }])).toEqual([]);
    expect(pathsOf(replacements(fleet, [{ stack: 'gcp-prod', before: stack(pool({ initial_node_count: 0 })), after: stack(pool({ initial_node_count: 3 })) }]))).toEqual([
      'dist/terraform/stacks/gcp-prod/cdk.tf.json: google_container_node_pool.p',
    ]);
  });

  test('a reference to an attribute of the same stack compares as that attribute\'s literal value, when it has one', () => {
    const root = (mount: string, ref = '${vault_mount.m.path}') => stack({ vault_mount: { m: { path: mount } }, vault_pki_secret_backend_root_cert: { r: { backend: ref, common_name: 'x' } } });
    expect(replacements(fleet, [{ stack: 'vault', before: root('pki-a'), after: root('pki-a') }])).toEqual([]);
    expect(replacements(fleet, [{ stack: 'vault', before: root('pki-a'), after: root('pki-b') }]).map((p) => p.path)).toEqual(['platform.secrets.vault.pkiMount']);
    // A reference to something that is not a literal stays compared as written.
    expect(replacements(fleet, [{ stack: 'vault', before: root('${var.a}'), after: root('${var.b}') }])).toEqual([]);
  });

  test('a set compares without its order; a reference compares as written', () => {
    const group = (subnets: string[]) => stack({ aws_eks_node_group: { g: { node_group_name: 'spot', subnet_ids: subnets } } });
    expect(replacements(fleet, [{ stack: 'aws-prod', before: group(['${aws_subnet.a.id}', '${aws_subnet.b.id}']), after: group(['${aws_subnet.b.id}', '${aws_subnet.a.id}']) }])).toEqual([]);
    const moved = replacements(fleet, [{ stack: 'aws-prod', before: group(['${aws_subnet.a.id}']), after: group(['${aws_subnet.c.id}']) }]);
    expect(moved.map((p) => p.path)).toEqual(['clusters[aws-prod].zones']);
  });

  test('fails at the stack file and resource address when no fleet field is known (an attribute fleetsynth itself decides, a fleet-wide stack)', () => {
    const root = (bits: number) => stack({ vault_pki_secret_backend_root_cert: { root: { common_name: 'acme-mesh root CA', key_bits: bits } } });
    expect(replacements(fleet, [{ stack: 'vault', before: root(4096), after: root(3072) }], [], 'out').map((p) => p.path)).toEqual(['out/terraform/stacks/vault/cdk.tf.json: vault_pki_secret_backend_root_cert.root']);
  });

  test('nothing when the root CA\'s ttl changes: not ForceNew in vault 5.6.0, and its Update only writes the state (resource_pki_secret_backend_root_cert.go l.35-37, l.169)', () => {
    const root = (ttl: string) => stack({ vault_pki_secret_backend_root_cert: { root: { common_name: 'acme-mesh root CA', ttl } } });
    expect(replacements(fleet, [{ stack: 'vault', before: root('87600h'), after: root('175200h') }])).toEqual([]);
  });

  test('a previous file that is not JSON is not compared', () => {
    expect(replacements(fleet, [{ stack: 'aws-prod', before: '{ edited by hand', after: BEFORE.get('aws-prod')! }])).toEqual([]);
  });

  test('isShrinkageIpCidr: false only for a range that contains the old one (google IsShrinkageIpCidr)', () => {
    expect(isShrinkageIpCidr('10.20.0.0/20', '10.20.0.0/19')).toBe(false);
    expect(isShrinkageIpCidr('10.20.16.0/20', '10.20.0.0/19')).toBe(false);
    expect(isShrinkageIpCidr('10.20.0.0/20', '10.20.0.0/21')).toBe(true);
    expect(isShrinkageIpCidr('10.20.0.0/20', '10.21.0.0/20')).toBe(true);
  });

  test('every table entry cites where the provider says so, and names what to do instead', () => {
    for (const [type, entry] of Object.entries(REPLACE_FORCING)) {
      expect([type, entry.source]).toEqual([type, expect.stringMatching(/^terraform-provider-(aws|google|azurerm|vault) \S+\.go/)]);
      expect([type, entry.attributes.length > 0, entry.instead.length > 0, entry.destroyed.length > 0]).toEqual([type, true, true, true]);
    }
  });
});

describe('changedStacks', () => {
  test('the stacks a plan changes, with the bytes the output folder holds now; other files and new stacks are left out', () => {
    const plan = {
      changed: [
        { path: 'terraform/stacks/aws-prod/cdk.tf.json', content: '{"b":1}' },
        { path: 'k8s/aws/mgmt/_cluster/namespace_x.yaml', content: 'x' },
        { path: 'terraform/stacks/new/cdk.tf.json', content: '{}' },
      ],
      previous: new Map([['terraform/stacks/aws-prod/cdk.tf.json', Buffer.from('{"a":1}')]]),
    };
    expect(changedStacks(plan)).toEqual([{ stack: 'aws-prod', before: '{"a":1}', after: '{"b":1}' }]);
  });
});
