/*
 * What Argo CD follows in a git source (`targetRevision`): a branch, a tag, a commit, HEAD, or a semver
 * constraint over the tags (`~1.2`, `^1.2`, `1.*`). Argo CD resolves anything but a commit SHA against the
 * repository's refs (argo-cd v3.4.4 util/git/client.go lsRemote), so text that is no ref name and no
 * constraint never resolves, and the Application stays in error ("unable to resolve") after the commit.
 * Ref names follow git's check_refname_component (git/git refs.c); `~`, `^` and `*`, which no ref name
 * holds (refname_disposition 4 and 5; `git check-ref-format heads/main^` fails), pass only in a constraint.
 */

/*
 * A tag constraint as Argo CD reads one: Masterminds/semver v3.4.0 (argo-cd v3.4.4 go.mod) NewConstraint,
 * which argo-cd util/versions/tags.go MaxVersion tries before the refs. Ported from constraints.go:
 * cvRegex, the ops, validConstraintRegex (one per `||` part) and rewriteRange (`1.2 - 1.4`); Go's `\s` is
 * [\t\n\f\r ]. Argo CD's own examples hold spaces (`>=1.2.0 <1.3.0`, docs/user-guide/tracking_strategies.md).
 */
const SPACE = '[\\t\\n\\f\\r ]';
const CONSTRAINT_VERSION = 'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const CONSTRAINT_OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const VALID_CONSTRAINT = new RegExp(`^(${SPACE}*(${CONSTRAINT_OPS})${SPACE}*(${CONSTRAINT_VERSION})${SPACE}*)((?:${SPACE}+|,${SPACE}*)(${CONSTRAINT_OPS})${SPACE}*(${CONSTRAINT_VERSION})${SPACE}*)*$`);
const CONSTRAINT_RANGE = new RegExp(`${SPACE}*(${CONSTRAINT_VERSION})${SPACE}+-${SPACE}+(${CONSTRAINT_VERSION})${SPACE}*`, 'g');

/** Whether Argo CD takes `revision` as a semver constraint over the tags (Masterminds/semver NewConstraint succeeds). */
function isTagConstraint(revision: string): boolean {
  const ranges = revision.replace(CONSTRAINT_RANGE, (_, from: string, ...rest: string[]) => `>= ${from}, <= ${rest[9]} `);
  return ranges.split('||').every((part) => VALID_CONSTRAINT.test(part));
}

/** Why `revision` can be no git branch, tag, commit or tag constraint, or undefined when it can be one. */
export function gitRevisionProblem(revision: string): string | undefined {
  // git refs.c check_refname_component: what no component may hold or be.
  if (revision.trim() === '') return 'is blank';
  if (isTagConstraint(revision)) return undefined;
  if (/[\x00-\x20\x7f]/.test(revision)) return 'holds a space or a control character';
  const forbidden = /[:?[\\~^*]/.exec(revision);
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
