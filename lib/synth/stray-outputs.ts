import * as path from 'path';
import { HeldBack } from '../fleet';
import { holdsBackStack } from './stack-removal-guard';
import { stackOfFile } from './stack-path';

/**
 * One warning per Terraform outputs file that names no stack this render wrote: left from a destroyed
 * cluster, interconnect pair or add-on stack (README, *Decommissioning a cluster*, says to delete it).
 * Synth reads every such file as a stack's outputs, so a cluster or stack added later under that name
 * would be taken as applied, with the destroyed one's endpoint, CA and egress. Only a render of every
 * cluster knows every stack: with `--cluster`, none is reported. A stack held back (an interconnect pair
 * or `global-dns` whose every link or endpoint waits for a cluster's outputs) is not written either, but
 * is still the fleet's: its file tells which links are applied, and deleting it would undo that.
 */
export function strayOutputsWarnings(outputsDir: string, stacksWithOutputs: Iterable<string>, files: readonly { readonly path: string }[], heldBack: readonly HeldBack[] = []): string[] {
  const written = new Set(files.flatMap((f) => stackOfFile(f.path) ?? []));
  return [...stacksWithOutputs]
    .filter((stack) => !written.has(stack) && !heldBack.some((h) => holdsBackStack(h, stack)))
    .sort()
    .map((stack) => `${path.join(outputsDir, `${stack}.json`)} names no stack of the fleet (outputs of a destroyed cluster or stack?): delete it, or a cluster or stack added later as "${stack}" is taken as applied, with these outputs`);
}
