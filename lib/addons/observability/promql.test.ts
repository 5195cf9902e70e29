import fc from 'fast-check';
import { checkPromqlExpression, promqlProblems, promqlShape } from './promql';

describe('PromQL check', () => {
  test('a shape replaces only the values of exact label matchers that are non-empty and escape-free', () => {
    expect(promqlShape('up{cluster="aws-w1",env!="prod"}')).toBe('up{cluster="x",env!="x"}');
    // Regex matchers, empty values, escapes, other quotes, comparisons and comments keep their text.
    expect(promqlShape('up{a=~"w.*",b!~"x",c="",d="q\\"uote"}')).toBe('up{a=~"w.*",b!~"x",c="",d="q\\"uote"}');
    expect(promqlShape("up{a='single'} == bool 1")).toBe("up{a='single'} == bool 1");
    expect(promqlShape('up{a = "spaced"} # note: b="c"\n')).toBe('up{a = "x"} # note: b="c"\n');
    expect(promqlShape('label_replace(up, "dst", "$1", "src", "(.*)")')).toBe('label_replace(up, "dst", "$1", "src", "(.*)")');
    // A quote inside a regex literal does not start a string of its own.
    expect(promqlShape('up{a=~".*=", b="c"}')).toBe('up{a=~".*=", b="x"}');
  });

  test('remembering passing shapes never changes a verdict: the same problems as checking each expression', () => {
    const templates = [
      (v: string) => `absent_over_time(up{cluster="${v}",cloud="aws"}[5m])`,
      (v: string) => `sum by (cluster) (rate(istio_requests_total{cluster!="${v}"}[5m])) > 0`,
      (v: string) => `rate(up{cluster="${v}"})`,
      (v: string) => `up{cluster="${v}"} +`,
      (v: string) => `{cluster="${v}"}`,
      (v: string) => `up{cluster=~"${v}"}`,
    ];
    const value = fc.oneof(fc.constantFrom('', 'aws-prod', 'gcp-w1', 'a"b', 'a\\"b', 'a\nb', 'b\n,"c="=', 'b\n,"c="==', '.*', '('), fc.string({ maxLength: 8 }));
    fc.assert(
      fc.property(fc.constantFrom(...templates), value, (template, v) => {
        const expr = template(v);
        expect(promqlProblems(expr)).toEqual(checkPromqlExpression(expr));
      }),
      { numRuns: 400 },
    );
  });

  test('a quoted string with a line break, or unterminated, has no shape: PromQL ends it where this scan would not', () => {
    expect(promqlShape('up{a="b\n,"c="="\n}')).toBeUndefined();
    expect(promqlShape('up{a="b}')).toBeUndefined();
    expect(promqlShape('up{a=`raw\nstring`}')).toBe('up{a=`raw\nstring`}');
    // The reviewer's counterexample: the second fails on its own, and still fails after the first passed.
    expect(promqlProblems('up{a="b\n,"c="="\n}')).toEqual(checkPromqlExpression('up{a="b\n,"c="="\n}'));
    expect(promqlProblems('up{a="b\n,"c="=="\n}')).toEqual(checkPromqlExpression('up{a="b\n,"c="=="\n}'));
    expect(checkPromqlExpression('up{a="b\n,"c="=="\n}').length).toBeGreaterThan(0);
  });

  test('a passing shape does not pass an expression broken elsewhere', () => {
    expect(promqlProblems('up{cluster="a"}')).toEqual([]);
    expect(promqlProblems('up{cluster="b"} +').length).toBeGreaterThan(0);
    expect(promqlProblems('{cluster=""}').length).toBeGreaterThan(0);
  });
  test('loading the check loads none of its parser modules: the first check does (a fleet without PromQL never pays for them)', () => {
    const loaded: string[] = [];
    jest.isolateModules(() => {
      for (const name of ['@codemirror/state', '@prometheus-io/lezer-promql', '@prometheus-io/codemirror-promql/dist/cjs/parser', '@prometheus-io/codemirror-promql/dist/cjs/promql']) {
        jest.doMock(name, () => {
          loaded.push(name);
          return jest.requireActual(name);
        });
      }
      const promql = require('./promql') as typeof import('./promql');
      expect(loaded).toEqual([]);
      expect(promql.checkPromqlExpression('rate(up[5m])')).toEqual([]);
      expect(loaded.sort()).toEqual(['@codemirror/state', '@prometheus-io/codemirror-promql/dist/cjs/parser', '@prometheus-io/codemirror-promql/dist/cjs/promql', '@prometheus-io/lezer-promql']);
    });
  });
});
