/**
 * The few Go text/template forms an ApplicationSet template can use and still be evaluated offline:
 * field chains (`{{ .name }}`, `{{ .server }}`, `{{ .values.key }}`, `{{ .metadata.labels.env }}`),
 * `{{ index .metadata.labels "key" }}` and string constants (`{{ "{{" }}`, how text keeps its braces).
 * Anything else (pipelines, functions, conditionals, ranges) is refused with a TemplateError rather
 * than guessed at.
 */

export class TemplateError extends Error {}

export type TemplateParams = Readonly<Record<string, unknown>>;

// An action ends at the first `}}` outside a quoted string (Go's lexer reads a string constant whole).
const ACTION = /\{\{(-\s)?\s*((?:"(?:[^"\\\n]|\\.)*"|`[^`]*`|[\s\S])*?)\s*(\s-)?\}\}/g;
const STRING = /^(?:"(?:[^"\\\n]|\\.)*"|`[^`]*`)$/;

/**
 * Renders one string. `missingKeyError`: the `missingkey=error` option, under which a field chain
 * naming an absent map key fails (Go prints `<no value>` otherwise).
 */
export function renderGoTemplate(text: string, params: TemplateParams, missingKeyError: boolean): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(ACTION)) {
    let before = text.slice(last, m.index);
    if (m[1]) before = before.replace(/\s+$/, '');
    out += before;
    out += print(evaluate(m[2], params, missingKeyError), m[0]);
    last = m.index! + m[0].length;
    if (m[3]) {
      const rest = text.slice(last);
      last += rest.length - rest.replace(/^\s+/, '').length;
    }
  }
  const tail = text.slice(last);
  if (tail.includes('{{')) throw new TemplateError(`unterminated action in ${JSON.stringify(text)}`);
  return out + tail;
}

function evaluate(expression: string, params: TemplateParams, missingKeyError: boolean): unknown {
  if (STRING.test(expression)) return stringConstant(expression);
  const field = /^\.[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$/;
  if (field.test(expression)) return lookup(expression, params, missingKeyError);
  const index = /^index\s+(\.[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)((?:\s+"(?:[^"\\]|\\.)*")+)$/.exec(expression);
  if (index) {
    let value = lookup(index[1], params, missingKeyError);
    for (const quoted of index[2].match(/"(?:[^"\\]|\\.)*"/g)!) {
      const key = JSON.parse(quoted) as string;
      if (value === undefined || value === null) throw new TemplateError(`{{ ${expression} }}: error calling index: index of untyped nil`);
      if (typeof value !== 'object' || Array.isArray(value)) throw new TemplateError(`{{ ${expression} }}: cannot index a ${typeof value}`);
      // index returns the zero value for an absent key (the generator's maps are map[string]string): ''.
      value = (value as Record<string, unknown>)[key] ?? '';
    }
    return value;
  }
  throw new TemplateError(`{{ ${expression} }} cannot be evaluated offline: only {{ .field.chain }} and {{ index .field "key" }} are`);
}

/** A Go string constant: a raw `...` string as written, a "..." one with the escapes JSON shares with Go (others refused). */
function stringConstant(literal: string): string {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal) as string;
  } catch {
    throw new TemplateError(`{{ ${literal} }}: a string with escapes that cannot be evaluated offline`);
  }
}

function lookup(chain: string, params: TemplateParams, missingKeyError: boolean): unknown {
  let value: unknown = params;
  for (const key of chain.slice(1).split('.')) {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw new TemplateError(`{{ ${chain} }}: can't evaluate field ${key} in a ${typeof value}`);
    const map = value as Record<string, unknown>;
    if (!(key in map)) {
      if (missingKeyError) throw new TemplateError(`{{ ${chain} }}: map has no entry for key "${key}"`);
      return undefined;
    }
    value = map[key];
  }
  return value;
}

function print(value: unknown, action: string): string {
  if (value === undefined || value === null) return '<no value>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateError(`${action} renders a ${Array.isArray(value) ? 'list' : 'map'}, which cannot be evaluated offline`);
}

/** Renders every string (and map key) in a JSON-like value. */
export function renderDeep(value: unknown, params: TemplateParams, missingKeyError: boolean): unknown {
  if (typeof value === 'string') return renderGoTemplate(value, params, missingKeyError);
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, params, missingKeyError));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [renderGoTemplate(k, params, missingKeyError), renderDeep(v, params, missingKeyError)]));
  }
  return value;
}
