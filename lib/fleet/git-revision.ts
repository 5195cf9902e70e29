/*
 * What Argo CD follows in a git source (`targetRevision`): a branch, a tag, a commit, HEAD, or a semver
 * constraint over the tags (`~1.2`, `^1.2`, `1.*`). Argo CD resolves anything but a commit SHA against the
 * repository's refs (argo-cd v3.4.4 util/git/client.go lsRemote), so text that is no ref name and no
 * constraint never resolves, and the Application stays in error ("unable to resolve") after the commit.
 * Ref names follow git's check_refname_component (git/git refs.c); `~`, `^` and `*`, which no ref name
 * holds, are left to the constraints.
 */

/** Why `revision` can be no git branch, tag, commit or tag constraint, or undefined when it can be one. */
export function gitRevisionProblem(revision: string): string | undefined {
  // git refs.c check_refname_component: what no component may hold or be.
  if (revision.trim() === '') return 'is blank';
  if (/[\x00-\x20\x7f]/.test(revision)) return 'holds a space or a control character';
  const forbidden = /[:?[\\]/.exec(revision);
  if (forbidden) return `holds "${forbidden[0]}"`;
  if (revision.includes('..')) return 'holds ".."';
  if (revision.includes('@{')) return 'holds "@{"';
  if (revision === '@') return 'is "@"';
  const components = revision.split('/');
  if (components.some((c) => c === '')) return revision.startsWith('/') || revision.endsWith('/') ? 'starts or ends with "/"' : 'holds "//"';
  if (components.some((c) => c.startsWith('.'))) return 'has a part starting with "."';
  if (components.some((c) => c.endsWith('.lock'))) return 'has a part ending with ".lock"';
  if (revision.endsWith('.')) return 'ends with "."';
  return undefined;
}

/** The message for a revision no git ref or commit can be. */
export const GIT_REVISION_ALLOWED = 'a branch, tag or commit git can name (git check-ref-format), e.g. "main", "v1.2.3", a commit SHA or a tag constraint like "~1.2"';
