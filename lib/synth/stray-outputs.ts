import * as path from 'path';

const STACK_FILE = /^terraform\/stacks\/([^/]+)\/cdk\.tf\.json$/;

/**
 * One warning per Terraform outputs file that names no stack this render wrote: left from a destroyed
 * cluster, interconnect pair or add-on stack (README, *Decommissioning a cluster*, says to delete it).
 * Synth reads every such file as a stack's outputs, so a cluster or stack added later under that name
 * would be taken as applied, with the destroyed one's endpoint, CA and egress. Only a render of every
 * cluster knows every stack: with `--cluster`, none is reported.
 */
export function strayOutputsWarnings(outputsDir: string, stacksWithOutputs: Iterable<string>, files: readonly { readonly path: string }[]): string[] {
  const written = new Set(files.flatMap((f) => STACK_FILE.exec(f.path)?.[1] ?? []));
  return [...stacksWithOutputs]
    .filter((stack) => !written.has(stack))
    .sort()
    .map((stack) => `${path.join(outputsDir, `${stack}.json`)} names no stack of the fleet (outputs of a destroyed cluster or stack?): delete it, or a cluster or stack added later as "${stack}" is taken as applied, with these outputs`);
}
