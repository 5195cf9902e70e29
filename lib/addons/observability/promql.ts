import type { Extension } from '@codemirror/state';

/*
 * PromQL is checked offline with Prometheus' own packages: @prometheus-io/lezer-promql (the Lezer
 * grammar Prometheus' UI parses with; a syntax error leaves an error node in the tree) and the
 * semantic checks of @prometheus-io/codemirror-promql's Parser (types of function arguments and
 * operands, modeled on prometheus/promql/parser/parse.go checkAST). Lezer recovers from errors
 * instead of throwing, so both are read: any error node, and every error-severity diagnostic.
 * Not checked: that metric and label names exist (no server here).
 */

/**
 * The checker's modules (~1.3 MB of CodeMirror and Lezer source), loaded by the first check: a fleet
 * without PromQL to check (no observability add-on) never loads them, nor does a thread that renders
 * none (README, Performance).
 */
let tools: { parser: typeof import('@prometheus-io/lezer-promql').parser; Parser: typeof import('@prometheus-io/codemirror-promql/dist/cjs/parser').Parser; EditorState: typeof import('@codemirror/state').EditorState; language: Extension } | undefined;
function promqlTools(): NonNullable<typeof tools> {
  if (!tools) {
    const { EditorState } = require('@codemirror/state') as typeof import('@codemirror/state');
    const { parser } = require('@prometheus-io/lezer-promql') as typeof import('@prometheus-io/lezer-promql');
    const { Parser } = require('@prometheus-io/codemirror-promql/dist/cjs/parser') as typeof import('@prometheus-io/codemirror-promql/dist/cjs/parser');
    const { LanguageType, promQLLanguage } = require('@prometheus-io/codemirror-promql/dist/cjs/promql') as typeof import('@prometheus-io/codemirror-promql/dist/cjs/promql');
    tools = { parser, Parser, EditorState, language: promQLLanguage(LanguageType.PromQL) };
  }
  return tools;
}

/*
 * The fleet's alerts repeat a few expressions with each cluster's label values (300 clusters: 600
 * expressions, ~1 ms each to check). The value of an exact label matcher (`=` or `!=`) is a string
 * literal; with no escape or line break in it, its text cannot change how the expression parses or
 * type-checks, so expressions that differ only there pass or fail together: once one passes, its
 * shape passes. Empty values are kept (a selector needs one non-empty matcher); failures are always
 * checked on the expression itself, so their offsets and messages are its own.
 */
const passingShapes = new Set<string>();
const MAX_SHAPES = 10_000;

/**
 * `expr` with the value of each exact label matcher (non-empty, escape-free, double-quoted) replaced
 * by "x"; undefined when a quoted string is unterminated or holds a line break, where PromQL's own
 * grammar ends the string and this scan would not (such an expression is always checked itself).
 */
export function promqlShape(expr: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '#') {
      // A comment runs to the end of the line; quotes in it start nothing.
      const end = expr.indexOf('\n', i);
      const j = end < 0 ? expr.length : end;
      out += expr.slice(i, j);
      i = j;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < expr.length && expr[j] !== c) j += c !== '`' && expr[j] === '\\' ? 2 : 1;
      const body = expr.slice(i + 1, j);
      if (c !== '`' && (j >= expr.length || /[\n\r]/.test(body))) return undefined;
      const before = out.trimEnd();
      const exactMatcher = before.endsWith('=') && !/[=<>]=$/.test(before);
      out += c === '"' && exactMatcher && body !== '' && !body.includes('\\') ? '"x"' : expr.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Every problem with a PromQL expression, as `offset: message`; empty when it parses and type-checks. */
export function promqlProblems(expr: string): string[] {
  const shape = promqlShape(expr);
  if (shape !== undefined && passingShapes.has(shape)) return [];
  const problems = checkPromqlExpression(expr);
  if (shape !== undefined && problems.length === 0) {
    if (passingShapes.size >= MAX_SHAPES) passingShapes.clear();
    passingShapes.add(shape);
  }
  return problems;
}

/** The check itself, every time (promqlProblems remembers passing shapes). */
export function checkPromqlExpression(expr: string): string[] {
  const problems: string[] = [];
  if (expr.trim() === '') return ['empty expression'];
  const { parser, Parser, EditorState, language } = promqlTools();
  const tree = parser.parse(expr);
  tree.iterate({
    enter: (node) => {
      if (node.type.isError) problems.push(`${node.from}: syntax error near ${JSON.stringify(expr.slice(Math.max(0, node.from - 10), node.from + 10))}`);
    },
  });
  const semantic = new Parser(EditorState.create({ doc: expr, extensions: language }));
  // The editor state parses within a time budget (CodeMirror's syntaxTree() may return a partial
  // tree on a busy machine); give the checker the complete tree of the same grammar instead.
  (semantic as unknown as { tree: typeof tree }).tree = tree;
  semantic.analyze();
  for (const d of semantic.getDiagnostics()) if (d.severity === 'error') problems.push(`${d.from}: ${d.message}`);
  return [...new Set(problems)];
}
