import { EditorState } from '@codemirror/state';
import { parser } from '@prometheus-io/lezer-promql';
import { Parser } from '@prometheus-io/codemirror-promql/dist/cjs/parser';
import { LanguageType, promQLLanguage } from '@prometheus-io/codemirror-promql/dist/cjs/promql';

/*
 * PromQL is checked offline with Prometheus' own packages: @prometheus-io/lezer-promql (the Lezer
 * grammar Prometheus' UI parses with; a syntax error leaves an error node in the tree) and the
 * semantic checks of @prometheus-io/codemirror-promql's Parser (types of function arguments and
 * operands, modeled on prometheus/promql/parser/parse.go checkAST). Lezer recovers from errors
 * instead of throwing, so both are read: any error node, and every error-severity diagnostic.
 * Not checked: that metric and label names exist (no server here).
 */

const language = promQLLanguage(LanguageType.PromQL);

/** Every problem with a PromQL expression, as `offset: message`; empty when it parses and type-checks. */
export function promqlProblems(expr: string): string[] {
  const problems: string[] = [];
  if (expr.trim() === '') return ['empty expression'];
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
