import { clusterManifestFolder, minorOf, Problem, ResolvedCluster } from '../fleet';

/*
 * Which Kubernetes minors serve the built-in API versions the schema check accepts. The check
 * validates against `kubernetes-models` 5.1.0, generated from Kubernetes 1.36.0's OpenAPI merged with
 * older releases' (tommy351/kubernetes-models-ts first-party/kubernetes-models/scripts/generate.ts:
 * VERSIONS "1.15.5" … "1.32.0", latest "1.36.0", to keep removed APIs): it accepts API versions no minor
 * the catalog offers serves (policy/v1beta1 PodSecurityPolicy, autoscaling/v2beta2, …) and kinds only
 * newer minors serve. The API server answers such an object with "no matches for kind" and Argo CD's sync
 * of it fails. Only the served-by-default GA API versions the package holds newer than 1.32, and the
 * removed ones, are listed; every other built-in API version it holds is served from 1.32 to 1.36.
 * Fields are not told apart per minor (README, "Output validation").
 */

/** The package and the Kubernetes release this table was read against (served-apis.test.ts checks the installed one). */
export const SERVED_APIS_REVIEWED_AGAINST = { package: 'kubernetes-models', version: '5.1.0', kubernetes: '1.36.0' } as const;

interface Serving {
  /** The first minor that serves it by default. @default every minor the catalog offers */
  readonly since?: string;
  /** The first minor that no longer serves it. @default still served */
  readonly removedIn?: string;
  /** What to use instead. */
  readonly use?: string;
}

/**
 * By `<apiVersion>` or, where kinds of one version differ, `<apiVersion>/<Kind>` (that wins). Removals:
 * kubernetes.io/docs/reference/using-api/deprecation-guide/ ("Removed APIs by release", v1.16 to v1.32;
 * extensions/v1beta1 PodSecurityPolicy: kubernetes.io/blog/2019/07/18/api-deprecations-in-1-16/).
 */
const SERVING: Readonly<Record<string, Serving>> = {
  // kubernetes/kubernetes#136039 (KEP-3962): MutatingAdmissionPolicy GA in 1.36; v1beta1 (1.34, 1.35) is off by default.
  'admissionregistration.k8s.io/v1/MutatingAdmissionPolicy': { since: '1.36' },
  'admissionregistration.k8s.io/v1/MutatingAdmissionPolicyBinding': { since: '1.36' },
  // kubernetes/kubernetes#128971 (KEP-1880): ServiceCIDR and IPAddress GA in 1.33 (v1beta1 before, off by default).
  'networking.k8s.io/v1/IPAddress': { since: '1.33' },
  'networking.k8s.io/v1/ServiceCIDR': { since: '1.33' },
  // KEP-4381: resource.k8s.io/v1 (DRA) GA in 1.34 (kubernetes/website#52123); v1beta1 before.
  'resource.k8s.io/v1': { since: '1.34' },
  // KEP-3751: VolumeAttributesClass storage.k8s.io/v1 in 1.34 (openshift/cluster-kube-apiserver-operator#1949).
  'storage.k8s.io/v1/VolumeAttributesClass': { since: '1.34' },
  'admissionregistration.k8s.io/v1beta1': { removedIn: '1.22', use: 'admissionregistration.k8s.io/v1' },
  'apiextensions.k8s.io/v1beta1': { removedIn: '1.22', use: 'apiextensions.k8s.io/v1' },
  'apiregistration.k8s.io/v1beta1': { removedIn: '1.22', use: 'apiregistration.k8s.io/v1' },
  'apps/v1beta1': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta2': { removedIn: '1.16', use: 'apps/v1' },
  'authentication.k8s.io/v1beta1': { removedIn: '1.22', use: 'authentication.k8s.io/v1' },
  'authorization.k8s.io/v1beta1': { removedIn: '1.22', use: 'authorization.k8s.io/v1' },
  'autoscaling/v2beta1': { removedIn: '1.25', use: 'autoscaling/v2' },
  'autoscaling/v2beta2': { removedIn: '1.26', use: 'autoscaling/v2' },
  'batch/v1beta1': { removedIn: '1.25', use: 'batch/v1' },
  'certificates.k8s.io/v1beta1': { removedIn: '1.22', use: 'certificates.k8s.io/v1' },
  'coordination.k8s.io/v1beta1': { removedIn: '1.22', use: 'coordination.k8s.io/v1' },
  'discovery.k8s.io/v1beta1': { removedIn: '1.25', use: 'discovery.k8s.io/v1' },
  'events.k8s.io/v1beta1': { removedIn: '1.25', use: 'events.k8s.io/v1' },
  'extensions/v1beta1': { removedIn: '1.16', use: 'apps/v1' },
  'extensions/v1beta1/Ingress': { removedIn: '1.22', use: 'networking.k8s.io/v1' },
  'extensions/v1beta1/NetworkPolicy': { removedIn: '1.16', use: 'networking.k8s.io/v1' },
  'extensions/v1beta1/PodSecurityPolicy': { removedIn: '1.16', use: 'Pod Security Admission (namespace labels pod-security.kubernetes.io/*)' },
  'flowcontrol.apiserver.k8s.io/v1beta1': { removedIn: '1.26', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta2': { removedIn: '1.29', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta3': { removedIn: '1.32', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'networking.k8s.io/v1beta1': { removedIn: '1.22', use: 'networking.k8s.io/v1' },
  'node.k8s.io/v1beta1': { removedIn: '1.25', use: 'node.k8s.io/v1' },
  'policy/v1beta1': { removedIn: '1.25', use: 'policy/v1' },
  'policy/v1beta1/PodSecurityPolicy': { removedIn: '1.25', use: 'Pod Security Admission (namespace labels pod-security.kubernetes.io/*)' },
  'rbac.authorization.k8s.io/v1beta1': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'scheduling.k8s.io/v1beta1': { removedIn: '1.22', use: 'scheduling.k8s.io/v1' },
  'storage.k8s.io/v1beta1': { removedIn: '1.22', use: 'storage.k8s.io/v1' },
  'storage.k8s.io/v1beta1/CSIStorageCapacity': { removedIn: '1.27', use: 'storage.k8s.io/v1' },
};

/** The API versions of built-in kinds the table has an entry for (served-apis.test.ts: every non-GA one the package holds). */
export const LISTED_API_VERSIONS: readonly string[] = Object.keys(SERVING);

/**
 * API versions of the platform charts' CRDs that the pinned chart installs with `served: false`: the schema
 * package still holds them (@kubernetes-models/external-secrets), so only the API server would refuse them.
 * `chart` names the release read (served-apis.test.ts ties it to the pin, so a bump re-reads it).
 */
export const CHART_UNSERVED: Readonly<Record<string, { readonly chart: string; readonly version: string; readonly use: string }>> = {
  // external-secrets helm-chart-2.9.0 config/crds/bases/external-secrets.io_{externalsecrets,secretstores,
  // clustersecretstores,clusterexternalsecrets}.yaml: v1 served, v1beta1 `served: false`.
  'external-secrets.io/v1beta1': { chart: 'External Secrets', version: '2.9.0', use: 'external-secrets.io/v1' },
};

/** Why Kubernetes `minor` (`1.34`) does not serve `<apiVersion>` `kind`, or undefined when it does (or it is not listed here). */
export function unservedBecause(apiVersion: string, kind: string, minor: string): string | undefined {
  const crd = CHART_UNSERVED[apiVersion];
  if (crd) return `${apiVersion} ${kind} is not served by the CRDs of ${crd.chart} ${crd.version}, which the platform installs (use ${crd.use})`;
  const serving = SERVING[`${apiVersion}/${kind}`] ?? SERVING[apiVersion];
  const at = minorOf(minor);
  if (!serving || at === undefined) return undefined;
  if (serving.since && at < minorOf(serving.since)!) return `${apiVersion} ${kind} is not served by Kubernetes ${minor} (served from ${serving.since})`;
  if (serving.removedIn && at >= minorOf(serving.removedIn)!) return `${apiVersion} ${kind} is not served by Kubernetes ${minor} (removed in ${serving.removedIn}${serving.use ? `: use ${serving.use}` : ''})`;
  return undefined;
}

/** A rendered Kubernetes file: its path and its object's `<apiVersion>/<Kind>` (or the object). */
export interface ServedApiInput {
  readonly path: string;
  readonly objectKind?: string;
  readonly objects?: readonly { readonly apiVersion?: unknown; readonly kind?: unknown }[];
}

/**
 * Each object whose cluster's Kubernetes version does not serve its API version. The cluster an object
 * is applied to is the one whose folder holds it (`k8s/<cloud>/<cluster>/`: Argo CD applies the
 * management cluster's folder, the fleet's Argo CD objects included, to the management cluster).
 */
export function unservedApiProblems(fleet: { readonly clusters: readonly Pick<ResolvedCluster, 'name' | 'cloud' | 'kubernetesVersion'>[] }, files: readonly ServedApiInput[]): Problem[] {
  const minorByFolder = new Map(fleet.clusters.map((c) => [clusterManifestFolder(c), c.kubernetesVersion]));
  const problems: Problem[] = [];
  for (const file of files) {
    const folder = /^k8s\/[^/]+\/[^/]+/.exec(file.path)?.[0];
    const minor = folder === undefined ? undefined : minorByFolder.get(folder);
    if (minor === undefined) continue;
    const kinds = file.objectKind !== undefined ? [file.objectKind] : (file.objects ?? []).map((o) => `${o.apiVersion}/${o.kind}`);
    for (const key of kinds) {
      const cut = key.lastIndexOf('/');
      const why = unservedBecause(key.slice(0, cut), key.slice(cut + 1), minor);
      if (why) problems.push({ path: `${file.path}: apiVersion`, message: `${why}: the API server has no such resource, and Argo CD's sync of it fails`, given: key.slice(0, cut), allowed: `an API version Kubernetes ${minor} serves` });
    }
  }
  return problems;
}
