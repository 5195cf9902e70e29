/** Helm values: any YAML-able object. */
export type HelmValues = { readonly [key: string]: unknown };

/** A chart from a Helm repository (or OCI registry), at a pinned version. */
export interface HelmChartSource {
  readonly helm: {
    /** `https://charts.example.com`, or an OCI registry path `oci://registry/path`, where Argo CD pulls the chart as the artifact `oci://registry/path/<chart>`. */
    readonly repoURL: string;
    readonly chart: string;
    /** Exact chart version: pinned, so what runs is what was reviewed. */
    readonly version: string;
    /** @default none */
    readonly values?: HelmValues;
  };
}

/**
 * A folder of a git repository: plain manifests (every YAML/JSON file in it and below), a
 * Kustomization (`kustomize: true`), or a Helm chart (`helm: true`).
 */
export interface GitPathSource {
  readonly git: {
    readonly path: string;
    /** @default the fleet's GitOps repo */
    readonly repoURL?: string;
    /** @default the fleet's targetRevision */
    readonly targetRevision?: string;
    /** Render the folder as a Helm chart, passing the values and the cluster's cloud, region and name. Not with `kustomize`. @default false */
    readonly helm?: boolean;
    /** Build the folder with Kustomize, its `kustomization.yaml` as written; objects that name no namespace go into the app's namespace. Not with `helm`. @default false */
    readonly kustomize?: boolean;
    /** Only with `helm: true`. @default none */
    readonly values?: HelmValues;
  };
}

/**
 * A field of the app's objects that something on the cluster owns, which Argo CD then leaves out of
 * its diff, and its syncs keep as they find it (`RespectIgnoreDifferences=true`): e.g. a Deployment's
 * `/spec/replicas` when an HPA scales it and the chart also writes replicas. Argo CD's
 * `spec.ignoreDifferences` entry, on each of the app's Applications.
 */
export interface AppIgnoredDifference {
  /** API group of the kind: `apps` for a Deployment; leave it out for the core group (a ConfigMap); a glob (`*`) matches several. @default the core group */
  readonly group?: string;
  /** Kind, e.g. `Deployment`; a glob (`*`) matches several. */
  readonly kind: string;
  /** Only the object of this name (a DNS-1123 name; an RBAC kind's may hold `:`). @default every object of the kind */
  readonly name?: string;
  /** JSON pointers (RFC 6901) to the fields, e.g. `/spec/replicas`. @default none */
  readonly jsonPointers?: readonly string[];
  /** jq path expressions, e.g. `.spec.template.spec.containers[] | select(.name == "app") | .image`. @default none */
  readonly jqPathExpressions?: readonly string[];
  /** Field managers whose fields are ignored, e.g. `kube-controller-manager`. @default none */
  readonly managedFieldsManagers?: readonly string[];
}

export interface FleetApp {
  /** DNS-1123 label; names the ApplicationSet and (with the cluster) each Application, and is the Helm release's name (at most 53 characters with a Helm source). */
  readonly name: string;
  /** Namespace the app is installed into on each cluster (created if missing). */
  readonly namespace: string;
  readonly source: HelmChartSource | GitPathSource;
  /**
   * Which workload clusters run it: all of these labels must match the cluster's registration
   * labels (its fleet labels, plus `fleetsynth.io/cloud`, `fleetsynth.io/region`, `fleetsynth.io/network`).
   * @default every workload cluster
   */
  readonly clusters?: { readonly matchLabels: Readonly<Record<string, string>> };
  /** Helm values per cluster name, deep-merged over `values`. @default none */
  readonly overrides?: Readonly<Record<string, HelmValues>>;
  /**
   * `applicationSet`: one ApplicationSet with a cluster generator (clusters join as they register).
   * `applications`: one explicit Application per selected cluster.
   * @default 'applicationSet'
   */
  readonly deployAs?: 'applicationSet' | 'applications';
  /** Fields Argo CD leaves to the cluster, on every cluster the app runs on. @default none */
  readonly ignoreDifferences?: readonly AppIgnoredDifference[];
  /**
   * Pass the cluster's cloud, region and name to the chart as the Helm parameters `fleet.cloud`,
   * `fleet.region` and `fleet.cluster`. Turn it off for a chart whose values schema refuses keys it does not
   * declare (`additionalProperties: false` at its root, as JupyterHub's chart has): `helm template` checks
   * every value, these included, against it, and would refuse each render. Only with a Helm source.
   * @default true with a Helm source
   */
  readonly fleetParameters?: boolean;
}

/** Helm's merge: objects merge key by key, anything else (lists included) is replaced by the override. */
export function mergeHelmValues(base: HelmValues, override: HelmValues): HelmValues {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const prev = out[key];
    const isObject = (v: unknown): v is HelmValues => typeof v === 'object' && v !== null && !Array.isArray(v);
    out[key] = isObject(prev) && isObject(value) ? mergeHelmValues(prev, value) : value;
  }
  return out;
}
