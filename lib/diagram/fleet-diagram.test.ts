import * as path from 'path';
import { fleet as fullFleet, fullTestFleet } from '../../test/full-fleet';
import { fleetAddons } from '../addons/fleet-addons';
import { managementCluster, resolveFleet } from '../fleet';
import { synth } from '../synth';
import { fakeOutputs, fakeOutputsWithAddons, fakeStackOutputsWithAddons, observedTestFleet, outputsFolder, testCluster, testFleet } from '../../test/fleets';
import { readTree, tempDir } from '../../test/tree';
import { clusterNodeId, FLEET_DIAGRAM_FILE, fleetFlowchart } from './fleet-diagram';
import { mermaidId, mermaidLabel } from './mermaid';
import { parseMermaid } from './mermaid-parse';

/*
 * dist/fleet.md for the full test fleet and a three-cloud test fleet: every cluster, every link the
 * model and the add-ons name, every failover edge, and Mermaid's own parser accepts the text.
 */

const threeCloud = () => ({
  ...observedTestFleet(),
  meshServices: [
    {
      name: 'api',
      host: 'api.example.com',
      ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
      resolution: 'DNS',
      endpoints: [
        { address: 'api.t-aws.example.com', cluster: 't-aws' },
        { address: 'api.t-gcp.example.com', cluster: 't-gcp' },
        { address: 'api.t-azure.example.com', cluster: 't-azure' },
      ],
      failover: { order: ['gcp', 'aws', 'azure'] },
    },
  ],
});

function rendered(fleet: any): string {
  const out = path.join(tempDir(), 'dist');
  synth(fleet, { outDir: out, outputsDir: outputsFolder(fakeOutputs(fleet)) });
  return readTree(out)[FLEET_DIAGRAM_FILE];
}
const mermaidBlock = (md: string) => /```mermaid\n([\s\S]*?)```/.exec(md)![1];

describe('fleet diagram (dist/fleet.md)', () => {
  const cases = [
    ['the full test fleet', fullFleet],
    ['a three-cloud fleet with a mesh service', threeCloud()],
  ] as const;
  const texts = cases.map(([, fleet]) => rendered(fleet));

  test.each(cases.map(([name], i) => [name, i] as const))('%s: every cluster with its version and pools, grouped by cloud and region', (_, i) => {
    const fleet = resolveFleet(cases[i][1]);
    const text = mermaidBlock(texts[i]);
    for (const c of fleet.clusters) {
      const line = text.split('\n').find((l) => l.trim().startsWith(`${clusterNodeId(c.name)}[`))!;
      expect(line).toContain(`Kubernetes ${c.kubernetesVersion}`);
      for (const p of c.nodePools) expect(line).toContain(`${p.name}: ${p.machineType} ${p.minSize}-${p.maxSize}`);
      expect(text).toContain(`subgraph ${mermaidId('cloud', c.cloud)}[`);
      expect(text).toContain(`subgraph ${mermaidId('region', `${c.cloud}-${c.region}`)}[`);
      // The management cluster syncs every cluster's folder.
      expect(text).toMatch(new RegExp(`${clusterNodeId(managementCluster(fleet).name)} --> \\|"Argo CD[^"]*"\\| ${clusterNodeId(c.name)}\\n`.replace(' --> ', ' -->')));
    }
  });

  test.each(cases.map(([name], i) => [name, i] as const))('%s: every mesh service failover edge, in order, and every add-on link', (_, i) => {
    const fleet = resolveFleet(cases[i][1]);
    const text = mermaidBlock(texts[i]);
    for (const s of fleet.meshServices) {
      const clusterOf = (cloud: string) => fleet.clusters.find((c) => c.cloud === cloud && s.clusters.includes(c.name))!;
      const clouds = s.failoverOrder.filter((cloud) => fleet.clusters.some((c) => c.cloud === cloud && s.clusters.includes(c.name)));
      clouds.forEach((cloud, k) => {
        const next = clouds[(k + 1) % clouds.length];
        expect(text).toContain(`${clusterNodeId(clusterOf(cloud).name)} -.->|"${s.name} fails over ${cloud} → ${next}"| ${clusterNodeId(clusterOf(next).name)}`);
      });
    }
    const { addons } = fleetAddons(cases[i][1]);
    for (const addon of addons.filter((a) => a.diagram)) {
      const contribution = addon.diagram!({ fleet, outputs: new Map(), stackOutputs: new Map(), holdBack: () => undefined, problem: () => undefined });
      for (const l of contribution.links ?? []) expect(text).toContain(`|"${mermaidLabel(l.label)}"|`);
      expect((contribution.links ?? []).length).toBeGreaterThan(0);
    }
  });

  test('the three-cloud fleet fails over gcp → aws → azure → gcp', () => {
    const text = mermaidBlock(texts[1]);
    expect(text.split('\n').filter((l) => l.includes('fails over')).map((l) => l.trim())).toEqual([
      'cluster_t_gcp -.->|"api fails over gcp → aws"| cluster_t_aws',
      'cluster_t_aws -.->|"api fails over aws → azure"| cluster_t_azure',
      'cluster_t_azure -.->|"api fails over azure → gcp"| cluster_t_gcp',
    ]);
  });

  describe('what the running fleet lacks yet, as synth decides it', () => {
    // The full test fleet with azure-prod pending (no Terraform outputs) and the interconnect-aws-gcp
    // stack's links not saved as applied: what its held-back list says, the diagram says too.
    const fleet = fullTestFleet();
    const outputs = fakeOutputsWithAddons(fleet);
    outputs.delete('azure-prod');
    const stacks = Object.fromEntries([...fakeStackOutputsWithAddons(fleet)].filter(([name]) => name !== 'interconnect-aws-gcp'));
    const out = path.join(tempDir(), 'dist');
    const result = synth(fleet, { outDir: out, outputsDir: outputsFolder(outputs, stacks), cache: false });
    const lines = mermaidBlock(readTree(out)[FLEET_DIAGRAM_FILE]).split('\n').map((l) => l.trim());
    const tree = readTree(out);

    test('a pending cluster: no registration, and the diagram says Argo CD does not sync it yet', () => {
      expect(result.pending).toEqual(['azure-prod']);
      expect(Object.keys(tree).filter((p) => p.endsWith('secret_cluster-azure-prod.yaml'))).toEqual([]);
      expect(lines).toContain('cluster_mgmt -.->|"Argo CD: not registered yet, its folder waits (synth lists it as held back)"| cluster_azure_prod');
      expect(lines).toContain('cluster_mgmt -->|"Argo CD syncs its folder"| cluster_gcp_prod');
    });

    test('an interconnect link not applied: mesh traffic over the public gateways, as synth holds back', () => {
      expect(result.heldBack.map((h) => h.what)).toContain('mesh traffic between aws-prod and gcp-prod over link aws-prod-gcp-prod (through the public east-west gateways until then)');
      expect(lines).toContain('cluster_aws_prod <==>|"VPN, 4 tunnels, BGP AS64610-AS64620, not applied yet: mesh traffic over the public east-west gateways"| cluster_gcp_prod');
      // interconnect-aws-azure lists its links: they carry the mesh traffic.
      expect(lines).toContain('cluster_aws_prod <==>|"VPN, 4 tunnels, BGP AS64610-AS64630"| cluster_azure_prod');
    });
  });

  test('a global DNS member without ingress addresses: no Route 53 record, and the diagram says so', () => {
    const fleet = fullTestFleet();
    const outputs = fakeOutputsWithAddons(fleet);
    // aws-prod's stack applied before global DNS was on: none of its global_dns_ingress_* outputs.
    const aws = outputs.get('aws-prod')!;
    outputs.set('aws-prod', { ...aws, values: Object.fromEntries(Object.entries(aws.values ?? {}).filter(([k]) => !k.startsWith('global_dns_ingress'))) });
    const out = path.join(tempDir(), 'dist');
    const result = synth(fleet, { outDir: out, outputsDir: outputsFolder(outputs, Object.fromEntries(fakeStackOutputsWithAddons(fleet))), cache: false });
    expect(result.heldBack.map((h) => h.what)).toContain('Route 53 health checks and record of podinfo.example.com for aws-prod (stack global-dns)');
    const lines = mermaidBlock(readTree(out)[FLEET_DIAGRAM_FILE]).split('\n').map((l) => l.trim());
    expect(lines).toContain('addon_global_dns_podinfo -.->|"secondary, no Route 53 record yet (no ingress address)"| cluster_aws_prod');
    expect(lines).toContain('addon_global_dns_podinfo -.->|"primary"| cluster_gcp_prod');
  });

  test('failover edges are the DestinationRule\'s entries: to a cloud\'s first region (sorted), not its first cluster; between one cloud\'s regions when it alone serves', () => {
    // a-aws (us-east-1) comes first by name, t-aws (eu-west-1) first by region: GCP's clients fail over
    // to eu-west-1 (crossCloudFailover, the entries of every cluster's DestinationRule).
    const fleet = { ...testFleet(), clusters: [...testFleet().clusters, { ...testCluster('a-aws', 'aws', 5), region: 'us-east-1' }] };
    const svc = (name: string, clusters: string[]) => ({ name, namespace: name, clusters, failover: { order: [...new Set(clusters.map((c) => fleet.clusters.find((x: any) => x.name === c)!.cloud))] } });
    const resolved = resolveFleet({ ...fleet, platform: { secrets: { vault: { address: 'https://vault.test.example.com:8200' } } }, meshServices: [svc('web', ['a-aws', 't-aws', 't-gcp']), svc('solo', ['a-aws', 't-aws'])] });
    const edges = fleetFlowchart(resolved).split('\n').filter((l) => l.includes('fails over')).map((l) => l.trim());
    expect(edges).toEqual([
      'cluster_t_aws -.->|"solo fails over eu-west-1 → us-east-1"| cluster_a_aws',
      'cluster_a_aws -.->|"solo fails over us-east-1 → eu-west-1"| cluster_t_aws',
      'cluster_t_aws -.->|"web fails over aws → gcp"| cluster_t_gcp',
      'cluster_a_aws -.->|"web fails over aws → gcp"| cluster_t_gcp',
      'cluster_t_gcp -.->|"web fails over gcp → aws"| cluster_t_aws',
    ]);
  });

  test('Mermaid\'s own parser accepts both, and rejects what sanitizing prevents', () => {
    const results = parseMermaid([...texts.map(mermaidBlock), 'flowchart LR\n  a --> end\n']);
    expect(results.slice(0, 2)).toEqual([{ ok: true, diagramType: 'flowchart-v2' }, { ok: true, diagramType: 'flowchart-v2' }]);
    expect(results[2].ok).toBe(false);
  });

  test('ids never are Mermaid keywords; labels with quotes, # and <> are escaped; the text parses', () => {
    const fleet = { ...testFleet(), clusters: [testCluster('end', 'aws', 1, 'management'), testCluster('graph', 'gcp', 2), testCluster('subgraph', 'azure', 3)] };
    (fleet.clusters[1] as any).nodePools[0].name = 'sys';
    const text = fleetFlowchart(resolveFleet(fleet), new Map([['x', { nodes: [{ id: 'class', label: 'say "hi" #1 <b>' }], links: [{ from: 'graph', to: 'class', label: 'a|b', kind: 'other' as const }] }]]));
    expect(text).toContain('cluster_end["end · management');
    expect(text).toContain('addon_x_class("say #quot;hi#quot; #35;1 #lt;b#gt;")');
    expect(text).toContain('cluster_graph -->|"a#124;b"| addon_x_class');
    expect(mermaidId('c', 'a_b')).not.toBe(mermaidId('c', 'a-b'));
    expect(parseMermaid([text])).toEqual([{ ok: true, diagramType: 'flowchart-v2' }]);
  });

  test('deterministic: the same bytes whatever order the fleet is written in', () => {
    const fleet = threeCloud();
    const reordered = { ...fleet, clusters: [...fleet.clusters].reverse() };
    expect(rendered(reordered)).toBe(texts[1]);
  });

  test('off when the fleet says `diagram: false`: nothing written, and a previous one pruned', () => {
    const fleet = testFleet();
    const out = path.join(tempDir(), 'dist');
    const outputs = outputsFolder(fakeOutputs(fleet));
    synth(fleet, { outDir: out, outputsDir: outputs });
    expect(readTree(out)[FLEET_DIAGRAM_FILE]).toContain('```mermaid');
    synth({ ...fleet, diagram: false }, { outDir: out, outputsDir: outputs });
    expect(readTree(out)[FLEET_DIAGRAM_FILE]).toBeUndefined();
  });
});
