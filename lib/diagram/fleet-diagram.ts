import { CLOUDS, compareStrings, crossCloudFailover, managementCluster, ResolvedCluster, ResolvedFleet } from '../fleet';
import type { DiagramContribution } from '../addons/addon';
import { Flowchart, mermaidId } from './mermaid';

/*
 * dist/fleet.md: the fleet as a Mermaid flowchart, generated from the resolved fleet and every
 * add-on's diagram() contribution. Deterministic: clouds in CLOUDS order, regions, clusters,
 * services and contributions sorted by name. GitHub renders a ```mermaid block in place.
 */

export const FLEET_DIAGRAM_FILE = 'fleet.md';

const CLOUD_LABEL = { aws: 'AWS (EKS)', gcp: 'Google Cloud (GKE)', azure: 'Azure (AKS)' } as const;
const STYLE = { interconnect: 'thick-both', failover: 'dotted', telemetry: 'dotted', traffic: 'solid', secrets: 'solid', other: 'solid' } as const;

export const clusterNodeId = (name: string) => mermaidId('cluster', name);

function clusterLabel(c: ResolvedCluster): string {
  const pools = c.nodePools.map((p) => `${p.name}: ${p.machineType} ${p.minSize}-${p.maxSize}${p.spot ? ' spot' : ''}`).join(', ');
  return `${c.name} · ${c.role} · Kubernetes ${c.kubernetesVersion} · pools ${pools}`;
}

/** What the render knows of the running fleet beyond the fleet file. */
export interface FleetDiagramState {
  /**
   * The workload clusters Argo CD is registered for (their Terraform outputs and Argo CD access are
   * in place). Any other gets no registration and no Application (lib/k8s/fleet-gitops.ts), so the
   * diagram says it waits instead of "syncs its folder". @default every cluster
   */
  readonly registered?: ReadonlySet<string>;
}

/** The Mermaid flowchart text of a fleet; `contributions` by add-on name. */
export function fleetFlowchart(fleet: ResolvedFleet, contributions: ReadonlyMap<string, DiagramContribution> = new Map(), state: FleetDiagramState = {}): string {
  const chart = new Flowchart('LR');
  for (const cloud of CLOUDS) {
    const clusters = fleet.clusters.filter((c) => c.cloud === cloud);
    if (clusters.length === 0) continue;
    const cloudGroup = chart.group(mermaidId('cloud', cloud), CLOUD_LABEL[cloud]);
    for (const region of [...new Set(clusters.map((c) => c.region))].sort(compareStrings)) {
      const regionGroup = chart.group(mermaidId('region', `${cloud}-${region}`), region, cloudGroup);
      for (const c of clusters.filter((x) => x.region === region)) chart.node(clusterNodeId(c.name), clusterLabel(c), regionGroup);
    }
  }

  // What the management cluster's Argo CD syncs: every cluster's folder, its own included.
  const management = managementCluster(fleet);
  for (const c of fleet.clusters) {
    if (c === management) chart.edge(clusterNodeId(management.name), clusterNodeId(c.name), 'Argo CD: root app, own folder', 'solid');
    else if (state.registered && !state.registered.has(c.name)) chart.edge(clusterNodeId(management.name), clusterNodeId(c.name), 'Argo CD: not registered yet, its folder waits (synth lists it as held back)', 'dotted');
    else chart.edge(clusterNodeId(management.name), clusterNodeId(c.name), 'Argo CD syncs its folder', 'solid');
  }

  // Mesh services: a node each, an edge to each endpoint, and the failover between their regions.
  const clusterNamed = new Map(fleet.clusters.map((c) => [c.name, c] as const));
  const services = fleet.meshServices.length > 0 ? chart.group('mesh_services', 'Mesh services (Istio)') : undefined;
  const clients = fleet.clusters.map((c) => ({ region: c.region, cloud: c.cloud }));
  for (const s of fleet.meshServices) {
    const id = mermaidId('service', s.name);
    chart.node(id, `${s.name} · ${s.host} · failover ${s.failoverOrder.join(' → ')}`, services, 'stadium');
    if (s.kind === 'in-mesh') {
      for (const name of s.clusters) chart.edge(id, clusterNodeId(name), 'runs here', 'solid');
    }
    s.endpoints.forEach((e, i) => {
      if (e.cluster) chart.edge(id, clusterNodeId(e.cluster), `endpoint${e.weight !== undefined ? ` weight ${e.weight}` : ''}`, 'solid');
      else {
        const ext = mermaidId('endpoint', `${s.name}-${i}`);
        chart.node(ext, `${e.address} · ${e.locality}`, services, 'round');
        chart.edge(id, ext, 'endpoint', 'solid');
      }
    });
    // The failover edges are the entries every cluster's DestinationRule carries (the same call as
    // lib/k8s/cluster-chart.ts), from each serving region's clusters to the clusters serving the region
    // the entry names: a cloud's first region (sorted), not its first cluster; between one cloud's regions
    // when it alone serves. Ordered by the failover order of the cloud they leave.
    const servingIn = (region: string) =>
      s.kind === 'in-mesh'
        ? s.clusters.filter((n) => clusterNamed.get(n)?.region === region)
        : [...new Set(s.endpoints.flatMap((e) => (e.cluster && e.locality.split('/')[0] === region ? [e.cluster] : [])))].sort(compareStrings);
    const cloudOf = new Map(s.servingRegions.map((r) => [r.region, r.cloud] as const));
    const rank = (region: string) => s.failoverOrder.indexOf(cloudOf.get(region)!);
    const entries = crossCloudFailover(s.servingRegions, clients, s.failoverOrder)
      .filter((f) => cloudOf.has(f.from))
      .sort((a, b) => rank(a.from) - rank(b.from) || compareStrings(a.from, b.from));
    for (const f of entries) {
      const [fromCloud, toCloud] = [cloudOf.get(f.from)!, cloudOf.get(f.to)!];
      const to = servingIn(f.to)[0];
      const label = fromCloud === toCloud ? `${s.name} fails over ${f.from} → ${f.to}` : `${s.name} fails over ${fromCloud} → ${toCloud}`;
      for (const from of servingIn(f.from)) if (from !== to) chart.edge(clusterNodeId(from), clusterNodeId(to), label, 'dotted');
    }
  }

  // Add-ons: their nodes (namespaced by add-on) and links between clusters and those nodes.
  for (const addon of [...contributions.keys()].sort(compareStrings)) {
    const c = contributions.get(addon)!;
    const nodeId = (id: string) => mermaidId(`addon_${addon.replace(/[^A-Za-z0-9]/g, '_')}`, id);
    for (const n of [...(c.nodes ?? [])].sort((a, b) => compareStrings(a.id, b.id))) chart.node(nodeId(n.id), n.label, undefined, 'round');
    const ref = (name: string) => (fleet.clusters.some((x) => x.name === name) ? clusterNodeId(name) : nodeId(name));
    const links = [...(c.links ?? [])].sort((a, b) => compareStrings(`${a.from} ${a.to} ${a.label}`, `${b.from} ${b.to} ${b.label}`));
    for (const l of links) {
      if (!chart.has(ref(l.from)) || !chart.has(ref(l.to))) throw new Error(`add-on ${addon}: diagram link ${l.from} → ${l.to} names neither a cluster nor one of its nodes`);
      chart.edge(ref(l.from), ref(l.to), l.label, STYLE[l.kind]);
    }
  }
  chart.classDef('management', 'stroke-width:3px', [clusterNodeId(management.name)]);
  return chart.toString();
}

/** The Markdown file: a heading, a line saying where it comes from, and the flowchart. */
export function fleetMarkdown(fleet: ResolvedFleet, contributions: ReadonlyMap<string, DiagramContribution> = new Map(), state: FleetDiagramState = {}): string {
  return [
    `# ${fleet.name}: the fleet`,
    '',
    'Generated by fleetsynth from the fleet file: clouds and regions as groups, each cluster with its Kubernetes version and node pools, what the management cluster syncs, mesh services with their endpoints and failover order, and what each platform service adds. Do not edit: run `npm run synth`.',
    '',
    '```mermaid',
    fleetFlowchart(fleet, contributions, state).trimEnd(),
    '```',
    '',
  ].join('\n');
}
