/**
 * What the ApplicationSet controller generates from an ApplicationSet, given the clusters
 * registered at that moment (argoproj/argo-cd applicationset/generators/{cluster,merge,list}.go,
 * applicationset/controllers/applicationset_controller.go).
 */
import { IN_CLUSTER, RegisteredCluster, SECRET_TYPE_LABEL } from './argo-cluster';
import { renderDeep, renderGoTemplate, TemplateError } from './go-template';
import { isRecord } from './kube-kinds';

export type Generation = { readonly applications: readonly Record<string, any>[] } | { readonly error: string };

type Params = Record<string, unknown>;

/**
 * The Applications an ApplicationSet generates now, or the error that stops the controller from
 * generating any (reported as the ErrorOccurred condition: the ApplicationSet turns Degraded).
 */
export function generateApplications(appSet: Record<string, any>, clusters: readonly RegisteredCluster[]): Generation {
  const spec = isRecord(appSet.spec) ? appSet.spec : {};
  const goTemplate = spec.goTemplate === true;
  const missingKeyError = Array.isArray(spec.goTemplateOptions) && spec.goTemplateOptions.includes('missingkey=error');
  const unsupported = ['templatePatch', 'strategy'].filter((k) => spec[k] !== undefined);
  if (unsupported.length > 0) return { error: `spec.${unsupported[0]} cannot be evaluated offline` };
  if (!isRecord(spec.template)) return { error: 'has no template' };
  const template = spec.template;
  if (!goTemplate && JSON.stringify(template).includes('{{')) {
    return { error: 'template uses fasttemplate placeholders (goTemplate is not true): only Go templates are evaluated offline' };
  }
  const generators = Array.isArray(spec.generators) ? spec.generators.filter(isRecord) : [];
  if (generators.length === 0) return { error: 'has no generators' };
  try {
    const applications: Record<string, any>[] = [];
    for (const generator of generators) {
      for (const params of generate(generator, clusters, goTemplate, missingKeyError, false)) {
        // utils.Render.RenderTemplateParams: with no params the template is used as written.
        const rendered = Object.keys(params).length === 0 ? template : (renderDeep(template, params, missingKeyError) as Record<string, any>);
        const metadata = isRecord(rendered.metadata) ? rendered.metadata : {};
        applications.push({
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          // Generated Applications live in the ApplicationSet's namespace (applicationset/utils: app.Namespace = appSet.Namespace).
          metadata: { ...metadata, namespace: isRecord(appSet.metadata) ? appSet.metadata.namespace : undefined },
          spec: isRecord(rendered.spec) ? rendered.spec : {},
        });
      }
    }
    return { applications };
  } catch (e) {
    if (e instanceof TemplateError || e instanceof GeneratorError) return { error: e.message };
    throw e;
  }
}

class GeneratorError extends Error {}

function generate(generator: Record<string, any>, clusters: readonly RegisteredCluster[], goTemplate: boolean, missingKeyError: boolean, nested: boolean): Params[] {
  const kinds = Object.keys(generator).filter((k) => k !== 'selector' && generator[k] !== undefined && generator[k] !== null);
  if (generator.selector !== undefined) throw new GeneratorError('a generator selector cannot be evaluated offline');
  if (kinds.length !== 1) throw new GeneratorError(`a generator must have exactly one kind, given ${kinds.join(', ') || 'none'}`);
  const kind = kinds[0];
  const body = generator[kind];
  if (!isRecord(body)) throw new GeneratorError(`generator ${kind} is not an object`);
  if (isRecord(body.template) && Object.keys(body.template).length > 0) throw new GeneratorError(`generator ${kind} has its own template, which cannot be evaluated offline`);
  switch (kind) {
    case 'clusters':
      return clusterParams(body, clusters, goTemplate, missingKeyError);
    case 'list':
      return listParams(body);
    case 'merge':
      if (nested) throw new GeneratorError('a merge generator nested in a merge generator cannot be evaluated offline');
      return mergeParams(body, clusters, goTemplate, missingKeyError);
    default:
      throw new GeneratorError(`generator ${kind} cannot be evaluated offline (clusters, list and merge can)`);
  }
}

/** applicationset/generators/cluster.go: one parameter set per matching cluster Secret. */
function clusterParams(body: Record<string, any>, clusters: readonly RegisteredCluster[], goTemplate: boolean, missingKeyError: boolean): Params[] {
  if (body.flatList === true) throw new GeneratorError('clusters.flatList cannot be evaluated offline');
  const selector = isRecord(body.selector) ? body.selector : {};
  const matchLabels: Record<string, unknown> = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const matchExpressions: Record<string, any>[] = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isRecord) : [];
  // The in-cluster entry has no Secret, hence no labels: a non-empty selector leaves it out.
  const ignoreLocal = Object.keys(matchLabels).length > 0 || matchExpressions.length > 0;
  const values: Record<string, unknown> = isRecord(body.values) ? body.values : {};
  const withValues = (params: Params): Params => {
    if (Object.keys(values).length === 0) return params;
    // value_interpolation.go appendTemplatedValues: each value is itself templated with the cluster's parameters.
    const rendered = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, goTemplate ? renderGoTemplate(String(v), params, missingKeyError) : String(v)]));
    return { ...params, values: rendered };
  };
  const out: Params[] = [];
  for (const c of clusters) {
    const labels: Record<string, string> = { ...c.labels, [SECRET_TYPE_LABEL]: 'cluster' };
    if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) continue;
    if (!matchExpressions.every((e) => matchesExpression(e, labels))) continue;
    const metadata: Params = {};
    if (Object.keys(c.annotations).length > 0) metadata.annotations = c.annotations;
    metadata.labels = labels;
    out.push(withValues({ name: c.name, server: c.server, project: c.project, metadata }));
  }
  if (!ignoreLocal && !clusters.some((c) => c.server === IN_CLUSTER.server)) {
    out.push(withValues({ name: IN_CLUSTER.name, server: IN_CLUSTER.server, project: '' }));
  }
  return out;
}

// k8s.io/apimachinery LabelSelectorAsSelector: In, NotIn, Exists, DoesNotExist.
function matchesExpression(e: Record<string, any>, labels: Readonly<Record<string, string>>): boolean {
  const key = String(e.key ?? '');
  const values: string[] = Array.isArray(e.values) ? e.values.map(String) : [];
  switch (e.operator) {
    case 'In':
      return key in labels && values.includes(labels[key]);
    case 'NotIn':
      return !(key in labels) || !values.includes(labels[key]);
    case 'Exists':
      return key in labels;
    case 'DoesNotExist':
      return !(key in labels);
    default:
      throw new GeneratorError(`selector operator ${JSON.stringify(e.operator)} is not In, NotIn, Exists or DoesNotExist`);
  }
}

/** applicationset/generators/list.go: one parameter set per element. */
function listParams(body: Record<string, any>): Params[] {
  if (body.elementsYaml !== undefined) throw new GeneratorError('list.elementsYaml cannot be evaluated offline');
  return (Array.isArray(body.elements) ? body.elements : []).map((e: unknown) => {
    if (!isRecord(e)) throw new GeneratorError('a list element is not an object');
    return { ...e };
  });
}

/**
 * applicationset/generators/merge.go: the first generator's parameter sets, each overridden (a deep
 * merge, mergo.WithOverride, in Go-template mode) by the set of a later generator with the same
 * values at `mergeKeys`; two sets with the same key in one generator are an error.
 */
function mergeParams(body: Record<string, any>, clusters: readonly RegisteredCluster[], goTemplate: boolean, missingKeyError: boolean): Params[] {
  const generators: Record<string, any>[] = Array.isArray(body.generators) ? body.generators.filter(isRecord) : [];
  if (generators.length < 2) throw new GeneratorError('a merge generator needs at least two generators');
  const mergeKeys: string[] = Array.isArray(body.mergeKeys) ? body.mergeKeys.map(String) : [];
  if (mergeKeys.length === 0) throw new GeneratorError('a merge generator needs mergeKeys');
  const keyed = (sets: Params[]): Map<string, Params> => {
    const byKey = new Map<string, Params>();
    for (const set of sets) {
      const key = JSON.stringify(Object.fromEntries([...new Set(mergeKeys)].sort().map((k) => [k, set[k] ?? null])));
      if (byKey.has(key)) throw new GeneratorError(`merge generator: param set keys are not unique. Duplicate key was ${key}`);
      byKey.set(key, set);
    }
    return byKey;
  };
  const sets = generators.map((g) => generate(g, clusters, goTemplate, missingKeyError, true));
  const base = keyed(sets[0]);
  for (const later of sets.slice(1)) {
    for (const [key, override] of keyed(later)) {
      const b = base.get(key);
      if (b) base.set(key, goTemplate ? deepMerge(b, override) : { ...b, ...override });
    }
  }
  return [...base.values()];
}

function deepMerge(base: Params, override: Params): Params {
  const out: Params = { ...base };
  for (const [k, v] of Object.entries(override)) {
    out[k] = isRecord(out[k]) && isRecord(v) ? deepMerge(out[k] as Params, v) : v;
  }
  return out;
}

