import * as fs from 'fs';
import * as path from 'path';
import { ClusterOutputs, clusterEgressCidrs, parseStackOutputs, parseTerraformOutputs, Problem, ResolvedFleet, StackOutputValues } from '../fleet';

export interface TerraformOutputsRead {
  /** Parsed facts per cluster that has valid outputs. */
  readonly outputs: Map<string, ClusterOutputs>;
  /** Output values of the other (fleet-wide) stacks asked for, by stack name. */
  readonly stacks: Map<string, StackOutputValues>;
  readonly problems: Problem[];
}

function readJson(file: string, shown: string, problems: Problem[]): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push({ path: shown, message: `not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
}

/**
 * Reads `<dir>/<stack>.json` (the JSON of `terraform output -json` in that stack): the cluster
 * stacks' strictly (they carry the facts the Kubernetes layer needs), every other stack's as plain
 * values for the add-ons. A stack without a file is pending; a malformed file is a problem.
 */
export function readTerraformOutputs(dir: string, fleet: ResolvedFleet): TerraformOutputsRead {
  const outputs = new Map<string, ClusterOutputs>();
  const stackValues = new Map<string, StackOutputValues>();
  const problems: Problem[] = [];
  const clusters = new Set(fleet.clusters.map((c) => c.name));
  // A file is no folder of outputs (the CLI refuses it as --outputs first; the testing kit's { dir } comes here).
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) return { outputs, stacks: stackValues, problems: [{ path: dir, message: 'not a folder', allowed: 'a folder of Terraform outputs, one <stack>.json (terraform output -json) per stack' }] };
  const stacks = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).filter((s) => !clusters.has(s)).sort() : [];
  for (const stack of stacks) {
    const file = path.join(dir, `${stack}.json`);
    if (!fs.existsSync(file)) continue;
    const shown = `${path.basename(dir)}/${stack}.json`;
    const json = readJson(file, shown, problems);
    if (json === undefined) continue;
    const parsed = parseStackOutputs(json, shown);
    if (Array.isArray(parsed)) problems.push(...parsed);
    else stackValues.set(stack, parsed);
  }
  for (const cluster of fleet.clusters) {
    const file = path.join(dir, `${cluster.name}.json`);
    if (!fs.existsSync(file)) continue;
    const shown = `${path.basename(dir)}/${cluster.name}.json`;
    const json = readJson(file, shown, problems);
    if (json === undefined) continue;
    const parsed = parseTerraformOutputs(json, shown, cluster);
    if (Array.isArray(parsed)) problems.push(...parsed);
    else if (parsed.clusterName !== cluster.name) {
      problems.push({ path: `${shown}: cluster_name.value`, message: 'outputs of another cluster', given: parsed.clusterName, allowed: cluster.name });
    } else if (cluster.cloud === 'azure' && cluster.role === 'workload' && !parsed.tenantId) {
      problems.push({ path: `${shown}: tenant_id.value`, message: 'AKS outputs need the tenant id Argo CD authenticates in', given: 'nothing', allowed: 'the tenant_id output of the stack' });
    } else {
      // A cluster's egress addresses feed the API allow lists of the clusters it calls: a malformed value is a problem, not pending.
      clusterEgressCidrs(parsed.values, shown, problems);
      outputs.set(cluster.name, parsed);
    }
  }
  return { outputs, stacks: stackValues, problems };
}
