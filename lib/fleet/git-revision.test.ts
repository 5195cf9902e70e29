import { richTestFleet } from '../../test/fleets';
import { gitRevisionProblem } from './git-revision';
import { fleetProblems } from './validate-fleet';

describe('git revisions Argo CD can resolve', () => {
  test.each(['main', 'release/1.x', 'v1.2.3', 'HEAD', 'refs/heads/main', '3f4ec0ab2263038ba91d3b594b2188fc108fc8d7', '~1.2', '^1.2.0', '1.*', 'feature/ünïcode', 'a.b'])('accepts %j', (revision) => {
    expect(gitRevisionProblem(revision)).toBeUndefined();
  });

  // Argo CD's own examples of tag tracking (argo-cd v3.4.4 docs/user-guide/tracking_strategies.md, "Git"), and what
  // Masterminds/semver v3.4.0 NewConstraint reads besides: AND by space or comma, OR by ||, a hyphen range.
  test.each(['>=1.2.0 <1.3.0', '>=1.0.0 <2.0.0', '>=0.0.0-0', '*-0', '>= 1.2, < 1.3', '~1.2 || ^2.0', '1.2 - 1.4', 'v1.x'])('accepts the tag constraint %j', (revision) => {
    expect(gitRevisionProblem(revision)).toBeUndefined();
  });

  test.each([['release 1', 'holds a space or a control character'], ['>=1.2.0 <main', 'holds a space or a control character'], ['1.2 -- 1.4', 'holds a space or a control character']])('fails when a revision with a space is no constraint either: %j', (revision, problem) => {
    expect(gitRevisionProblem(revision)).toBe(problem);
  });

  // git refs.c check_refname_component: no ref name is any of these, so Argo CD never resolves them.
  test.each([
    ['main\u0000', 'holds a space or a control character'],
    ['main\n', 'holds a space or a control character'],
    ['a:b', 'holds ":"'],
    ['a?b', 'holds "?"'],
    ['a[b', 'holds "["'],
    ['a\\b', 'holds "\\"'],
    // No ref name holds ~, ^ or * (git check-ref-format refuses them), and these are no constraint either.
    ['HEAD~1', 'holds "~"'],
    ['main^', 'holds "^"'],
    ['release/*', 'holds "*"'],
    ['release..next', 'holds ".."'],
    ['main@{1}', 'holds "@{"'],
    ['@', 'is "@"'],
    ['release/', 'starts or ends with "/"'],
    ['/main', 'starts or ends with "/"'],
    ['release//1', 'holds "//"'],
    ['.hidden', 'has a part starting with "."'],
    ['release/.x', 'has a part starting with "."'],
    ['main.lock', 'has a part ending with ".lock"'],
    ['main.', 'ends with "."'],
  ])('fails when a revision is %j: it %s', (revision, problem) => {
    expect(gitRevisionProblem(revision)).toBe(problem);
  });

  test('fails at gitops.targetRevision and an app\'s git.targetRevision, saying why', () => {
    const f = richTestFleet();
    f.gitops.targetRevision = 'release..next';
    f.apps[1].source.git.targetRevision = 'main.';
    expect(fleetProblems(f).map((p) => [p.path, p.message])).toEqual([
      ['gitops.targetRevision', 'must be a branch, tag or commit: it holds ".."'],
      ['apps[checkout].source.git.targetRevision', 'must be a branch, tag or commit: it ends with "."'],
    ]);
  });

  test('a tag constraint with spaces passes at gitops.targetRevision and an app\'s git.targetRevision', () => {
    const f = richTestFleet();
    f.gitops.targetRevision = '>=1.2.0 <1.3.0';
    f.apps[1].source.git.targetRevision = '~1.2 || ^2.0';
    expect(fleetProblems(f).filter((p) => p.path.endsWith('targetRevision'))).toEqual([]);
  });
});
