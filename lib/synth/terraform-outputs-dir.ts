import * as fs from 'fs';
import * as path from 'path';
import { ClusterOutputs, parseTerraformOutputs, Problem, ResolvedFleet } from '../fleet';

/**
 * Reads `<dir>/<cluster>.json` (the JSON of `terraform output -json` in that cluster's stack) for
 * every cluster that has one. A cluster without a file is pending; a malformed file is a problem.
 */
export function readTerraformOutputs(dir: string, fleet: ResolvedFleet): { outputs: Map<string, ClusterOutputs>; problems: Problem[] } {
  const outputs = new Map<string, ClusterOutputs>();
  const problems: Problem[] = [];
  for (const cluster of fleet.clusters) {
    const file = path.join(dir, `${cluster.name}.json`);
    if (!fs.existsSync(file)) continue;
    const shown = `${path.basename(dir)}/${cluster.name}.json`;
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push({ path: shown, message: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    const parsed = parseTerraformOutputs(json, shown);
    if (Array.isArray(parsed)) problems.push(...parsed);
    else if (parsed.clusterName !== cluster.name) {
      problems.push({ path: `${shown}: cluster_name.value`, message: 'outputs of another cluster', given: parsed.clusterName, allowed: cluster.name });
    } else if (cluster.role === 'workload' && !parsed.argocdIdentity) {
      problems.push({ path: `${shown}: argocd_identity.value`, message: 'a workload cluster\'s outputs need the identity Argo CD manages it as', given: 'nothing', allowed: 'the argocd_identity output of the stack' });
    } else if (cluster.cloud === 'azure' && cluster.role === 'workload' && !parsed.tenantId) {
      problems.push({ path: `${shown}: tenant_id.value`, message: 'AKS outputs need the tenant id Argo CD authenticates in', given: 'nothing', allowed: 'the tenant_id output of the stack' });
    } else outputs.set(cluster.name, parsed);
  }
  return { outputs, problems };
}
