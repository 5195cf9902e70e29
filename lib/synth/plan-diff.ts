import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { Plan } from './plan';

/**
 * What synth would change, as one unified diff (`a/` the output folder now, `b/` what synth would
 * write; `/dev/null` for added and removed files), in path order. Kept files are not in it: synth
 * leaves them as they are. Applies with `git apply` or `patch -p1` inside the output folder.
 */
export function unifiedDiff(plan: Plan): string {
  const text = (b: Buffer | undefined) => b?.toString('utf8');
  const entries: [string, string | undefined, string | undefined][] = [
    ...plan.added.map((f): [string, undefined, string] => [f.path, undefined, f.content]),
    ...plan.changed.map((f): [string, string | undefined, string] => [f.path, text(plan.previous.get(f.path)) ?? '', f.content]),
    ...plan.stale.map((p): [string, string | undefined, undefined] => [p, text(plan.previous.get(p)) ?? '', undefined]),
  ];
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries
    .map(([p, before, after]) => createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${p}`, after === undefined ? '/dev/null' : `b/${p}`, before ?? '', after ?? '', undefined, undefined, { headerOptions: FILE_HEADERS_ONLY }))
    .join('');
}
