import { filepathMatch, globMatch } from './argo-globs';

describe('globMatch (gobwas/glob)', () => {
  test('without separators * crosses /', () => {
    expect(globMatch('*.yaml', 'a/b.yaml')).toBe(true);
    expect(globMatch('*.yaml', 'a/b.yaml', '/')).toBe(false);
    expect(globMatch('**.yaml', 'a/b.yaml', '/')).toBe(true);
  });

  test('?, classes, negated classes, alternatives, escapes', () => {
    expect(globMatch('a?c', 'abc')).toBe(true);
    expect(globMatch('[a-c]x', 'bx')).toBe(true);
    expect(globMatch('[!a-c]x', 'bx')).toBe(false);
    expect(globMatch('{one,two}.yaml', 'two.yaml')).toBe(true);
    expect(globMatch('\\*', '*')).toBe(true);
    expect(globMatch('\\*', 'x')).toBe(false);
  });

  test('a pattern that does not compile matches nothing', () => {
    expect(globMatch('{a,b', 'a')).toBe(false);
    expect(globMatch('[', '[')).toBe(false);
  });
});

describe('filepathMatch (Go path/filepath.Match)', () => {
  test('* stops at /, ^ negates a class, malformed matches nothing', () => {
    expect(filepathMatch('*', 'networking.istio.io')).toBe(true);
    expect(filepathMatch('*', 'a/b')).toBe(false);
    expect(filepathMatch('Cluster*', 'ClusterRoleBinding')).toBe(true);
    expect(filepathMatch('[^C]*', 'ClusterRole')).toBe(false);
    expect(filepathMatch('[', '[')).toBe(false);
  });
});
