import { Cloud } from './cluster';
import { HelmValues, mergeHelmValues } from './fleet-app';

/*
 * Registry mirrors (pull-through caches) for the platform's images. Every platform image is its pinned
 * chart's default, pulled from the registry the chart names; a mirror replaces that registry with a
 * cache's address and keeps the image's path after it (`docker.io/istio/proxyv2` →
 * `<mirror>/istio/proxyv2`), which is how each cloud's cache names what it caches:
 *  - ECR pull through cache: `<account>.dkr.ecr.<region>.amazonaws.com/<prefix>/<upstream path>`, and for
 *    Docker Hub official images "the /library prefix must be included" (ECR User Guide,
 *    pull-through-cache-working-pulling);
 *  - Artifact Registry remote repository: `<location>-docker.pkg.dev/<project>/<repository>/<upstream path>`
 *    (Artifact Registry docs, "Remote repositories overview");
 *  - ACR artifact cache with a wildcard rule `docker.io/*` → `<path>/*`: `<registry>.azurecr.io/<path>/<upstream path>`,
 *    official images under `library/` (ACR docs artifact-cache-overview, "Wildcards"; troubleshoot-artifact-cache:
 *    "the correct Repository Path is docker.io/library/hello-world").
 */

/**
 * A mirror for each registry the platform pulls from: the cache's address, a registry host (with a
 * port if it needs one) and the path under which it keeps that registry's images, without scheme or
 * trailing slash, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub`. Only the registries
 * the pinned charts pull from are keys here (README, "Where the nodes pull the platform's images from").
 */
export interface ImageMirrors {
  /** Docker Hub: Istio's `pilot` and `proxyv2` (every injected pod and gateway), Alloy, Loki, Mimir, Grafana and their gateways and caches. */
  readonly 'docker.io'?: string;
  /** Amazon ECR Public by its dual-stack name, as Argo CD's chart spells it (`ecr-public.aws.com/docker/library/redis`; the registry of `public.ecr.aws`: ECR Public User Guide, "Making requests to Amazon ECR Public registries"). */
  readonly 'ecr-public.aws.com'?: string;
  /** GitHub Container Registry: External Secrets, the Prometheus Operator's `kube-webhook-certgen`, Loki's gateway log exporter. */
  readonly 'ghcr.io'?: string;
  /** Quay: Argo CD, cert-manager, istio-csr, Prometheus and its operator and node-exporter, Alloy's config reloader, Grafana's sidecar. */
  readonly 'quay.io'?: string;
  /** The Kubernetes registry: Cluster Autoscaler, Metrics Server, kube-state-metrics, Loki's `kubectl` job. */
  readonly 'registry.k8s.io'?: string;
}

/** A registry the platform's pinned charts pull from: the keys of ImageMirrors. */
export type MirroredRegistry = keyof ImageMirrors;

// A Record, so that a registry added to ImageMirrors and not here fails to compile.
const REGISTRIES: Readonly<Record<MirroredRegistry, true>> = { 'docker.io': true, 'ecr-public.aws.com': true, 'ghcr.io': true, 'quay.io': true, 'registry.k8s.io': true };
/** Every registry the platform pulls from, sorted (test/chart-images.test.ts derives it from the charts' images). */
export const MIRRORED_REGISTRIES: readonly MirroredRegistry[] = (Object.keys(REGISTRIES) as MirroredRegistry[]).sort();

/** The fleet's default mirrors per cloud: caches are per cloud (and ECR's per region), so each cloud has its own. */
export interface FleetImageMirrors {
  /** Mirrors of the EKS clusters that set none of their own for a registry. @default none */
  readonly aws?: ImageMirrors;
  /** Mirrors of the GKE clusters that set none of their own for a registry. @default none */
  readonly gcp?: ImageMirrors;
  /** Mirrors of the AKS clusters that set none of their own for a registry. @default none */
  readonly azure?: ImageMirrors;
}

/** A cluster's mirrors: the fleet's for its cloud, each registry the cluster names replaced by the cluster's. Sorted by registry. */
export function resolveImageMirrors(cloud: Cloud, fleet: FleetImageMirrors | undefined, cluster: ImageMirrors | undefined): ImageMirrors {
  const merged: Record<string, string> = { ...(fleet?.[cloud] ?? {}), ...(cluster ?? {}) };
  return Object.fromEntries(MIRRORED_REGISTRIES.filter((r) => merged[r] !== undefined).map((r) => [r, merged[r]]));
}

/** Docker Hub: an image named by one path segment (`memcached`) is an official image, `library/memcached` (distribution/reference normalize.go). */
const DOCKER_HUB = 'docker.io';

/**
 * An image name without tag or digest (`docker.io/istio/proxyv2`) as pulled through its registry's
 * mirror, or as given when its registry has none. Docker Hub's official images gain their `library/`
 * segment, which a cache needs and Docker Hub itself implies.
 */
export function mirroredImage(mirrors: ImageMirrors | undefined, image: string): string {
  return mirrored(mirrors, image, true);
}

/**
 * A registry, or a registry and namespace, that a chart puts image names after (Istio's `global.hub`
 * `docker.io/istio`, cert-manager's `imageRegistry` `quay.io`), through its registry's mirror. Not an
 * image itself: `istio` here is Docker Hub's `istio` namespace, never an official image.
 */
export function mirroredPrefix(mirrors: ImageMirrors | undefined, prefix: string): string {
  return mirrored(mirrors, prefix, false);
}

function mirrored(mirrors: ImageMirrors | undefined, name: string, isImage: boolean): string {
  const { registry, path } = splitImage(name);
  const mirror = mirrors?.[registry as MirroredRegistry];
  if (mirror === undefined) return name;
  const full = isImage && registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
  return full === '' ? mirror : `${mirror}/${full}`;
}

/** The registry (everything before the first `/`) and the path of an image reference that names its registry. */
export function splitImage(image: string): { registry: string; path: string } {
  const slash = image.indexOf('/');
  return slash < 0 ? { registry: image, path: '' } : { registry: image.slice(0, slash), path: image.slice(slash + 1) };
}

/**
 * One image a chart runs, and where its values name it:
 *  - `image`: one value holds the image's name, registry first (`image.repository: quay.io/argoproj/argocd`);
 *  - `registry`: two values, `<at>.registry` and `<at>.repository`, which the chart joins with a `/`;
 *  - `prefix`: one value holds a registry or namespace the chart puts image names after (Istio's
 *    `global.hub: docker.io/istio`, cert-manager's `imageRegistry: quay.io`).
 */
export interface ChartImage {
  /** The image (or, for `prefix`, the registry and namespace) as the pinned chart names it by default, without tag: `docker.io/grafana/alloy`. */
  readonly image: string;
  /** The value's path, dot-separated (`image.repository`, `global.hub`); for `registry`, the object's that holds both (`prometheus.prometheusSpec.image`). */
  readonly at: string;
  readonly spelling: 'image' | 'registry' | 'prefix';
}

/**
 * The Helm values that point a chart's images at the cluster's mirrors: nothing for an image whose
 * registry has no mirror, so a fleet without mirrors renders exactly as before.
 */
export function chartImageValues(mirrors: ImageMirrors | undefined, images: readonly ChartImage[]): HelmValues {
  let values: HelmValues = {};
  for (const { image, at, spelling } of images) {
    const to = spelling === 'prefix' ? mirroredPrefix(mirrors, image) : mirroredImage(mirrors, image);
    if (to === image) continue;
    const mirror = mirrors![splitImage(image).registry as MirroredRegistry]!;
    const leaf = spelling === 'registry' ? { registry: mirror, repository: to.slice(mirror.length + 1) } : to;
    values = mergeHelmValues(values, at.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), leaf) as HelmValues);
  }
  return values;
}

/**
 * An ECR private registry's host, IPv4 (`<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]`) or dual-stack
 * (`<account>.dkr-ecr[-fips].<region>.on.aws`, `….on.amazonwebservices.com.cn`): the patterns EKS nodes'
 * ECR credential provider serves (awslabs/amazon-eks-ami v20260724 nodeadm, image credential provider
 * `matchImages`; ECR User Guide, "Making requests to Amazon ECR registries").
 */
export const ECR_PRIVATE_HOST = /^([0-9]{12})\.(?:dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?|dkr-ecr(?:-fips)?\.([a-z0-9-]+)\.on\.aws|dkr-ecr\.([a-z0-9-]+)\.on\.amazonwebservices\.com\.cn)$/;

/** Whether a mirror's address is in an ECR private registry (its host, before the first `/`). */
export function isEcrMirror(mirror: string): boolean {
  return ECR_PRIVATE_HOST.test(splitImage(mirror).registry);
}

/** The ECR repositories a pull through cache creates for mirrored images: those under `prefix` in one account's registry of one region. */
export interface EcrCacheRepositories {
  readonly account: string;
  readonly region: string;
  /** The mirror's path, the cache rule's repository prefix (`docker-hub`); empty for a rule without one (ROOT). */
  readonly prefix: string;
}

/**
 * The ECR pull through caches among a cluster's mirrors, each once, sorted: the first pull of an image
 * creates its repository and imports it, which needs `ecr:CreateRepository` and `ecr:BatchImportUpstreamImage`
 * besides the pull permissions (ECR User Guide, "IAM permissions required to sync an upstream registry").
 */
export function ecrCacheRepositories(mirrors: ImageMirrors | undefined): EcrCacheRepositories[] {
  const found = new Map<string, EcrCacheRepositories>();
  for (const mirror of Object.values(mirrors ?? {})) {
    if (mirror === undefined) continue;
    const { registry: host, path: prefix } = splitImage(mirror);
    const m = ECR_PRIVATE_HOST.exec(host);
    if (!m) continue;
    const region = m[2] ?? m[3] ?? m[4];
    found.set(`${m[1]} ${region} ${prefix}`, { account: m[1], region, prefix });
  }
  return [...found.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}
