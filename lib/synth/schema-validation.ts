import { spawnSync } from 'child_process';
import * as path from 'path';
import { FleetError, Problem } from '../fleet';
import { KubeObject } from './manifest-path';

/*
 * Every Kubernetes object synth writes is checked against the upstream schema of its kind, from
 * npm: kubernetes-models (Kubernetes built-ins), @kubernetes-models/argo-cd (Argo CD v3 API) and
 * @kubernetes-models/istio (Istio networking/security v1). Strict: missing required fields, wrong
 * types and enum values, unknown fields and kinds without a schema are all errors.
 *
 * Those packages ship only as ES modules; synth (and jest) run CommonJS, so the check runs in a
 * child Node process (schema-worker.mjs).
 */
const WORKER = path.join(__dirname, 'schema-worker.mjs');

export function schemaProblems(objects: readonly { file: string; object: KubeObject }[]): Problem[] {
  if (objects.length === 0) return [];
  const run = spawnSync(process.execPath, [WORKER], { input: JSON.stringify(objects), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`schema validation could not run: ${run.stderr || run.error?.message}`);
  return JSON.parse(run.stdout) as Problem[];
}

/** Throws a FleetError naming file, object and field for every schema violation. */
export function validateSchemas(objects: readonly { file: string; object: KubeObject }[]): void {
  const problems = schemaProblems(objects);
  if (problems.length > 0) throw new FleetError(problems, 'generated Kubernetes objects (upstream schemas)');
}
