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
    /** Build the folder with Kustomize (its `kustomization.yaml`), every namespaced object in the app's namespace. Not with `helm`. @default false */
    readonly kustomize?: boolean;
    /** Only with `helm: true`. @default none */
    readonly values?: HelmValues;
  };
}

export interface FleetApp {
  /** DNS-1123 label; names the ApplicationSet and (with the cluster) each Application. */
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
