import type { Fleet } from 'fleetsynth';

/**
 * The example fleet: a management cluster running Argo CD, and one production workload cluster
 * on each of EKS (us-west-2), GKE (us-central1) and AKS (eastus), each with an on-demand system
 * pool and an autoscaling spot pool. Copy this file, edit it, run `npm run synth`.
 *
 * Address plan (no range overlaps any other: the clusters are joined by the mesh):
 *   nodes 10.<n>.0.0/16, pods 100.64-65.0.0/16 (EKS secondary VPC ranges) or 10.x/14, services 172.2x.0.0/16,
 *   GKE control plane 172.16.0.0/28
 *   Azure VPN gateway subnet 10.31.255.0/27; VPN tunnel inside ranges from 169.254.0.0/16 (see platform.interconnect)
 *
 * API access: each cluster's API admits the egress addresses of the clusters that call it (Argo CD
 * on the management cluster; with platform.secrets every peer's istiod) once their Terraform outputs
 * exist. gcp-prod also admits the pipeline's range (192.0.2.0/28 here: put your CI runners' egress):
 * its stack creates Argo CD's RBAC binding through the cluster's API.
 *
 * The interconnect joins mgmt, aws-prod, gcp-prod and azure-prod with a VPN link between every two of
 * them on different clouds (mgmt and aws-prod, both on AWS, are not linked), and podinfo.example.com is
 * served by GKE and EKS with Route 53 failover (platform.globalDns).
 */
export const fleet: Fleet = {
  name: 'acme-platform',
  gitops: {
    repoURL: 'https://github.com/acme/platform-gitops.git',
    targetRevision: 'main',
    path: 'dist',
  },
  mesh: { meshID: 'acme-mesh', trustDomain: 'cluster.local' },
  stateBackend: { type: 's3', bucket: 'acme-terraform-state', region: 'us-west-2', keyPrefix: 'fleetsynth/' },
  clusters: [
    {
      name: 'mgmt',
      cloud: 'aws',
      region: 'us-west-2',
      // The account of aws-prod: the interconnect's stacks act on both with one set of AWS credentials.
      accountId: '111122223333',
      kubernetesVersion: '1.35',
      role: 'management',
      labels: { env: 'prod', team: 'platform' },
      network: { nodeCidr: '10.0.0.0/16', podCidr: '100.64.0.0/16', serviceCidr: '172.20.0.0/16' },
      nodePools: [
        { name: 'system', machineType: 'm7i.large', minSize: 2, maxSize: 4 },
      ],
    },
    {
      name: 'aws-prod',
      cloud: 'aws',
      region: 'us-west-2',
      accountId: '111122223333',
      kubernetesVersion: '1.35',
      role: 'workload',
      labels: { env: 'prod', team: 'platform' },
      network: { nodeCidr: '10.10.0.0/16', podCidr: '100.65.0.0/16', serviceCidr: '172.21.0.0/16' },
      nodePools: [
        { name: 'system', machineType: 'm7i.large', minSize: 2, maxSize: 4, labels: { 'node-role': 'system' } },
        {
          name: 'spot',
          machineType: 'm7i.xlarge',
          minSize: 0,
          maxSize: 20,
          spot: true,
          labels: { 'node-role': 'workload', capacity: 'spot' },
          taints: [{ key: 'capacity', value: 'spot', effect: 'PreferNoSchedule' }],
        },
      ],
    },
    {
      name: 'gcp-prod',
      cloud: 'gcp',
      region: 'us-central1',
      project: 'acme-platform-prod',
      kubernetesVersion: '1.35',
      role: 'workload',
      labels: { env: 'prod', team: 'platform' },
      apiAccess: { publicCidrs: ['192.0.2.0/28'] },
      network: { nodeCidr: '10.20.0.0/20', podCidr: '10.24.0.0/14', serviceCidr: '172.22.0.0/20', controlPlaneCidr: '172.16.0.0/28' },
      nodePools: [
        { name: 'system', machineType: 'e2-standard-4', minSize: 3, maxSize: 6, labels: { 'node-role': 'system' } },
        {
          name: 'spot',
          machineType: 'e2-standard-8',
          minSize: 0,
          maxSize: 20,
          spot: true,
          labels: { 'node-role': 'workload', capacity: 'spot' },
          taints: [{ key: 'capacity', value: 'spot', effect: 'PreferNoSchedule' }],
        },
      ],
    },
    {
      name: 'azure-prod',
      cloud: 'azure',
      region: 'eastus',
      kubernetesVersion: '1.35',
      role: 'workload',
      labels: { env: 'prod', team: 'platform' },
      network: { nodeCidr: '10.30.0.0/16', podCidr: '10.32.0.0/14', serviceCidr: '172.23.0.0/20' },
      nodePools: [
        { name: 'system', machineType: 'Standard_D4s_v5', minSize: 2, maxSize: 4, labels: { 'node-role': 'system' } },
        {
          name: 'spot',
          machineType: 'Standard_D8s_v5',
          minSize: 0,
          maxSize: 20,
          spot: true,
          labels: { 'node-role': 'workload', capacity: 'spot' },
          taints: [{ key: 'capacity', value: 'spot', effect: 'PreferNoSchedule' }],
        },
      ],
    },
  ],
  platform: {
    // Vault (run by you, reachable from the clusters and the pipeline) as the fleet's secret store and
    // the mesh's root of trust: External Secrets, cert-manager and istio-csr in every cluster, remote
    // secrets between every pair of clusters. Mount paths keep their defaults. See README, "Secrets".
    secrets: { vault: { address: 'https://vault.acme.example.com:8200' } },
    // Prometheus agents and Alloy everywhere; Mimir, Loki and Grafana on the management cluster. See README, "Observability".
    observability: {
      storage: { metricsBucket: 'acme-platform-metrics', logsBucket: 'acme-platform-logs', identity: 'arn:aws:iam::111122223333:role/mgmt-observability' },
    },
    // Site-to-site VPN with BGP between these clusters' networks, every pair on different clouds: stacks
    // interconnect-aws-azure, interconnect-aws-gcp and interconnect-azure-gcp, once the cluster stacks are
    // applied. Once a link is applied (its stack's outputs saved), the mesh between its two clusters, and
    // so gcp-prod's and azure-prod's remote write to mgmt, uses internal east-west gateways over it. mgmt
    // and aws-prod, both on AWS, are not linked (no VPC peering). Leave it out to turn it off.
    interconnect: {
      clusters: {
        mgmt: { asn: 64600 },
        'aws-prod': { asn: 64610 },
        'gcp-prod': { asn: 64620 },
        // The VNet's GatewaySubnet: a second range of the VNet, outside every other range of the fleet.
        'azure-prod': { asn: 64630, gatewaySubnetCidr: '10.31.255.0/27' },
      },
    },
    // podinfo.example.com served from GKE, failing over to EKS: Route 53 health checks and records in
    // the global-dns stack, once both clusters' ingress addresses exist. Leave it out to turn it off.
    globalDns: {
      endpoints: [
        {
          name: 'podinfo',
          host: 'podinfo.example.com',
          zone: 'example.com',
          policy: 'failover',
          members: [
            { cluster: 'gcp-prod', role: 'primary' },
            { cluster: 'aws-prod', role: 'secondary' },
          ],
          backend: { service: 'podinfo', namespace: 'podinfo', port: 9898 },
          // The certificate: a kubernetes.io/tls Secret podinfo-tls in istio-ingress on both clusters (External Secrets or cert-manager).
          healthCheck: { path: '/healthz', intervalSeconds: 10, failureThreshold: 3 },
          ttlSeconds: 60,
        },
      ],
    },
  },
  apps: [
    {
      // A Helm chart on every workload cluster, one replica more on EKS.
      name: 'podinfo',
      namespace: 'podinfo',
      source: { helm: { repoURL: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1', values: { replicaCount: 2 } } },
      overrides: { 'aws-prod': { replicaCount: 3 } },
    },
    {
      // A chart kept in the GitOps repo, as explicit Applications on the prod clusters.
      name: 'checkout',
      namespace: 'checkout',
      source: { git: { path: 'apps/checkout', helm: true, values: { image: { tag: '1.4.2' } } } },
      clusters: { matchLabels: { env: 'prod' } },
      deployAs: 'applications',
    },
  ],
  meshServices: [
    {
      // The source article's example: an external service served from GCP and AWS, failing over GCP -> AWS -> GCP;
      // AKS clients (eastus, which serves nothing) go to GCP first.
      name: 'api',
      host: 'api.example.com',
      ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }],
      resolution: 'DNS',
      endpoints: [
        { address: 'api.gcp-prod.internal.example.com', cluster: 'gcp-prod' },
        { address: 'api.aws-prod.internal.example.com', cluster: 'aws-prod' },
      ],
      failover: { order: ['gcp', 'aws'] },
    },
    {
      // A service of the mesh: podinfo's Service, run by the podinfo app on every workload cluster,
      // reached across clouds through the east-west gateways, nearest copy first.
      name: 'podinfo',
      namespace: 'podinfo',
      clusters: ['aws-prod', 'gcp-prod', 'azure-prod'],
      failover: { order: ['aws', 'gcp', 'azure'] },
    },
  ],
};

export default fleet;
