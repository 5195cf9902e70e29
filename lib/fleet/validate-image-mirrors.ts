import { Cloud, CLOUDS } from './cluster';
import { ECR_PRIVATE_HOST, isEcrMirror, MIRRORED_REGISTRIES, splitImage } from './image-mirrors';
import type { ResolvedCluster } from './resolve-fleet';
import { isRecord, keyPath, Problems } from './problems';

/*
 * `imageMirrors` (the fleet's per cloud, and each cluster's): every value is where a cloud's nodes can
 * pull the platform's images from. Keys other than the registries the platform pulls from are
 * reported, with the closest one, by the fleet's unknown-field check (unknown-fields.ts).
 */

// distribution/reference regexp.go: a domain component, and a path component (lowercase only).
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = new RegExp(`^${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * The private registries each cloud's kubelet has credentials for, and nothing else's does: EKS nodes
 * authenticate to ECR (the node role, ecr-credential-provider), GKE nodes to Artifact Registry (their
 * service account), AKS nodes to ACR (the kubelet identity). A node of another cloud pulls anonymously.
 * ECR serves no anonymous pull (every pull needs an authorization token from GetAuthorizationToken, which
 * takes AWS credentials: ECR User Guide, "Private registry authentication in Amazon ECR"), so it is refused
 * there. An Artifact Registry repository serves one when the Artifact Registry Reader role is granted to
 * `allUsers` (Artifact Registry docs, "Configure roles and permissions"), an ACR registry when its anonymous
 * pull access is on (Standard and Premium tiers: ACR docs, "Make your container registry content publicly
 * available", anonymous-pull-access): those work, so synth only warns (crossCloudMirrorWarnings).
 */
const PRIVATE_REGISTRY: readonly { readonly cloud: Cloud; readonly host: RegExp; readonly what: string; readonly public?: string }[] = [
  { cloud: 'aws', host: ECR_PRIVATE_HOST, what: 'an ECR private registry' },
  { cloud: 'gcp', host: /^[a-z0-9-]+-docker\.pkg\.dev$/, what: 'an Artifact Registry repository', public: 'the Artifact Registry Reader role granted to allUsers' },
  { cloud: 'azure', host: /^[a-z0-9]+\.azurecr\.(io|cn|us)$/, what: 'an Azure Container Registry', public: 'its anonymous pull access on' },
];

const SERVICE: Readonly<Record<Cloud, string>> = { aws: 'EKS', gcp: 'GKE', azure: 'AKS' };

const EXAMPLE: Readonly<Record<Cloud, string>> = {
  aws: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub',
  gcp: 'europe-west1-docker.pkg.dev/my-project/docker-hub',
  azure: 'myregistry.azurecr.io/docker-hub',
};

/** Problems with the fleet's `imageMirrors` (one map per cloud). */
export function checkFleetImageMirrors(p: Problems, mirrors: unknown): void {
  if (mirrors === undefined) return;
  if (!isRecord(mirrors)) {
    p.add('imageMirrors', 'must be an object with a map of mirrors per cloud', mirrors, '{ aws?: { "docker.io": "…" }, gcp?: {…}, azure?: {…} }');
    return;
  }
  for (const cloud of CLOUDS) checkImageMirrors(p, `imageMirrors.${cloud}`, mirrors[cloud], cloud);
}

/**
 * Problems with one map of mirrors, used by clusters of `cloud` (undefined: the cluster's cloud is not known).
 * A cluster's map is checked with `inherited`, the fleet's map for its cloud, whose mirrors it keeps for the
 * registries it names none for (resolveImageMirrors): one ECR mirror must not serve two registries across both.
 */
export function checkImageMirrors(p: Problems, path: string, mirrors: unknown, cloud: Cloud | undefined, inherited?: unknown): void {
  if (mirrors === undefined) return;
  if (!isRecord(mirrors)) {
    p.add(path, 'must be a map from a registry to its mirror', mirrors, `e.g. { "docker.io": "${EXAMPLE[cloud ?? 'aws']}" }`);
    return;
  }
  const ecrRules = new Map<string, string>();
  // The fleet's ECR mirrors the cluster keeps (their own problems are reported at the fleet's map).
  for (const registry of isRecord(inherited) ? MIRRORED_REGISTRIES : []) {
    const kept = (inherited as Record<string, unknown>)[registry];
    if (mirrors[registry] === undefined && typeof kept === 'string' && isEcrMirror(kept) && !ecrRules.has(kept)) ecrRules.set(kept, `${registry} (the fleet's imageMirrors.${cloud}, which this cluster keeps)`);
  }
  for (const registry of MIRRORED_REGISTRIES) {
    const mirror = mirrors[registry];
    if (mirror === undefined) continue;
    const before = p.list.length;
    checkMirror(p, keyPath(path, registry), mirror, cloud);
    if (p.list.length > before || typeof mirror !== 'string' || !isEcrMirror(mirror)) continue;
    // An ECR pull through cache rule has one upstream registry for its prefix (ECR API CreatePullThroughCacheRule:
    // ecrRepositoryPrefix, upstreamRegistryUrl), so one ECR mirror cannot serve two registries.
    const other = ecrRules.get(mirror);
    if (other !== undefined) p.add(keyPath(path, registry), `is also the mirror of ${other}: an ECR pull through cache rule has one upstream registry, so one of them would be pulled from the other's`, mirror, `the prefix of a rule whose upstream is ${registry}`);
    else ecrRules.set(mirror, registry);
  }
}

function checkMirror(p: Problems, path: string, value: unknown, cloud: Cloud | undefined): void {
  const shape = 'a registry host and optional path, without scheme, tag or trailing slash';
  const example = `e.g. "${EXAMPLE[cloud ?? 'aws']}"`;
  if (typeof value !== 'string' || value.trim() === '') {
    p.add(path, 'must be the address of a registry mirror', value, `${shape}, ${example}`);
    return;
  }
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
  if (scheme) {
    p.add(path, 'has a scheme: an image reference names a registry without one (nodes pull over HTTPS)', value, `"${value.slice(scheme[0].length).replace(/\/+$/, '')}"`);
    return;
  }
  if (value.endsWith('/')) {
    p.add(path, 'ends with "/": the image path is appended after one', value, `"${value.replace(/\/+$/, '')}"`);
    return;
  }
  const [host, ...segments] = value.split('/');
  const last = segments.length > 0 ? segments[segments.length - 1] : '';
  if (value.includes('@') || last.includes(':')) {
    p.add(path, 'names a tag or digest: a mirror is where images are, each chart adds its own tag', value, `"${value.replace(/@.*$/, '').replace(/(\/[^/:]*):[^/]*$/, '$1')}"`);
    return;
  }
  if (!HOST.test(host)) {
    p.add(path, 'does not start with a registry host', value, `${shape}, ${example}`);
    return;
  }
  // distribution/reference normalize.go splitDockerDomain: a first segment without "." or ":" (and not
  // "localhost") is a Docker Hub namespace, so `mirror/x/istio/proxyv2` would be pulled from Docker Hub.
  if (!host.includes('.') && !host.includes(':') && host !== 'localhost') {
    p.add(path, `"${host}" would be read as a Docker Hub namespace, not a registry: a registry host has a "." or a port`, value, `the registry's full host name, ${example}`);
    return;
  }
  const bad = segments.find((s) => !PATH_COMPONENT.test(s));
  if (bad !== undefined) {
    p.add(path, `path segment "${bad}" is not a valid repository name part (lowercase letters, digits, and ".", "_", "__" or "-" between them)`, value, `${shape}, ${example}`);
    return;
  }
  const owner = PRIVATE_REGISTRY.find((r) => r.host.test(host));
  if (owner && owner.public === undefined && cloud !== undefined && owner.cloud !== cloud) {
    const own = PRIVATE_REGISTRY.find((r) => r.cloud === cloud)!;
    p.add(path, `is ${owner.what}, which ${SERVICE[cloud]} nodes have no credentials for, and which serves no anonymous pull`, value, `${own.what} or a registry that serves anonymous pulls, ${example}`);
  }
}

/**
 * One warning per mirror of a cluster that is another cloud's Artifact Registry repository or ACR registry
 * (resolved fleet): its nodes pull from it anonymously, which works only where it is made public.
 */
export function crossCloudMirrorWarnings(fleet: { readonly clusters: readonly Pick<ResolvedCluster, 'name' | 'cloud' | 'imageMirrors'>[] }): string[] {
  return fleet.clusters.flatMap((c) =>
    Object.entries(c.imageMirrors ?? {}).flatMap(([registry, mirror]) => {
      const owner = PRIVATE_REGISTRY.find((r) => r.host.test(splitImage(mirror).registry));
      if (!owner || owner.cloud === c.cloud || owner.public === undefined) return [];
      return [
        `${SERVICE[c.cloud]} cluster ${c.name}: its nodes pull the platform's ${registry} images from ${mirror}, ${owner.what}, with no credentials for it: ` +
          `anonymously, which works only with ${owner.public}; otherwise every such pod stays in ImagePullBackOff`,
      ];
    }),
  );
}
