/*
 * cdktf's token resolver (cdktf 0.21 lib/tokens/private/resolve.js, `resolve`: every value of every
 * stack goes through it when the stack is written), walked with less work per value and the same
 * result. The profile of a 300-cluster synth put ~30 % of the Terraform render's CPU in it: for every
 * value and every object key, cdktf builds the path's name ("/" + prefix.join("/"), used only in error
 * messages), a closure, a context object and an options object (a spread), copies the path array,
 * and runs three regular expressions on each string, key or not. Here:
 * - a value that is not a token (no token marker, no encoded number) is returned as cdktf would
 *   return it, without a context; the tests of markers are cdktf's own (`TfToken[` starts every string,
 *   list and map marker: encoding.js BEGIN_*_TOKEN_MARKER; numbers keep cdktf's NUMBER_TOKEN_REGEX);
 * - the path is a linked list, named only when an error needs it;
 * - a plain object's or array's children see the same resolution context as the object itself
 *   (cdktf gives each a fresh copy of the fields of its parent's context, which nothing else sees:
 *   only the contexts handed to a token or a resolver are changed, e.g. tfExpression.js
 *   suppressBraces, and those are made exactly as cdktf makes them).
 * Tokens, strings with markers, map and list tokens go through cdktf's own resolver, fragments and
 * post-processors, as before. lib/infra/cdktf.ts installs it while fleetsynth renders (withFastTokenResolver);
 * the tests compare it with cdktf's resolver value for value.
 */

/** What the walk needs of cdktf's internals (lib/infra/cdktf.ts hands them over: the one module that imports cdktf). */
export interface CdktfResolveInternals {
  /** encoding.js TokenString. */
  readonly TokenString: {
    forString(s: string, includeEscapes?: boolean, warnEscapes?: boolean): TokenStringLike;
    forListToken(s: string): TokenStringLike;
    forNumbers(s: string): TokenStringLike;
  };
  readonly containsStringListTokenElement: (xs: unknown[]) => boolean;
  readonly containsNumberListTokenElement: (xs: unknown[]) => boolean;
  readonly containsMapToken: (xs: object) => boolean;
  /** token-map.js TokenMap.instance(). */
  readonly tokenMap: () => { lookupToken(key: string): unknown; lookupNumberToken(n: number): unknown };
  /** token.js Token's marker values. */
  readonly Token: { readonly STRING_MAP_TOKEN_VALUE: string; readonly ANY_MAP_TOKEN_VALUE: string; readonly NUMBER_MAP_TOKEN_VALUE: number };
  readonly StringConcat: new () => unknown;
  /** errors.js, the resolver's errors. */
  readonly errors: {
    unableToResolveCircularReference(pathName: string): Error;
    cannotResolveFunction(pathName: string, obj: unknown): Error;
    encodedListTokenInScalarStringContext(): Error;
    encodedMapTokenInScalarStringContext(): Error;
    encodedMapTokenInScalarNumberContext(): Error;
    constructsCannotBeResolved(pathName: string): Error;
    mapKeyMustResolveToString(pathName: string, key: string, resolved: unknown): Error;
  };
}

interface TokenStringLike {
  test(): boolean;
  split(lookup: (key: string) => unknown): { mapTokens(context: ResolveContext): { join(concat: unknown): unknown } };
}

/** cdktf's IResolveContext, as resolve.js makes it. */
interface ResolveContext {
  preparing: boolean;
  scope: unknown;
  suppressBraces?: boolean;
  ignoreEscapes?: boolean;
  warnEscapes?: boolean;
  iteratorContext?: unknown;
  registerPostProcessor(pp: PostProcessor): void;
  resolve(x: unknown): unknown;
}

interface PostProcessor {
  postProcess(x: unknown, context: ResolveContext): unknown;
}

interface TokenResolver {
  resolveToken(t: unknown, context: ResolveContext, postProcessor: PostProcessor): unknown;
  resolveString(fragments: unknown, context: ResolveContext): unknown;
  resolveList(xs: unknown[], context: ResolveContext): unknown;
  resolveNumberList(xs: unknown[], context: ResolveContext): unknown;
  resolveMap(xs: object, context: ResolveContext): unknown;
}

/** resolve.js IResolveOptions. */
export interface ResolveOptions {
  readonly scope: unknown;
  readonly preparing: boolean;
  readonly resolver: TokenResolver;
  readonly prefix?: string[];
  readonly previousContext?: ResolveContext;
}

/** Where a value is: the keys from the resolved root, as a linked list (depth 0 at the root). */
interface Path {
  readonly up: Path | undefined;
  readonly key: string;
  readonly depth: number;
}

/** What stays the same from a value to its children: resolve.js passes it on in its options. */
interface Frame {
  readonly scope: unknown;
  readonly preparing: boolean;
  readonly resolver: TokenResolver;
  readonly previousContext: ResolveContext | undefined;
}

/** A string, list or map token marker's common part (encoding.js: `${TfToken[`, `#{TfToken[`, `&{TfToken[`). */
const MARKER = 'TfToken[';

/** cdktf's token resolver, walked faster (see the file's comment); the same results and errors. */
export function fastTokenResolver(cdktf: CdktfResolveInternals): (obj: unknown, options: ResolveOptions) => unknown {
  const { TokenString, Token, errors } = cdktf;
  // cdktf's own pattern (encoding.js NUMBER_TOKEN_REGEX), without the global flag: TokenString.test() resets lastIndex first.
  const numberPattern = new RegExp((TokenString.forNumbers('') as unknown as { re: RegExp }).re.source);
  // resolve.js reads the token map once, when it loads (`const tokenMap = TokenMap.instance()`).
  const stringTokenMap = cdktf.tokenMap();

  const pathName = (path: Path | undefined): string => {
    const keys: string[] = [];
    for (let p = path; p; p = p.up) keys.push(p.key);
    return '/' + keys.reverse().join('/');
  };
  const child = (path: Path | undefined, key: string): Path => ({ up: path, key, depth: (path?.depth ?? 0) + 1 });

  /** resolve.js makeContext: a context handed to a token or a resolver, made as cdktf makes it. */
  function makeContext(frame: Frame, path: Path | undefined, appendPath?: string): [ResolveContext, PostProcessor] {
    const newPath = appendPath !== undefined ? child(path, appendPath) : path;
    let postProcessor: PostProcessor | undefined;
    const previous = frame.previousContext;
    const context: ResolveContext = {
      preparing: frame.preparing,
      scope: frame.scope,
      suppressBraces: previous?.suppressBraces,
      ignoreEscapes: previous?.ignoreEscapes,
      warnEscapes: previous?.warnEscapes,
      iteratorContext: previous?.iteratorContext,
      registerPostProcessor(pp) {
        postProcessor = pp;
      },
      resolve(x) {
        return walk(x, { scope: frame.scope, preparing: frame.preparing, resolver: frame.resolver, previousContext: context }, newPath);
      },
    };
    return [context, { postProcess: (x) => (postProcessor ? postProcessor.postProcess(x, context) : x) }];
  }

  /** resolve.js's string case: tokens in the string replaced, then encoded numbers. */
  function resolveString(str: string, frame: Frame, path: Path | undefined): unknown {
    if (str === Token.STRING_MAP_TOKEN_VALUE || str === Token.ANY_MAP_TOKEN_VALUE) throw errors.encodedMapTokenInScalarStringContext();
    const marked = str.includes(MARKER);
    if (!marked && !numberPattern.test(str)) return str;
    if (marked && TokenString.forListToken(str).test()) throw errors.encodedListTokenInScalarStringContext();
    let resolved: unknown = str;
    const previous = frame.previousContext;
    const tokenStr = TokenString.forString(str, !previous?.ignoreEscapes, previous?.warnEscapes);
    if (marked && tokenStr.test()) {
      const fragments = tokenStr.split(stringTokenMap.lookupToken.bind(stringTokenMap));
      resolved = frame.resolver.resolveString(fragments, makeContext(frame, path)[0]);
    }
    const tokenNumberStr = TokenString.forNumbers(resolved as string);
    if (tokenNumberStr.test()) {
      const fragments = tokenNumberStr.split((id) => cdktf.tokenMap().lookupNumberToken(parseFloat(id)));
      resolved = fragments.mapTokens(makeContext(frame, path)[0]).join(new cdktf.StringConcat());
    }
    return resolved;
  }

  function walk(obj: unknown, frame: Frame, path: Path | undefined): unknown {
    if ((path?.depth ?? 0) > 200) throw errors.unableToResolveCircularReference(pathName(path));
    if (obj === undefined) return undefined;
    if (obj === null) return null;
    if (typeof obj === 'function') throw errors.cannotResolveFunction(pathName(path), obj);
    if (typeof obj === 'string') return resolveString(obj, frame, path);
    if (typeof obj === 'number') {
      if (obj === Token.NUMBER_MAP_TOKEN_VALUE) throw errors.encodedMapTokenInScalarNumberContext();
      const token = cdktf.tokenMap().lookupNumberToken(obj);
      return token === undefined ? obj : makeContext(frame, path)[0].resolve(token);
    }
    if (typeof obj !== 'object' || obj instanceof Date) return obj;
    if (Array.isArray(obj)) {
      // A list token is a string with a marker or an encoded number (encoding.js containsStringListTokenElement, containsNumberListTokenElement).
      if (obj.some((x) => typeof x === 'number' || (typeof x === 'string' && x.includes(MARKER)))) {
        if (cdktf.containsStringListTokenElement(obj)) return frame.resolver.resolveList(obj, makeContext(frame, path)[0]);
        if (cdktf.containsNumberListTokenElement(obj)) return frame.resolver.resolveNumberList(obj, makeContext(frame, path)[0]);
      }
      const resolved: unknown[] = [];
      for (let i = 0; i < obj.length; i++) {
        // resolve.js maps the array: Array.prototype.map skips a hole, so cdktf never checks its depth.
        if (obj[i] === undefined && !(i in obj)) continue;
        const value = walk(obj[i], frame, child(path, `${i}`));
        if (value !== undefined) resolved.push(value);
      }
      return resolved;
    }
    const keys = Object.keys(obj);
    // A map token is a key with a marker (encoding.js containsMapToken); then unresolved(obj) is isResolvable(obj).
    if (keys.some((k) => k.includes(MARKER)) && cdktf.containsMapToken(obj)) return frame.resolver.resolveMap(obj, makeContext(frame, path)[0]);
    if (typeof (obj as { resolve?: unknown }).resolve === 'function') {
      const [context, postProcessor] = makeContext(frame, path);
      return frame.resolver.resolveToken(obj, context, postProcessor);
    }
    // resolve.js isConstruct: a construct here is a programming mistake that would recurse for ever.
    if ((obj as { _children?: unknown })._children !== undefined && (obj as { _metadata?: unknown })._metadata !== undefined) {
      throw errors.constructsCannotBeResolved(pathName(path));
    }
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const resolvedKey = resolveString(key, frame, path);
      if (typeof resolvedKey !== 'string') throw errors.mapKeyMustResolveToString(pathName(path), key, resolvedKey);
      const value = walk((obj as Record<string, unknown>)[key], frame, child(path, key));
      if (value !== undefined) result[resolvedKey] = value;
    }
    return result;
  }

  return (obj, options) => {
    let path: Path | undefined;
    for (const key of options.prefix ?? []) path = child(path, key);
    const frame: Frame = { scope: options.scope, preparing: options.preparing, resolver: options.resolver, previousContext: options.previousContext };
    return walk(obj, frame, path);
  };
}
