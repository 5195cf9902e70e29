import { ARGOCD_SHARDING_ALGORITHMS } from './argocd-sizing';
import { asText } from './fleet-error';
import { isRecord, Problems } from './problems';
import { compareQuantities, parseQuantity, QuantityValue } from './resource-quantity';
import { didYouMean } from './suggest';

/*
 * The fleet's `argoCd` (argocd-sizing.ts). Unknown fields are the shape check's (unknown-fields.ts);
 * here the values. Argo CD reads its counts with util/env ParseNumFromEnv (argo-cd v3.4.4): a value it
 * cannot parse or out of range is dropped for the default with a line in the log, and it takes 0, which
 * starts no processor at all (controller/appcontroller.go Run: `for range statusProcessors`). Kubernetes
 * keeps replicas in an int32.
 */

const INT32_MAX = 2147483647;
/**
 * Replicas are numbers of the chart (`replicas: {{ .Values.controller.replicas }}`), which Helm reads as
 * float64 (chartutil ReadValues through sigs.k8s.io/yaml) and prints from 1000000 on in exponent form
 * ("1e+06", helm/helm#12195). Processors are written as strings (argocd-sizing-values.ts), so int32 bounds them.
 */
const REPLICAS_MAX = 999999;

/** The most of each count, and why no more. */
const MAX: Readonly<Record<string, readonly [number, string]>> = {
  'controller.replicas': [REPLICAS_MAX, 'Helm prints a larger number as "1e+06", which the StatefulSet\'s replicas refuse'],
  'controller.statusProcessors': [INT32_MAX, 'Argo CD reads it as an int32 and would take its default for a larger one'],
  'controller.operationProcessors': [INT32_MAX, 'Argo CD reads it as an int32 and would take its default for a larger one'],
  'repoServer.replicas': [REPLICAS_MAX, 'Helm prints a larger number as "1e+06", which the Deployment\'s replicas refuse'],
};

/** Why zero of each count is refused: what would stop. */
const ZERO: Readonly<Record<string, string>> = {
  'controller.replicas': 'no controller would run: nothing would be synced, Argo CD itself included (only a helm upgrade by hand would bring it back)',
  'controller.statusProcessors': 'Argo CD would start no status processor: no Application would be compared again',
  'controller.operationProcessors': 'Argo CD would start no operation processor: no Application would be synced, Argo CD itself included',
  'repoServer.replicas': 'no repo server would render manifests: nothing would be synced, Argo CD itself included (only a helm upgrade by hand would bring it back)',
};

export function checkArgoCdSizing(p: Problems, sizing: unknown): void {
  if (sizing === undefined) return;
  if (!isRecord(sizing)) {
    p.add('argoCd', 'must be an object', sizing, '{ controller?, repoServer?, url?, oidc?, rbac?, adminEnabled? }');
    return;
  }
  const { controller, repoServer } = sizing;
  if (controller !== undefined) {
    if (!isRecord(controller)) p.add('argoCd.controller', 'must be an object', controller, '{ replicas?, shardingAlgorithm?, statusProcessors?, operationProcessors?, resources? }');
    else {
      for (const field of ['replicas', 'statusProcessors', 'operationProcessors']) checkCount(p, `controller.${field}`, controller[field]);
      const algorithm = controller.shardingAlgorithm;
      if (algorithm !== undefined && !(ARGOCD_SHARDING_ALGORITHMS as readonly unknown[]).includes(algorithm)) {
        // Argo CD would log "distribution type … is not supported" and shard by `legacy` (controller/sharding/sharding.go GetDistributionFunction).
        p.add('argoCd.controller.shardingAlgorithm', `not a sharding algorithm of Argo CD 3.4${didYouMean(algorithm, ARGOCD_SHARDING_ALGORITHMS)}`, algorithm, ARGOCD_SHARDING_ALGORITHMS.map((a) => `"${a}"`).join(', '));
      }
      checkResources(p, 'argoCd.controller.resources', controller.resources);
    }
  }
  if (repoServer !== undefined) {
    if (!isRecord(repoServer)) p.add('argoCd.repoServer', 'must be an object', repoServer, '{ replicas?, resources? }');
    else {
      checkCount(p, 'repoServer.replicas', repoServer.replicas);
      checkResources(p, 'argoCd.repoServer.resources', repoServer.resources);
    }
  }
}

function checkCount(p: Problems, field: string, value: unknown): void {
  if (value === undefined) return;
  const at = `argoCd.${field}`;
  const [max, whyNoMore] = MAX[field];
  const allowed = `a whole number from 1 to ${max}`;
  if (value === 0) p.add(at, `must be at least 1: ${ZERO[field]}`, value, allowed);
  else if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) p.add(at, 'must be a whole number of at least 1', value, allowed);
  else if (value > max) p.add(at, `must be at most ${max}: ${whyNoMore}`, value, allowed);
}

const AMOUNTS = ['cpu', 'memory'] as const;

/** The problem of a memory amount in a unit below the byte (apimachinery suffix.go: `m`, `u`, `n`). */
const SUB_BYTE: Readonly<Record<string, (given: string) => string>> = {
  m: (given) => `"m" is a thousandth of a byte; did you mean ${JSON.stringify(`${given.slice(0, -1)}Mi`)}?`,
  u: () => '"u" is a millionth of a byte: memory is counted in bytes',
  n: () => '"n" is a billionth of a byte: memory is counted in bytes',
};

function checkResources(p: Problems, path: string, resources: unknown): void {
  if (resources === undefined) return;
  if (!isRecord(resources)) {
    p.add(path, 'must be an object', resources, '{ requests?: { cpu?, memory? }, limits?: { cpu?, memory? } }');
    return;
  }
  const parsed: Record<string, Partial<Record<(typeof AMOUNTS)[number], QuantityValue>>> = {};
  for (const kind of ['requests', 'limits']) {
    const amounts = resources[kind];
    if (amounts === undefined) continue;
    if (!isRecord(amounts)) {
      p.add(`${path}.${kind}`, 'must be an object', amounts, '{ cpu?, memory? }');
      continue;
    }
    parsed[kind] = {};
    for (const resource of AMOUNTS) {
      const given = amounts[resource];
      if (given === undefined) continue;
      const at = `${path}.${kind}.${resource}`;
      const value = parseQuantity(given);
      if (value === undefined) p.add(at, 'not a Kubernetes quantity', given, resource === 'cpu' ? 'cores or millicores, e.g. "2", "1.5" or "500m"' : 'bytes with a suffix, e.g. "512Mi", "4Gi" or "1G"');
      // `m` is milli: "512m" of memory is half a byte, which Kubernetes accepts and no container can run in; `u` and `n` likewise.
      else if (resource === 'memory' && typeof given === 'string' && /[mun]$/.test(given)) p.add(at, SUB_BYTE[given.slice(-1)](given), given, 'bytes with a suffix, e.g. "512Mi", "4Gi" or "1G"');
      else parsed[kind][resource] = value;
    }
  }
  // Kubernetes refuses a request above its limit (pkg/apis/core/validation/validation.go ValidateResourceRequirements):
  // the chart would render, and the StatefulSet or Deployment would be refused at apply.
  for (const resource of AMOUNTS) {
    const request = parsed.requests?.[resource];
    const limit = parsed.limits?.[resource];
    if (request && limit && compareQuantities(request, limit) > 0) {
      const limits = resources.limits as Record<string, unknown>;
      const requests = resources.requests as Record<string, unknown>;
      p.add(`${path}.requests.${resource}`, `more than its limit (${asText(limits[resource])}): Kubernetes refuses a request above its limit`, requests[resource], `at most ${asText(limits[resource])}, or a higher limit`);
    }
  }
}
