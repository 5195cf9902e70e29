import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { EKS_AMI_TYPE_RULE } from './eks-ami-type';
import { fleetProblems } from './validate-fleet';

describe('EKS node groups: what EKS and its Terraform provider take beyond the catalog', () => {
  test('fails when an instance family has no AMI type fleetsynth knows, at the machine type, rather than guess one', () => {
    // GIVEN an AMD GPU family on aws-prod's spot pool
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].machineType = 'g4ad.xlarge';
    // THEN
    expect(fleetProblems(f)).toEqual([{
      path: 'clusters[aws-prod].nodePools[spot].machineType',
      message: 'no EKS AMI type known for instance family "g4ad" (lib/fleet/eks-ami-type.ts): the node group would get the x86 AMI without accelerator drivers, or be refused',
      given: '"g4ad.xlarge"',
      allowed: EKS_AMI_TYPE_RULE,
    }]);
  });

  test('Graviton and NVIDIA families pass', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[0].machineType = 'm7g.large';
    clusterOf(f, 'aws-prod').nodePools[1].machineType = 'g6e.xlarge';
    expect(fleetProblems(f)).toEqual([]);
  });

  test.each(['t3.micro', 't4g.nano', 't3a.micro', 't2.micro'])('fails when a %s node holds 4 pods, all taken by EKS\'s own DaemonSets, at the machine type', (machineType) => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].machineType = machineType;
    expect(fleetProblems(f)).toEqual([{
      path: 'clusters[aws-prod].nodePools[spot].machineType',
      message: `a ${machineType} node holds 4 pods (eni-max-pods.txt), and EKS's own DaemonSets (aws-node, kube-proxy, eks-pod-identity-agent, ebs-csi-node) take all 4: no other pod ever runs there, and the platform's node agents (node exporter, log agent) would stay Pending`,
      given: JSON.stringify(machineType),
      allowed: 'an instance type whose nodes hold more than 4 pods (eni-max-pods.txt), e.g. t3.small (11), m7g.medium (8), m7i.large (29)',
    }]);
  });

  test('the message names the node agents the fleet runs, and none when observability is off', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].machineType = 't3.micro';
    const message = () => fleetProblems(f).map((p) => p.message);
    (f.platform.observability as { logs?: boolean }).logs = false;
    expect(message()).toEqual([expect.stringMatching(/take all 4: no other pod ever runs there, and the platform's node agents \(node exporter\) would stay Pending$/)]);
    delete (f.platform as { observability?: unknown }).observability;
    expect(message()).toEqual([expect.stringMatching(/take all 4: no other pod, yours or the platform's, ever runs there$/)]);
    clusterOf(f, 'aws-prod').nodePools[1].machineType = 'hpc6id.32xlarge';
    expect(message()).toEqual([expect.stringContaining('(the EBS CSI node plugin, any app)')]);
  });

  test('fails when a node has one network interface (hpc6id.32xlarge): custom networking leaves its pods no address', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].machineType = 'hpc6id.32xlarge';
    expect(fleetProblems(f)).toEqual([expect.objectContaining({
      path: 'clusters[aws-prod].nodePools[spot].machineType',
      message: 'a hpc6id.32xlarge node has one network interface the VPC CNI uses, and under custom networking pods take addresses of the others only: no pod off the host network (the EBS CSI node plugin, the log agent, any app) ever gets an address there',
    })]);
  });

  test.each(['t3.small', 't3a.small', 'm7g.medium', 't3.medium'])('%s passes: its nodes hold more pods than EKS\'s DaemonSets', (machineType) => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].machineType = machineType;
    expect(fleetProblems(f)).toEqual([]);
  });

  test('fails when the machine type has another cloud\'s shape, with the catalog\'s problem only', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].machineType = 'e2-standard-4';
    expect(fleetProblems(f).map((p) => p.path)).toEqual(['clusters[aws-prod].nodePools[spot].machineType']);
  });

  describe('label and taint keys outside kubernetes.io/, k8s.io/ and eks.amazonaws.com/ ("Label cannot contain reserved prefixes": eksctl-io/eksctl#4007; "Taint cannot …": aws/containers-roadmap#1451)', () => {
    const withKeys = (cluster: string, keys: string[]) => {
      const f = fullFleet();
      const pool = clusterOf(f, cluster).nodePools[1];
      pool.labels = { ...pool.labels, ...Object.fromEntries(keys.map((k) => [k, 'x'])) };
      pool.taints = [...pool.taints, ...keys.map((key) => ({ key, value: 'x', effect: 'NoSchedule' as const }))];
      return fleetProblems(f);
    };
    // What the kubelet takes (node.kubernetes.io/, kubelet.kubernetes.io/), what EKS writes itself (eks.amazonaws.com/), a subdomain of k8s.io/.
    const keys: [string, string][] = [['node.kubernetes.io/pool', 'kubernetes.io'], ['kubelet.kubernetes.io/pool', 'kubernetes.io'], ['eks.amazonaws.com/nodegroup', 'eks.amazonaws.com'], ['team.k8s.io/pool', 'k8s.io']];
    const refused = (what: string, ns: string) => `the EKS API refuses node group ${what} keys in kubernetes.io/, k8s.io/, eks.amazonaws.com/ and their subdomains (this one is in ${ns}/): the apply would fail`;

    test('fails when an EKS pool\'s label or taint key is in one, at the label and at the taint key', () => {
      expect(withKeys('aws-prod', keys.map(([k]) => k))).toEqual([
        ...keys.map(([key, ns]) => ({
          path: `clusters[aws-prod].nodePools[spot].labels[${key}]`,
          message: refused('label', ns),
          given: JSON.stringify(key),
          allowed: 'a key in your own namespace, e.g. "example.com/team", or unprefixed',
        })),
        ...keys.map(([key, ns], i) => ({
          path: `clusters[aws-prod].nodePools[spot].taints[${i + 1}].key`,
          message: refused('taint', ns),
          given: JSON.stringify(key),
          allowed: 'a key in your own namespace, e.g. "example.com/dedicated", or unprefixed',
        })),
      ]);
    });

    test('a GKE pool takes the keys the kubelet takes; an EKS pool takes keys that only end alike (k8s.amazonaws.com/, mykubernetes.io/)', () => {
      expect(withKeys('gcp-prod', keys.slice(0, 3).map(([k]) => k))).toEqual([]);
      expect(withKeys('aws-prod', ['k8s.amazonaws.com/accelerator', 'mykubernetes.io/pool'])).toEqual([]);
    });
  });

  test('fails when an EKS pool has more than 50 taints (EKS User Guide, node-taints-managed-node-groups.adoc; the provider\'s taint MaxItems: 50), at the taints; 50 pass', () => {
    const withTaints = (n: number) => {
      const f = fullFleet();
      clusterOf(f, 'aws-prod').nodePools[1].taints = Array.from({ length: n }, (_, i) => ({ key: `example.com/t${i}`, value: 'x', effect: 'PreferNoSchedule' }));
      return fleetProblems(f);
    };
    expect(withTaints(51)).toEqual([{ path: 'clusters[aws-prod].nodePools[spot].taints', message: 'EKS takes at most 50 taints per node group (this pool has 51)', given: '51', allowed: 'at most 50 taints' }]);
    expect(withTaints(50)).toEqual([]);
  });

  describe('label and taint keys: at most 63 characters in all (EKS API Taint and UpdateLabelsPayload; the provider\'s taint.key StringLenBetween(1, 63))', () => {
    // 66 characters: a valid Kubernetes key (a 253-character prefix is allowed there)
    const key = 'workloads.platform.internal.example.com/dedicated-team-name-longer';
    const withKey = (cluster: string) => {
      const f = fullFleet();
      const pool = clusterOf(f, cluster).nodePools[1];
      pool.labels = { ...pool.labels, [key]: 'x' };
      pool.taints = [...pool.taints, { key, value: 'x', effect: 'NoSchedule' }];
      return fleetProblems(f);
    };

    test('fails when an EKS pool\'s label or taint key is longer, at the label and at the taint key', () => {
      expect(withKey('aws-prod')).toEqual([
        {
          path: `clusters[aws-prod].nodePools[spot].labels[${key}]`,
          message: 'EKS takes node label keys of at most 63 characters, prefix included (this one has 66)',
          given: JSON.stringify(key),
          allowed: 'a key of at most 63 characters, prefix included, e.g. "example.com/team"',
        },
        {
          path: 'clusters[aws-prod].nodePools[spot].taints[1].key',
          message: 'EKS takes taint keys of at most 63 characters, prefix included (this one has 66)',
          given: JSON.stringify(key),
          allowed: 'a key of at most 63 characters, prefix included, e.g. "example.com/team"',
        },
      ]);
    });

    test('a GKE pool takes the same key', () => {
      expect(withKey('gcp-prod')).toEqual([]);
    });

    test('a key of exactly 63 characters passes on EKS', () => {
      const f = fullFleet();
      clusterOf(f, 'aws-prod').nodePools[1].labels = { [key.slice(0, 63)]: 'x' };
      expect(fleetProblems(f)).toEqual([]);
    });
  });
});
