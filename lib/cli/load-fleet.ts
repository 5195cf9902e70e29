import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { SourceMap } from 'module';
import { FleetError, Problem } from '../fleet/fleet-error';

/*
 * Loads a fleet file. JSON and YAML fleets are data (parsed, never run). A TypeScript fleet is
 * transpiled, not type-checked, by sucrase through a require hook: types are stripped and ESM-style
 * `import`/`export` become CommonJS, one file at a time as Node requires it, with line numbers kept
 * (so a runtime error's line is the line in the file). Type errors are `fleetsynth check --types`'
 * business (type-check.ts): a full type check costs seconds, the transpile milliseconds.
 */

/** lib/fleet's FLEET_DOCUMENT_EXTENSIONS, without loading its YAML parser: a synth with nothing to do never needs it (a test holds them equal). */
export const DOCUMENT_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml'];
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fleetDocument = () => require('../fleet/fleet-document') as typeof import('../fleet/fleet-document');

/** Extensions of fleet files run as TypeScript. */
const TYPESCRIPT_EXTENSIONS = ['.ts', '.cts', '.mts'] as const;

interface NodeModule {
  _compile(code: string, filename: string): void;
}
type Loader = (module: NodeModule, filename: string) => void;

/** A syntax error sucrase found, with where it is. */
export class FleetSyntaxError extends Error {
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly reason: string) {
    super(`${file}:${line}:${column}: ${reason}`);
    this.name = 'FleetSyntaxError';
  }
}

/**
 * TypeScript (ESM syntax or CommonJS) to CommonJS JavaScript, line for line. Throws
 * FleetSyntaxError (1-based line and column) when the text does not parse.
 */
export function transpileTypeScript(source: string, file: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { transform } = require('sucrase') as typeof import('sucrase');
  try {
    const { code, sourceMap } = transform(source, { transforms: ['typescript', 'imports'], filePath: file, production: true, sourceMapOptions: { compiledFilename: file } });
    if (sourceMap) sourceMaps.set(path.resolve(file), { ...sourceMap, sourceRoot: '', sourcesContent: [] });
    return code;
  } catch (e) {
    const err = e as Error & { pos?: number };
    // sucrase's parser (babel's) reports `message (line:column)` and the offset (`pos`); the position is computed from the offset.
    const m = /^(.*?) \((\d+):(\d+)\)$/.exec(err.message.split('\n')[0]);
    if (!m || typeof err.pos !== 'number') throw e;
    const before = source.slice(0, err.pos).split('\n');
    const reason = m[1].replace(/^Error transforming [^:]+: /, '');
    throw new FleetSyntaxError(shownPath(file), before.length, before[before.length - 1].length + 1, lowerFirst(reason));
  }
}

/** A path as the user would write it: relative to the working folder when inside it. */
function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

let registered = false;

/**
 * Makes Node's `require` run TypeScript files with sucrase. Not when the module system is not
 * Node's own (jest transforms TypeScript itself) or ts-node is registered (`ts-node apps/…`).
 * Node's own type stripping (22.18+), when on, is replaced: it refuses enums and extensionless
 * relative imports, and fleets must load the same on every Node version.
 */
export function registerTypeScript(): void {
  if (registered || require.extensions !== Module()._extensions || (process as unknown as Record<symbol, unknown>)[Symbol.for('ts-node.register.instance')]) return;
  const loaders = require.extensions as unknown as Record<string, Loader>;
  const load: Loader = (module, filename) => module._compile(transpileTypeScript(fs.readFileSync(filename, 'utf8'), filename), filename);
  for (const ext of TYPESCRIPT_EXTENSIONS) loaders[ext] = load;
  resolveTypeScriptSources();
  registered = true;
}

/**
 * What TypeScript's `node16`/`nodenext` resolution makes users write: a relative import names the
 * file it compiles to (`./addons/reports.js`, required in ESM files), and TypeScript reads the source
 * (typescript 5.9.3 src/compiler/moduleNameResolver.ts tryAddingExtensions: .js → .ts, .mjs → .mts,
 * .cjs → .cts; handbook, Modules Reference, "File extension substitution"). Nothing is compiled to
 * disk here, so such an import, from a TypeScript file, loads its source when the named file does
 * not exist (as ts-node's and tsx's resolvers do); a file that exists is loaded as Node would.
 */
const SOURCE_OF: Readonly<Record<string, string>> = { '.js': '.ts', '.mjs': '.mts', '.cjs': '.cts' };

function resolveTypeScriptSources(): void {
  const module = Module();
  const resolve = module._resolveFilename;
  module._resolveFilename = function (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string {
    try {
      return resolve.call(this, request, parent, ...rest);
    } catch (e) {
      const from = parent?.filename;
      const ext = path.extname(request);
      const relative = request.startsWith('./') || request.startsWith('../');
      if ((e as { code?: string })?.code !== 'MODULE_NOT_FOUND' || !relative || !SOURCE_OF[ext] || !from || !(TYPESCRIPT_EXTENSIONS as readonly string[]).includes(path.extname(from))) throw e;
      const source = `${request.slice(0, -ext.length)}${SOURCE_OF[ext]}`;
      if (!fs.existsSync(path.resolve(path.dirname(from), source))) throw e;
      return resolve.call(this, source, parent, ...rest);
    }
  };
}

type ResolveFilename = (this: unknown, request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = () => require('module') as { _extensions: unknown; _resolveFilename: ResolveFilename };

/** The problem a fleet file that cannot be loaded has: its syntax error's position, or the frame of the fleet file where it threw. */
export function loadProblem(file: string, e: unknown): Problem {
  if (e instanceof FleetSyntaxError) return { path: `${e.file}:${e.line}:${e.column}`, message: `syntax error: ${e.reason}`, allowed: 'TypeScript or JavaScript that parses: fix the code at that line and column' };
  const error = e as Error & { code?: string };
  const first = String(error?.message ?? error).split('\n')[0];
  if (error?.code === 'MODULE_NOT_FOUND' && /Cannot find module '([^']+)'/.test(first)) {
    const name = /Cannot find module '([^']+)'/.exec(first)![1];
    const where = frameIn(error, file);
    const bare = !name.startsWith('.') && !path.isAbsolute(name);
    return {
      path: where ?? file,
      message: `could not be loaded: cannot find module ${JSON.stringify(name)}`,
      allowed: bare ? `a package installed in the fleet's repository (npm install ${packageName(name)})` : 'a path relative to the file that imports it',
    };
  }
  return { path: frameIn(error, file) ?? file, message: `could not be loaded: ${first}` };
}

/**
 * Source maps of the files transpileTypeScript transpiled: sucrase keeps every line where it was, but
 * not every column (it puts `"use strict";` and its import helpers before the first line's code).
 */
const sourceMaps = new Map<string, ConstructorParameters<typeof SourceMap>[0]>();

/** `file:line:column` of the innermost stack frame in `file`, as the user wrote it (through its source map when it was transpiled). */
function frameIn(error: Error, file: string): string | undefined {
  const abs = path.resolve(file);
  for (const line of String(error?.stack ?? '').split('\n')) {
    // `at fn (file:line:column)`, or `at file:line:column` for a function without a name
    const m = /(?:^at |\()((?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!m || path.resolve(m[1]) !== abs) continue;
    const payload = sourceMaps.get(abs);
    // node:module's SourceMap: 0-based positions; an empty object where the map has no entry.
    const entry = payload ? (new SourceMap(payload).findEntry(Number(m[2]) - 1, Number(m[3]) - 1) as { originalLine?: number; originalColumn?: number }) : {};
    return entry.originalLine !== undefined && entry.originalColumn !== undefined ? `${shownPath(abs)}:${entry.originalLine + 1}:${entry.originalColumn + 1}` : `${shownPath(abs)}:${m[2]}:${m[3]}`;
  }
  return undefined;
}

const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * A fingerprint of a JSON or YAML fleet file: its bytes (what the fleet is made from, parsed as
 * data) and its kind; undefined for a fleet that is code, or a file that cannot be read.
 */
export function fleetFileFingerprint(file: string): string | undefined {
  const ext = path.extname(file).toLowerCase();
  if (!DOCUMENT_EXTENSIONS.includes(ext)) return undefined;
  try {
    return `document${ext}:${createHash('sha256').update(fs.readFileSync(file)).digest('hex')}`;
  } catch {
    return undefined;
  }
}

/** Loads the fleet file; a file that cannot be loaded or exports no fleet is a fleet problem (FleetError). */
export function loadFleet(file: string): unknown {
  const ext = path.extname(file).toLowerCase();
  if (DOCUMENT_EXTENSIONS.includes(ext)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new FleetError([{ path: file, message: `could not be loaded: ${(e as Error).message.split('\n')[0]}` }], 'fleet file');
    }
    return fleetDocument().parseFleetDocument(text, file);
  }
  if (!fs.existsSync(file)) throw new FleetError([{ path: file, message: 'no such file', allowed: 'a .ts, .js, .json or .yaml fleet file (--fleet FILE)' }], 'fleet file');
  // A folder would be required as a package (its index.js), and fail naming the absolute path.
  if (fs.statSync(file).isDirectory()) throw new FleetError([{ path: file, message: 'a folder, not a fleet file', allowed: 'a .ts, .js, .json or .yaml fleet file (--fleet FILE)' }], 'fleet file');
  if ((TYPESCRIPT_EXTENSIONS as readonly string[]).includes(ext)) registerTypeScript();
  let mod: { fleet?: unknown; default?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path.resolve(file));
  } catch (e) {
    throw new FleetError([loadProblem(file, e)], 'fleet file');
  }
  const fleet = mod.fleet ?? mod.default;
  if (fleet === undefined) throw new FleetError([{ path: file, message: 'exports no fleet', allowed: '`export const fleet: Fleet = …` or a default export' }], 'fleet file');
  return fleet;
}
