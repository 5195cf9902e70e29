import { addHook } from 'pirates';

/*
 * jsii compiles cdktf, its providers, cdk8s, cdk8s-plus and constructs with inline source maps: each
 * module ends with `//# sourceMappingURL=data:application/json;base64,…`, the map with the
 * TypeScript sources in it, two thirds of the file (@cdktf/provider-aws/lib/eks-cluster/index.js:
 * 256 of its 365 KB). V8 scans that comment on every load and keeps a copy of the URL beside each
 * script's source: in a heap snapshot of a 300-cluster synth, 211 such copies held 14.7 MiB, besides
 * the sources holding them, in every thread that renders. Nothing in fleetsynth reads them (it does
 * not run with --enable-source-maps; its errors name the fleet file, mapped through sucrase's own
 * map), so the command and its render threads load these packages without the comment. Measured
 * alternating, 5 runs each: the example 1.61 → 1.55 s and 210 → 194 MiB; 300 clusters 401 → 374 MiB.
 * The code kept is a copy, not a slice of the file's text: V8 makes a slice of a string a
 * SlicedString that points into the whole (v8 src/objects/string.h, SlicedString; Node 20's V8 11.3),
 * and the script keeps its source for life, so each module kept its whole file, map and all: 25 of
 * the main thread's 75 MiB of live heap at the end of a 300-cluster render (a heap snapshot), ~14 MiB
 * less per rendering thread with copies.
 * Imported first by the CLI (bin/fleetsynth.js) and the render worker: their own processes and
 * threads. Not by the package's entries: a program that imports fleetsynth keeps its modules as
 * they are.
 */

/** The packages whose inline source maps are dropped: jsii's, which fleetsynth loads to render (cdktn, the fork, too). */
export const JSII_PACKAGE = /[\\/]node_modules[\\/](?:cdktf|cdktn|cdk8s|cdk8s-plus-\d+|constructs|@cdktf[\\/][^\\/]+|@cdktn[\\/][^\\/]+)[\\/]/;

const MARK = '//# sourceMappingURL=data:';

/** `code` without its inline source map, when that is its last line (a mark inside the code, e.g. in a string, is kept). */
export function withoutInlineSourceMap(code: string): string {
  const at = code.lastIndexOf(MARK);
  if (at === -1 || (at > 0 && code[at - 1] !== '\n')) return code;
  // Not a RegExp on the rest: the last subject a RegExp ran on stays referenced (RegExp.input), the whole file with it.
  const lineEnd = code.indexOf('\n', at);
  return lineEnd === -1 || code.slice(lineEnd).trim() === '' ? detachedCopy(code.slice(0, at)) : code;
}

/**
 * The same text in a string of its own, which does not keep alive the string it was cut from. Through
 * UTF-8 and back: the identity for any text Node's loader decoded from UTF-8 (it has no lone surrogate).
 */
export function detachedCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

let installed = false;

/** Loads the jsii packages (JSII_PACKAGE) without their inline source maps from now on, in this thread. */
export function dropInlineSourceMaps(): void {
  if (installed) return;
  addHook(withoutInlineSourceMap, { exts: ['.js'], ignoreNodeModules: false, matcher: (file) => JSII_PACKAGE.test(file) });
  installed = true;
}

dropInlineSourceMaps();
