/**
 * The two glob dialects Argo CD matches with. Which one applies where matters: `*` crosses `/` in
 * one and not in the other.
 */

const compiled = new Map<string, RegExp | null>();

/** The characters that make a gobwas pattern more than the literal text it is. */
export const GLOB_SPECIAL = /[*?[\]{}\\]/;

/**
 * github.com/gobwas/glob, as Argo CD's `util/glob.Match` calls it (argoproj/argo-cd util/glob/glob.go):
 * `*` any run of non-separator characters, `**` any run, `?` one non-separator character,
 * `[abc]`, `[a-z]`, `[!a-z]`, `{a,b}` alternatives, `\` escapes. With no separators, `*` also crosses `/`.
 * A pattern that does not compile matches nothing (Argo CD logs a warning and returns false).
 */
export function globMatch(pattern: string, text: string, separators = ''): boolean {
  // No special character: the pattern matches itself only (most destinations and repos are literal).
  if (!GLOB_SPECIAL.test(pattern)) return pattern === text;
  const key = `${separators}\u0000${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(`^${gobwasToRegExp(pattern, separators)}$`, 's');
    } catch {
      re = null;
    }
    compiled.set(key, re);
  }
  return re !== null && re.test(text);
}

function gobwasToRegExp(pattern: string, separators: string): string {
  const notSep = separators === '' ? '.' : `[^${escapeClass(separators)}]`;
  let i = 0;
  // Parses until the end, or (inside braces) until an unescaped `,` or `}`.
  const parse = (inBraces: boolean): string => {
    let out = '';
    while (i < pattern.length) {
      const c = pattern[i];
      if (inBraces && (c === ',' || c === '}')) return out;
      i++;
      if (c === '\\') {
        if (i >= pattern.length) throw new Error('trailing escape');
        out += escapeRegExp(pattern[i++]);
      } else if (c === '*') {
        if (pattern[i] === '*') {
          i++;
          out += '.*';
        } else {
          out += `${notSep}*`;
        }
      } else if (c === '?') {
        out += notSep;
      } else if (c === '[') {
        out += parseClass();
      } else if (c === '{') {
        const alternatives: string[] = [];
        for (;;) {
          alternatives.push(parse(true));
          if (i >= pattern.length) throw new Error('unclosed {');
          if (pattern[i++] === '}') break;
        }
        out += `(?:${alternatives.join('|')})`;
      } else {
        out += escapeRegExp(c);
      }
    }
    if (inBraces) throw new Error('unclosed {');
    return out;
  };
  const parseClass = (): string => {
    let negate = false;
    if (pattern[i] === '!') {
      negate = true;
      i++;
    }
    let body = '';
    let any = false;
    while (i < pattern.length && pattern[i] !== ']') {
      let c = pattern[i++];
      if (c === '\\') c = pattern[i++] ?? '\\';
      if (pattern[i] === '-' && pattern[i + 1] !== undefined && pattern[i + 1] !== ']') {
        const hi = pattern[i + 1];
        i += 2;
        body += `${escapeClass(c)}-${escapeClass(hi)}`;
      } else {
        body += escapeClass(c);
      }
      any = true;
    }
    if (i >= pattern.length || !any) throw new Error('bad character class');
    i++;
    return negate ? `[^${body}]` : `[${body}]`;
  };
  return parse(false);
}

/**
 * Go's `path/filepath.Match`, which Argo CD uses for AppProject resource white/blacklists
 * (argoproj/argo-cd pkg/apis/application/v1alpha1/types.go isResourceInList): `*` any run of
 * non-`/` characters, `?` one, `[a-z]`/`[^a-z]`, `\` escapes. A malformed pattern matches nothing.
 */
export function filepathMatch(pattern: string, name: string): boolean {
  const key = `filepath\u0000${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(`^${filepathToRegExp(pattern)}$`, 's');
    } catch {
      re = null;
    }
    compiled.set(key, re);
  }
  return re !== null && re.test(name);
}

function filepathToRegExp(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i++];
    if (c === '\\') {
      if (i >= pattern.length) throw new Error('trailing escape');
      out += escapeRegExp(pattern[i++]);
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      let negate = false;
      if (pattern[i] === '^') {
        negate = true;
        i++;
      }
      let body = '';
      let any = false;
      while (i < pattern.length && pattern[i] !== ']') {
        let lo = pattern[i++];
        if (lo === '\\') lo = pattern[i++] ?? '';
        if (lo === '') throw new Error('bad escape');
        if (pattern[i] === '-') {
          let hi = pattern[i + 1];
          if (hi === undefined || hi === ']') throw new Error('bad range');
          i += 2;
          if (hi === '\\') hi = pattern[i++] ?? '';
          body += `${escapeClass(lo)}-${escapeClass(hi)}`;
        } else {
          body += escapeClass(lo);
        }
        any = true;
      }
      if (i >= pattern.length || !any) throw new Error('bad character class');
      i++;
      out += negate ? `[^/${body}]` : `[${body}]`;
    } else {
      out += escapeRegExp(c);
    }
  }
  return out;
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function escapeClass(s: string): string {
  return s.replace(/[\\\]^[-]/g, '\\$&');
}
