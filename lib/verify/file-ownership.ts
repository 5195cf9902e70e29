/**
 * Every generated Kubernetes file must have exactly one owner: the Application whose source folder
 * holds it. A file the bootstrap applies is fine when one Application then manages it (the root
 * app syncing its own folder, itself included, is the usual self-management pattern).
 */
import type { Problem } from '../fleet';
import type { ConvergenceInput } from './convergence';
import { identityOf } from './kube-kinds';

/** `owners`: file path → names of the Applications whose directory sources read it. */
export function fileOwnershipProblems(input: ConvergenceInput, owners: ReadonlyMap<string, readonly string[]>): Problem[] {
  const bootstrap = new Set(input.bootstrap.kubectlApply);
  const heldBack = (input.heldBackFolders ?? []).map((f) => `${f.replace(/\/+$/, '')}/`);
  const problems: Problem[] = [];
  for (const file of input.files) {
    if (heldBack.some((f) => file.path.startsWith(f)) && !owners.has(file.path)) continue;
    const id = identityOf(file.object);
    const subject = `${id.kind} ${id.name}`;
    const names = owners.get(file.path) ?? [];
    if (names.length === 0 && !bootstrap.has(file.path)) {
      problems.push({ path: file.path, message: `${subject}: no Application's source reads this file (an orphan): Argo CD never applies it` });
    } else if (names.length === 0) {
      problems.push({ path: file.path, message: `${subject}: only the bootstrap applies it and no Application's source reads it, so Argo CD never syncs a change to it` });
    } else if (names.length > 1) {
      // Two Applications tracking one object fight over it (argoproj/argo-cd controller/state.go SharedResourceWarning).
      problems.push({ path: file.path, message: `${subject}: ${names.length} Applications read this file (${names.join(', ')}): they would fight over the object (SharedResourceWarning)` });
    }
  }
  return problems;
}
