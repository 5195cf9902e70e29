/*
 * The one module that imports cdktf. CDKTF was archived upstream in December 2025; its fork is
 * CDK Terrain (`cdktn`). It is pinned exactly in package.json, and switching to the fork is a
 * change to this file (plus the provider modules beside it, and deferred-archiver.ts) alone.
 */
import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { fastTokenResolver } from './token-resolver';
import type { CdktfResolveInternals, ResolveOptions } from './token-resolver';

export {
  App,
  Aspects,
  AzurermBackend,
  DefaultTokenResolver,
  Fn,
  GcsBackend,
  Lazy,
  LocalBackend,
  S3Backend,
  StringConcat,
  TerraformLocal,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  Testing,
  Token,
  Tokenization,
} from 'cdktf';
export type { ITerraformDependable, TerraformBackend, TerraformProvider } from 'cdktf';
// Terraform's built-in `terraform_data` (no provider): the tests apply it with the real binary, offline.
export { DataResource } from 'cdktf/lib/terraform-data-resource';
// Not re-exported from the package root: what `App.synth()` runs on each stack before writing it, and
// the hook through which a construct writes a file of its own there (cdktf's TerraformAsset uses it).
export { addCustomSynthesis, invokeAspects } from 'cdktf/lib/synthesize/synthesizer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const uniqueModule: { makeUniqueId: (components: string[]) => string } = require('cdktf/lib/private/unique');
// The thread's token map (cdktf 0.21 lib/tokens/private/token-map.js, `global.__cdktfTokenMap`): not
// exported from the package root; lib/synth/unit-tokens.ts forgets a render unit's entries in it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tokenMapModule: { TokenMap: { instance(): CdktfTokenMap } } = require('cdktf/lib/tokens/private/token-map');

/** cdktf's map from each registered token's key to the token, strings and numbers apart. */
export interface CdktfTokenMap {
  readonly stringTokenMap: Map<string, unknown>;
  readonly numberTokenMap: Map<number, unknown>;
}

/** This thread's cdktf token map. */
export const cdktfTokenMap = (): CdktfTokenMap => tokenMapModule.TokenMap.instance();

// The module object cdktf reads (an `import * as` would be a copy of it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeUtil: { isArray: (value: unknown) => boolean } = require('util');

/**
 * The Terraform name cdktf gives a resource constructed as `id` under `scope` (TerraformStack's
 * allocateLogicalId: the construct ids below the stack, hashed by makeUniqueId). For a `moved` block
 * from an address an earlier fleetsynth wrote, without constructing that resource again.
 */
export function logicalIdAt(scope: IConstruct, id: string): string {
  const stack = TerraformStack.of(scope);
  const scopes = scope.node.scopes;
  return uniqueModule.makeUniqueId([...scopes.slice(scopes.indexOf(stack) + 1).map((c) => c.node.id), id]);
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const stackTraceModule: { captureStackTrace: (below?: unknown) => string[] } = require('cdktf/lib/tokens/private/stack-trace');

/** The creation stack of every token made while the recording is off: one empty array, frozen (cdktf only joins it into messages). */
const UNRECORDED: string[] = Object.freeze([]) as unknown as string[];

/**
 * Runs `fn` while cdktf records no creation stack for the tokens it makes. cdktf captures a full
 * stack trace (Error.stackTraceLimit = MAX_SAFE_INTEGER) for every token, only to quote it in an
 * error about that token; the output never holds it. Measured at 48 clusters: 31 % of the render,
 * half of the Terraform layer's time. Tokens made meanwhile carry an empty creation stack, the same
 * one each (`madeUnrecorded`). The recorder is back when `fn` returns or throws; nesting is fine.
 */
export function withoutTokenCreationStacks<T>(fn: () => T): T {
  const capture = stackTraceModule.captureStackTrace;
  stackTraceModule.captureStackTrace = () => UNRECORDED;
  try {
    return fn();
  } finally {
    stackTraceModule.captureStackTrace = capture;
  }
}

/**
 * Whether `token` was made inside `withoutTokenCreationStacks`. Every cdktf token records its creation
 * stack where it is made (cdktf 0.21: Intrinsic, LazyBase, ComplexResolvable, TerraformDynamicBlock and
 * TerraformDynamicExpression call captureStackTrace in their constructors).
 */
export const madeUnrecorded = (token: unknown): boolean => (token as { creationStack?: unknown } | undefined)?.creationStack === UNRECORDED;

/**
 * cdktf 0.21 checks each TerraformOutput value with `util.isArray` (lib/terraform-output.js
 * isITerraformAddressable), which Node 22 and 24 deprecate at run time (DEP0044): every synth that writes an
 * output printed a DeprecationWarning. The call reads the function when it runs, so while `fn` runs
 * `util.isArray` is `Array.isArray`, the check it stands for (Node's util.js: `isArray =
 * deprecate(ArrayIsArray, …)`), and it is put back when `fn` returns or throws; nesting is fine.
 */
export function withoutUtilIsArrayDeprecation<T>(fn: () => T): T {
  const isArray = nodeUtil.isArray;
  nodeUtil.isArray = Array.isArray;
  try {
    return fn();
  } finally {
    nodeUtil.isArray = isArray;
  }
}

// cdktf's token resolver and what it is made of (cdktf 0.21 lib/tokens/private/): token.js calls
// `resolve_1.resolve` through the module object, so setting the property swaps the resolver.
/* eslint-disable @typescript-eslint/no-require-imports */
const resolveModule: { resolve: (obj: unknown, options: ResolveOptions) => unknown } = require('cdktf/lib/tokens/private/resolve');
const fastResolver = fastTokenResolver({
  ...(require('cdktf/lib/tokens/private/encoding') as Pick<CdktfResolveInternals, 'TokenString' | 'containsStringListTokenElement' | 'containsNumberListTokenElement' | 'containsMapToken'>),
  tokenMap: () => tokenMapModule.TokenMap.instance() as unknown as ReturnType<CdktfResolveInternals['tokenMap']>,
  Token: require('cdktf/lib/tokens/token').Token,
  StringConcat: require('cdktf/lib/tokens/resolvable').StringConcat,
  errors: require('cdktf/lib/errors'),
});
/* eslint-enable @typescript-eslint/no-require-imports */

/** Whether withFastTokenResolver swaps the resolver: the tests switch it off to render with cdktf's own and compare. */
export const fastTokenResolution = { on: true };

/**
 * Runs `fn` with cdktf's token resolver swapped for the faster walk of token-resolver.ts (the same
 * output; ~30 % of the Terraform render's CPU was cdktf's walk). cdktf's is back when `fn` returns or
 * throws; nesting is fine.
 */
export function withFastTokenResolver<T>(fn: () => T): T {
  if (!fastTokenResolution.on) return fn();
  const resolver = resolveModule.resolve;
  resolveModule.resolve = fastResolver;
  try {
    return fn();
  } finally {
    resolveModule.resolve = resolver;
  }
}
