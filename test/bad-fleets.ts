import { clusterOf, LooseFleet } from './fleet-fixture';

// Each case breaks one thing in the example fleet and names the field path its error must carry.
// A mutator edits the fleet in place, or returns something to validate instead of it.
export const BAD_FLEETS: [string, (f: LooseFleet) => unknown, string][] = [
  ['the fleet is not an object', () => 'not a fleet', 'fleet'],
  ['the fleet name is not a DNS label', (f) => { f.name = 'Acme_Platform'; }, 'name'],
  ['a cluster is named in-cluster, Argo CD\'s name for its own cluster', (f) => { clusterOf(f, 'gcp-prod').name = 'in-cluster'; }, 'clusters[in-cluster].name'],
  ['the repoURL is not a git URL', (f) => { f.gitops.repoURL = 'github.com/acme/repo'; }, 'gitops.repoURL'],
  ['the repoURL carries credentials', (f) => { f.gitops.repoURL = 'https://user:token@github.com/acme/repo.git'; }, 'gitops.repoURL'],
  ['the gitops path leaves the repository', (f) => { f.gitops.path = '../elsewhere'; }, 'gitops.path'],
  ['a former repoURL is gitops.repoURL itself', (f) => { f.gitops.formerRepoURLs = [f.gitops.repoURL]; }, 'gitops.formerRepoURLs[0]'],
  ['a former repoURL is not a git URL', (f) => { f.gitops.formerRepoURLs = ['https://github.com/acme/old.git', 'github.com/acme/old']; }, 'gitops.formerRepoURLs[1]'],
  ['the former repoURLs are not a list', (f) => { f.gitops.formerRepoURLs = 'https://github.com/acme/old.git'; }, 'gitops.formerRepoURLs'],
  ['the target revision is empty', (f) => { f.gitops.targetRevision = ''; }, 'gitops.targetRevision'],
  ['the mesh trust domain is not a DNS name', (f) => { f.mesh.trustDomain = 'Not A Domain'; }, 'mesh.trustDomain'],
  ['a trust domain alias is the trust domain itself', (f) => { f.mesh.trustDomainAliases = ['cluster.local']; }, 'mesh.trustDomainAliases[0]'],
  ['a trust domain alias is listed twice', (f) => { f.mesh.trustDomainAliases = ['old.example', 'old.example']; }, 'mesh.trustDomainAliases[1]'],
  ['the trust domain aliases are not a list', (f) => { f.mesh.trustDomainAliases = 'old.example'; }, 'mesh.trustDomainAliases'],
  ['the state backend type is unknown', (f) => { f.stateBackend = { type: 'consul' }; }, 'stateBackend.type'],
  ['the s3 backend has no bucket', (f) => { f.stateBackend = { type: 's3', region: 'us-west-2' }; }, 'stateBackend.bucket'],
  ['there are no clusters', (f) => { f.clusters = []; }, 'clusters'],
  ['two clusters share a name', (f) => { clusterOf(f, 'gcp-prod').name = 'aws-prod'; }, 'clusters[aws-prod].name'],
  ['a cluster has the fleet\'s name (its root Application would be the fleet\'s)', (f) => { clusterOf(f, 'gcp-prod').name = f.name; }, 'clusters[acme-platform].name'],
  ['a cluster name is not a DNS label', (f) => { clusterOf(f, 'aws-prod').name = 'AWS_Prod'; }, 'clusters[AWS_Prod].name'],
  ['a GKE cluster name is too long for its service account', (f) => { clusterOf(f, 'gcp-prod').name = 'gcp-production-us-central'; }, 'clusters[gcp-production-us-central].name'],
  ['the cloud is unknown', (f) => { clusterOf(f, 'aws-prod').cloud = 'oracle'; }, 'clusters[aws-prod].cloud'],
  ['the region belongs to another cloud', (f) => { clusterOf(f, 'azure-prod').region = 'us-east-1'; }, 'clusters[azure-prod].region'],
  ['a zone is not in the region', (f) => { clusterOf(f, 'aws-prod').zones = ['us-west-2a', 'us-east-1b']; }, 'clusters[aws-prod].zones[1]'],
  ['the Kubernetes version is not offered by the cloud', (f) => { clusterOf(f, 'azure-prod').kubernetesVersion = '1.29'; }, 'clusters[azure-prod].kubernetesVersion'],
  ['the role is unknown', (f) => { clusterOf(f, 'aws-prod').role = 'edge'; }, 'clusters[aws-prod].role'],
  ['there is no management cluster', (f) => { clusterOf(f, 'mgmt').role = 'workload'; }, 'clusters'],
  ['there are two management clusters', (f) => { clusterOf(f, 'aws-prod').role = 'management'; }, 'clusters'],
  ['the env label is missing', (f) => { delete clusterOf(f, 'aws-prod').labels.env; }, 'clusters[aws-prod].labels.env'],
  ['a label key is invalid', (f) => { clusterOf(f, 'aws-prod').labels['-bad-'] = 'x'; }, 'clusters[aws-prod].labels[-bad-]'],
  ['a label value is too long', (f) => { clusterOf(f, 'aws-prod').labels.team = 'x'.repeat(64); }, 'clusters[aws-prod].labels.team'],
  ['a CIDR is not a CIDR', (f) => { clusterOf(f, 'aws-prod').network.nodeCidr = '10.10.0.0'; }, 'clusters[aws-prod].network.nodeCidr'],
  ['a CIDR has host bits set', (f) => { clusterOf(f, 'aws-prod').network.nodeCidr = '10.10.1.0/16'; }, 'clusters[aws-prod].network.nodeCidr'],
  ['a node range is larger than the cloud accepts', (f) => { clusterOf(f, 'aws-prod').network.nodeCidr = '10.0.0.0/8'; }, 'clusters[aws-prod].network.nodeCidr'],
  ['an AKS service range is /12 or larger', (f) => { clusterOf(f, 'azure-prod').network.serviceCidr = '172.16.0.0/12'; }, 'clusters[azure-prod].network.serviceCidr'],
  ['the pod range overlaps the node range', (f) => { clusterOf(f, 'gcp-prod').network.podCidr = '10.20.0.0/14'; }, 'clusters[gcp-prod].network.podCidr'],
  ['an EKS pod range is in another RFC 1918 block than the node range (AWS refuses it as the VPC\'s second range)', (f) => { clusterOf(f, 'aws-prod').network.podCidr = '172.24.0.0/16'; }, 'clusters[aws-prod].network.podCidr'],
  ['the service range overlaps the node range', (f) => { clusterOf(f, 'azure-prod').network.serviceCidr = '10.30.0.0/20'; }, 'clusters[azure-prod].network.serviceCidr'],
  ['two clusters on different clouds overlap', (f) => { clusterOf(f, 'gcp-prod').network.nodeCidr = '10.10.0.0/20'; }, 'clusters[gcp-prod].network.nodeCidr'],
  ['a cluster has no node pools', (f) => { clusterOf(f, 'aws-prod').nodePools = []; }, 'clusters[aws-prod].nodePools'],
  ['a non-AKS cluster names a system pool', (f) => { clusterOf(f, 'gcp-prod').systemPool = 'system'; }, 'clusters[gcp-prod].systemPool'],
  ['an AKS cluster\'s systemPool names no pool of it', (f) => { clusterOf(f, 'azure-prod').systemPool = 'general'; }, 'clusters[azure-prod].systemPool'],
  ['two node pools share a name', (f) => { clusterOf(f, 'aws-prod').nodePools[1].name = 'system'; }, 'clusters[aws-prod].nodePools[system].name'],
  ['an AKS pool name has a hyphen', (f) => { clusterOf(f, 'azure-prod').nodePools[1].name = 'spot-pool'; }, 'clusters[azure-prod].nodePools[spot-pool].name'],
  ['the machine type belongs to another cloud', (f) => { clusterOf(f, 'gcp-prod').nodePools[0].machineType = 'm7i.large'; }, 'clusters[gcp-prod].nodePools[system].machineType'],
  ['minSize is negative', (f) => { clusterOf(f, 'aws-prod').nodePools[0].minSize = -1; }, 'clusters[aws-prod].nodePools[system].minSize'],
  ['minSize is not a whole number', (f) => { clusterOf(f, 'aws-prod').nodePools[0].minSize = 1.5; }, 'clusters[aws-prod].nodePools[system].minSize'],
  ['maxSize is below minSize', (f) => { clusterOf(f, 'aws-prod').nodePools[0].maxSize = 1; }, 'clusters[aws-prod].nodePools[system].maxSize'],
  ['maxSize is zero', (f) => { Object.assign(clusterOf(f, 'aws-prod').nodePools[1], { minSize: 0, maxSize: 0 }); }, 'clusters[aws-prod].nodePools[spot].maxSize'],
  ['maxSize is NaN', (f) => { clusterOf(f, 'aws-prod').nodePools[1].maxSize = NaN; }, 'clusters[aws-prod].nodePools[spot].maxSize'],
  ['a taint effect is unknown', (f) => { clusterOf(f, 'aws-prod').nodePools[1].taints[0].effect = 'Evict'; }, 'clusters[aws-prod].nodePools[spot].taints[0].effect'],
  ['a node pool label key is invalid', (f) => { clusterOf(f, 'gcp-prod').nodePools[0].labels = { 'a/b/c': 'x' }; }, 'clusters[gcp-prod].nodePools[system].labels[a/b/c]'],
  ['the AKS system pool is spot', (f) => { clusterOf(f, 'azure-prod').nodePools[0].spot = true; }, 'clusters[azure-prod].nodePools[system].spot'],
  ['the AKS system pool can scale to zero', (f) => { clusterOf(f, 'azure-prod').nodePools[0].minSize = 0; }, 'clusters[azure-prod].nodePools[system].minSize'],
  ['an AKS cluster has no pool named system (its default pool could move, replacing the cluster)', (f) => { clusterOf(f, 'azure-prod').nodePools[0].name = 'general'; }, 'clusters[azure-prod].nodePools'],
  ['an AKS pool is named like the system pool\'s temporary pool', (f) => { clusterOf(f, 'azure-prod').nodePools.push({ ...clusterOf(f, 'azure-prod').nodePools[1], name: 'rotating' }); }, 'clusters[azure-prod].nodePools[rotating].name'],
  ['an AKS pool is named like another pool\'s temporary pool', (f) => { clusterOf(f, 'azure-prod').nodePools.push({ ...clusterOf(f, 'azure-prod').nodePools[1], name: 'spottmp' }); }, 'clusters[azure-prod].nodePools[spottmp].name'],
  ['an AKS pool is named like its own temporary pool', (f) => { clusterOf(f, 'azure-prod').nodePools[1].name = 'spotpool1tmp'; }, 'clusters[azure-prod].nodePools[spotpool1tmp].name'],
  ['two AKS pools would share a temporary pool', (f) => { const pools = clusterOf(f, 'azure-prod').nodePools; pools[1].name = 'workloads1'; pools.push({ ...pools[1], name: 'workloads2' }); }, 'clusters[azure-prod].nodePools[workloads2].name'],
  ['a GKE cluster has no project', (f) => { delete clusterOf(f, 'gcp-prod').project; }, 'clusters[gcp-prod].project'],
  ['a project is set on an AWS cluster', (f) => { clusterOf(f, 'aws-prod').project = 'acme-platform-prod'; }, 'clusters[aws-prod].project'],
  ['the AWS account id is not 12 digits', (f) => { clusterOf(f, 'aws-prod').accountId = '1234'; }, 'clusters[aws-prod].accountId'],
  ['a disk size is out of range', (f) => { clusterOf(f, 'aws-prod').nodePools[0].diskSizeGb = 5; }, 'clusters[aws-prod].nodePools[system].diskSizeGb'],
  ['an AKS taint has no value', (f) => { clusterOf(f, 'azure-prod').nodePools[1].taints = [{ key: 'dedicated', effect: 'NoSchedule' }]; }, 'clusters[azure-prod].nodePools[spot].taints[0].value'],
  ['an AKS OS disk is below AKS\'s 30 GiB', (f) => { clusterOf(f, 'azure-prod').nodePools[0].diskSizeGb = 25; }, 'clusters[azure-prod].nodePools[system].diskSizeGb'],
];

/** Apps and mesh services (issue: Kubernetes layer). */
BAD_FLEETS.push(
  ['an app has two sources', (f) => { f.apps[0].source.git = { path: 'x' }; }, 'apps[podinfo].source'],
  ['an app chart version is a range', (f) => { f.apps[0].source.helm.version = '^6.7.0'; }, 'apps[podinfo].source.helm.version'],
  ['an app Helm repo is not https or oci', (f) => { f.apps[0].source.helm.repoURL = 'http://charts.example.com'; }, 'apps[podinfo].source.helm.repoURL'],
  ['an app overrides a cluster it does not run on', (f) => { f.apps[0].overrides = { mgmt: { a: 1 } }; }, 'apps[podinfo].overrides[mgmt]'],
  ['an app selects no cluster', (f) => { f.apps[1].clusters = { matchLabels: { env: 'staging' } }; }, 'apps[checkout].clusters.matchLabels'],
  ['git values without helm', (f) => { f.apps[1].source.git.helm = false; }, 'apps[checkout].source.git.values'],
  ['a git folder is both a Helm chart and a Kustomization', (f) => { f.apps[1].source.git.kustomize = true; }, 'apps[checkout].source.git.kustomize'],
  ['kustomize is not a boolean', (f) => { delete f.apps[1].source.git.helm; delete f.apps[1].source.git.values; f.apps[1].source.git.kustomize = 'yes'; }, 'apps[checkout].source.git.kustomize'],
  ['an app installs into a platform namespace', (f) => { f.apps[0].namespace = 'istio-system'; }, 'apps[podinfo].namespace'],
  ['a mesh service endpoint names an unknown cluster', (f) => { f.meshServices[0].endpoints[0].cluster = 'oci-prod'; }, 'meshServices[api].endpoints[0].cluster'],
  ['a mesh service port is out of range', (f) => { f.meshServices[0].ports[0].number = 70000; }, 'meshServices[api].ports[https].number'],
  ['a STATIC endpoint is not an IP', (f) => { f.meshServices[0].resolution = 'STATIC'; }, 'meshServices[api].endpoints[0].address'],
  // istiod's webhook refuses both (istio 1.30.3 pkg/config/validation/agent/validation.go ValidateDNS1123Labels, IsDNS1123Label).
  ['a DNS endpoint address ends in a numeric label', (f) => { f.meshServices[0].endpoints[0].address = 'api.gcp-prod.internal.123'; }, 'meshServices[api].endpoints[0].address'],
  // Not an IPv4 address to Go's netip.ParseAddr (an octet above 255, a leading zero), so a name ending in a numeric label to istiod.
  ['a DNS endpoint address is an IPv4 address with an octet above 255', (f) => { f.meshServices[0].endpoints[0].address = '10.20.0.256'; }, 'meshServices[api].endpoints[0].address'],
  ['a DNS endpoint address is an IPv4 address with a leading zero', (f) => { f.meshServices[0].endpoints[0].address = '10.20.0.015'; }, 'meshServices[api].endpoints[0].address'],
  ['a mesh port name is longer than 63 characters', (f) => { f.meshServices[0].ports[0].name = `https-${'a'.repeat(60)}`; }, `meshServices[api].ports[https-${'a'.repeat(60)}].name`],
  ['an external host has a label longer than 63 characters', (f) => { f.meshServices[0].host = `${'a'.repeat(64)}.example.com`; }, 'meshServices[api].host'],
  ['the failover order leaves out a cloud of the endpoints', (f) => { f.meshServices[0].failover.order = ['gcp']; }, 'meshServices[api].failover.order'],
  ['a mesh service names both a namespace and a host', (f) => { f.meshServices[0].namespace = 'api'; }, 'meshServices[api]'],
  ['an in-mesh service runs on an unknown cluster', (f) => { f.meshServices[1].clusters = ['aws-prod', 'oci-prod']; }, 'meshServices[podinfo].clusters[1]'],
  ['an in-mesh service has endpoints', (f) => { f.meshServices[1].endpoints = []; }, 'meshServices[podinfo].endpoints'],
  ['an external endpoint names an Istio network', (f) => { f.meshServices[0].endpoints[0].network = 'gcp-prod-net'; }, 'meshServices[api].endpoints[0].network'],
  ['two ports of a mesh service share a number', (f) => { f.meshServices[0].ports.push({ number: 443, name: 'tls', protocol: 'TLS' }); }, 'meshServices[api].ports[tls].number'],
  ['two endpoints share an address in one locality', (f) => { f.meshServices[0].endpoints.push({ ...f.meshServices[0].endpoints[0] }); }, 'meshServices[api].endpoints[2].address'],
  ['the failover order names a cloud that does not serve it', (f) => { f.meshServices[0].failover.order = ['gcp', 'aws', 'azure']; }, 'meshServices[api].failover.order'],
  ['outlier detection ejects more than 100%', (f) => { f.meshServices[0].failover.outlierDetection = { maxEjectionPercent: 120 }; }, 'meshServices[api].failover.outlierDetection.maxEjectionPercent'],
);

/** Found by fuzzing: input the output check used to be first to catch. */
BAD_FLEETS.push(
  ['a state key prefix is not a string', (f) => { f.stateBackend.keyPrefix = {}; }, 'stateBackend.keyPrefix'],
  ['a node label value is empty', (f) => { clusterOf(f, 'gcp-prod').nodePools[0].labels['node-role'] = ''; }, 'clusters[gcp-prod].nodePools[system].labels.node-role'],
  ['a taint value is empty', (f) => { clusterOf(f, 'aws-prod').nodePools[1].taints[0].value = ''; }, 'clusters[aws-prod].nodePools[spot].taints[0].value'],
  ['a Helm value is null', (f) => { f.apps[1].source.git.values.image.tag = null; }, 'apps[checkout].source.git.values.image.tag'],
  ['a per-cluster Helm value is empty', (f) => { f.apps[0].overrides['aws-prod'].replicaCount = ''; }, 'apps[podinfo].overrides[aws-prod].replicaCount'],
);

/** From the adversarial review of input handling: input the output check, or nothing, used to be first to catch. */
BAD_FLEETS.push(
  ['a cluster label value is "undefined"', (f) => { clusterOf(f, 'aws-prod').labels.team = 'undefined'; }, 'clusters[aws-prod].labels.team'],
  ['a node label value is "NaN"', (f) => { clusterOf(f, 'aws-prod').nodePools[0].labels['node-role'] = 'NaN'; }, 'clusters[aws-prod].nodePools[system].labels.node-role'],
  ['a Helm value is "undefined"', (f) => { f.apps[0].source.helm.values.x = 'undefined'; }, 'apps[podinfo].source.helm.values.x'],
  ['a Helm value is a Date', (f) => { f.apps[0].source.helm.values.when = new Date(0); }, 'apps[podinfo].source.helm.values.when'],
  ['Helm values contain themselves', (f) => { f.apps[0].source.helm.values.self = f.apps[0].source.helm.values; }, 'apps[podinfo].source.helm.values.self'],
  ['a Helm value is a PEM private key', (f) => { f.apps[0].source.helm.values.key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n'; }, 'apps[podinfo].source.helm.values.key'],
  ['a Helm value holds a literal password', (f) => { f.apps[0].source.helm.values.auth = { password: 'hunter2hunter2' }; }, 'apps[podinfo].source.helm.values.auth.password'],
);

/** Argo CD's access (lib/fleet/validate-argocd-access.ts). */
BAD_FLEETS.push(
  ['an EKS workload cluster has no account id', (f) => { delete clusterOf(f, 'aws-prod').accountId; }, 'clusters[aws-prod].accountId'],
  ['a cluster takes the name of an account\'s OIDC provider stack', (f) => { clusterOf(f, 'azure-prod').name = 'argocd-oidc-111122223333'; }, 'clusters[argocd-oidc-111122223333].name'],
);

/** State keys Terraform refuses and network ranges the clouds refuse or outgrow (lib/fleet/validate-state-backend.ts, validate-provider-rules.ts, validate-pod-range-capacity.ts). */
BAD_FLEETS.push(
  ['an S3 state key prefix starts with "/"', (f) => { f.stateBackend.keyPrefix = '/fleetsynth/'; }, 'stateBackend.keyPrefix'],
  ['an S3 state key prefix contains "//"', (f) => { f.stateBackend.keyPrefix = 'states//fleetsynth/'; }, 'stateBackend.keyPrefix'],
  ['a cluster\'s S3 state key prefix starts with "/"', (f) => { clusterOf(f, 'aws-prod').stateBackend = { ...f.stateBackend, keyPrefix: '/aws-prod/' }; }, 'clusters[aws-prod].stateBackend.keyPrefix'],
  ['an AKS service range is in 172.31.0.0/16, which AKS reserves', (f) => { clusterOf(f, 'azure-prod').network.serviceCidr = '172.31.0.0/16'; }, 'clusters[azure-prod].network.serviceCidr'],
  ['an AKS service range is in 172.30.0.0/16, which AKS reserves', (f) => { clusterOf(f, 'azure-prod').network.serviceCidr = '172.30.0.0/20'; }, 'clusters[azure-prod].network.serviceCidr'],
  ['an AKS service range is in 169.254.0.0/16, which AKS reserves', (f) => { clusterOf(f, 'azure-prod').network.serviceCidr = '169.254.0.0/16'; }, 'clusters[azure-prod].network.serviceCidr'],
  ['an AKS service range is 192.0.2.0/24, which AKS reserves', (f) => { clusterOf(f, 'azure-prod').network.serviceCidr = '192.0.2.0/24'; }, 'clusters[azure-prod].network.serviceCidr'],
  ['an AKS pod range has a /24 for fewer nodes than the pools reach', (f) => { clusterOf(f, 'azure-prod').network.podCidr = '10.32.0.0/22'; }, 'clusters[azure-prod].network.podCidr'],
  ['a GKE pod range has a /24 for fewer nodes than the pools reach', (f) => { clusterOf(f, 'gcp-prod').network.podCidr = '10.24.0.0/21'; }, 'clusters[gcp-prod].network.podCidr'],
);

/** EKS and GKE cluster Terraform the provider or the cloud would refuse or never finish (review of the cluster stacks). */
BAD_FLEETS.push(
  ['every EKS pool with minSize >= 1 has a NoSchedule taint', (f) => { clusterOf(f, 'aws-prod').nodePools[0].taints = [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }]; }, 'clusters[aws-prod].nodePools'],
  ['an EKS pool\'s instance family has no AMI type fleetsynth knows', (f) => { clusterOf(f, 'aws-prod').nodePools[1].machineType = 'g4ad.xlarge'; }, 'clusters[aws-prod].nodePools[spot].machineType'],
  ['an EKS node label key is longer than the 63 characters EKS takes', (f) => { clusterOf(f, 'aws-prod').nodePools[0].labels = { [`platform.example.com/${'x'.repeat(43)}`]: 'x' }; }, `clusters[aws-prod].nodePools[system].labels[platform.example.com/${'x'.repeat(43)}]`],
  ['an EKS taint key is longer than the 63 characters EKS takes', (f) => { clusterOf(f, 'aws-prod').nodePools[1].taints[0].key = `platform.example.com/${'x'.repeat(43)}`; }, 'clusters[aws-prod].nodePools[spot].taints[0].key'],
  ['deletionProtection is set on an EKS cluster', (f) => { clusterOf(f, 'aws-prod').deletionProtection = false; }, 'clusters[aws-prod].deletionProtection'],
  ['deletionProtection is not a boolean', (f) => { clusterOf(f, 'gcp-prod').deletionProtection = 'no'; }, 'clusters[gcp-prod].deletionProtection'],
  ['istioCni is not a boolean', (f) => { clusterOf(f, 'azure-prod').istioCni = 'off'; }, 'clusters[azure-prod].istioCni'],
);
