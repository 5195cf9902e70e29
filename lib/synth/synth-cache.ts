import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/*
 * fleetsynth's cache: what earlier synths computed and a later one may reuse (rendered clusters,
 * objects that passed the schema check, fleets that passed the convergence check). It lives outside
 * the output folder, and is safe to delete, whole or in part, at any time, even while a synth runs:
 * a missing entry is computed again.
 *
 * An entry is one file: a header line `fleetsynth-cache <format> <sha256 of the payload> <name>`,
 * then the payload. A file whose header, checksum or name does not match (cut short by a full
 * disk, edited, copied under another name) is ignored and deleted, never trusted. Entries are
 * written to a temporary file and renamed into place, so a reader sees a whole entry or none; two
 * synths writing the same entry write the same bytes.
 *
 * Nothing in an entry is trusted beyond its checksum: what an entry may be used for is decided by
 * its name, which the caller derives from everything the entry depends on (see render-cache.ts).
 */

/** Bumped whenever the layout or meaning of any entry changes: older entries are then never read. */
export const CACHE_FORMAT = 2;

const HEADER = 'fleetsynth-cache';

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Where synth keeps its cache unless told otherwise: `FLEETSYNTH_CACHE_DIR` when set; else
 * `node_modules/.cache/fleetsynth` of the project in `cwd` when it has a `node_modules` (where
 * babel, eslint and others keep theirs: per project, never committed); else the user's cache
 * folder (`$XDG_CACHE_HOME` or `~/.cache`, `fleetsynth/`).
 */
export function defaultCacheDir(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  if (env.FLEETSYNTH_CACHE_DIR) return path.resolve(cwd, env.FLEETSYNTH_CACHE_DIR);
  if (fs.existsSync(path.join(cwd, 'node_modules'))) return path.join(cwd, 'node_modules', '.cache', 'fleetsynth');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'fleetsynth');
}

/** The cache synth uses, if any (see SynthOptions.cache). */
export function openCache(option: string | false | undefined, env: NodeJS.ProcessEnv = process.env): SynthCache | undefined {
  if (option === false || (option === undefined && env.FLEETSYNTH_CACHE === 'off')) return undefined;
  return new SynthCache(option ?? defaultCacheDir(process.cwd(), env));
}

/** A folder of cache entries. Reading and writing never throw: a cache that cannot be read or written is an empty one. */
export class SynthCache {
  /** Entries read and written, and corrupt ones found, since this object was made. */
  readonly stats = { hits: 0, misses: 0, corrupt: 0, written: 0 };

  constructor(readonly dir: string) {}

  private file(name: string): string {
    if (!/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/.test(name)) throw new Error(`not a cache entry name: ${JSON.stringify(name)}`);
    return path.join(this.dir, `v${CACHE_FORMAT}`, name);
  }

  /** The payload of an entry, or undefined when it is missing or not intact (then it is deleted). */
  read(name: string): string | undefined {
    const file = this.file(name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      this.stats.misses++;
      return undefined;
    }
    const newline = text.indexOf('\n');
    const [header, format, checksum, named] = (newline < 0 ? '' : text.slice(0, newline)).split(' ');
    const payload = text.slice(newline + 1);
    if (header !== HEADER || format !== String(CACHE_FORMAT) || named !== name || checksum !== sha256(payload)) {
      this.stats.corrupt++;
      this.stats.misses++;
      fs.rmSync(file, { force: true });
      return undefined;
    }
    this.stats.hits++;
    return payload;
  }

  /** Writes an entry whole (a temporary file renamed into place). */
  write(name: string, payload: string): void {
    const file = this.file(name);
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(temp, `${HEADER} ${CACHE_FORMAT} ${sha256(payload)} ${name}\n${payload}`);
      fs.renameSync(temp, file);
      this.stats.written++;
    } catch {
      fs.rmSync(temp, { force: true });
    }
  }

  /** Names of the entries under a folder of entries (none when it does not exist). */
  list(folder: string): string[] {
    try {
      return fs.readdirSync(path.dirname(this.file(`${folder}/x`))).filter((n) => !n.endsWith('.tmp')).map((n) => `${folder}/${n}`);
    } catch {
      return [];
    }
  }

  /** When an entry was written (ms since the epoch; 0 when it is gone). */
  writtenAt(name: string): number {
    return fs.statSync(this.file(name), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  }

  remove(name: string): void {
    fs.rmSync(this.file(name), { force: true });
  }

  /**
   * Deletes what no synth will read again, at most once a day (a marker file's time says when):
   * folders of other cache formats, entries written more than MAX_AGE_MS ago, temporary files a
   * killed synth left, and folders left empty. Without it the cache only grew: every fleetsynth
   * version, dependency update and renamed cluster starts entries of its own. An entry still in use
   * that ages out is computed again once. Never throws; a synth running meanwhile at worst misses.
   */
  prune(now: number = Date.now()): { readonly removed: number } {
    const root = path.join(this.dir, `v${CACHE_FORMAT}`);
    const marker = path.join(root, PRUNE_MARKER);
    const last = fs.statSync(marker, { throwIfNoEntry: false })?.mtimeMs;
    if (last !== undefined && now - last < PRUNE_EVERY_MS) return { removed: 0 };
    let removed = 0;
    const gone = (file: string, recursive = false) => {
      try {
        fs.rmSync(file, { recursive, force: true });
        removed++;
      } catch {
        // in use or not ours to delete: left for the next time
      }
    };
    for (const entry of readdir(this.dir)) if (/^v\d+$/.test(entry.name) && entry.name !== `v${CACHE_FORMAT}`) gone(path.join(this.dir, entry.name), true);
    const walk = (dir: string): void => {
      for (const entry of readdir(dir)) {
        const at = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          walk(at);
          if (readdir(at).length === 0) gone(at, true);
          continue;
        }
        if (at === marker) continue;
        const written = fs.lstatSync(at, { throwIfNoEntry: false })?.mtimeMs;
        if (written !== undefined && now - written > (entry.name.endsWith('.tmp') ? TEMPORARY_MAX_AGE_MS : MAX_AGE_MS)) gone(at);
      }
    };
    walk(root);
    try {
      fs.mkdirSync(root, { recursive: true });
      fs.writeFileSync(marker, '');
      fs.utimesSync(marker, now / 1000, now / 1000);
    } catch {
      // a cache that cannot be written is pruned again next time
    }
    return { removed };
  }
}

/** Entries not written for this long are deleted by prune(). */
export const MAX_AGE_MS = 30 * 24 * 3_600_000;
/** A temporary file this old belongs to no running synth (an entry is written in milliseconds). */
const TEMPORARY_MAX_AGE_MS = 3_600_000;
const PRUNE_EVERY_MS = 24 * 3_600_000;
/** Not an entry name (those start with a letter or digit): never read as one. */
const PRUNE_MARKER = '.pruned';

function readdir(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The `node_modules` folders Node would search from `dir` upwards. */
function nodeModulesFrom(dir: string): string[] {
  const found: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules');
    if (fs.existsSync(candidate)) found.push(candidate);
    if (path.dirname(d) === d) return found;
  }
}

/** `name@version` of a package as Node would resolve it from `dir` (its package.json read directly: some packages export no `./package.json`). */
function installedVersion(name: string, dir: string): string {
  for (const modules of nodeModulesFrom(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')) as { version?: string; dependencies?: Record<string, string> };
      return `${name}@${pkg.version}`;
    } catch {
      // not here: further up
    }
  }
  return `${name}@missing`;
}

/** A package's own dependencies, as its package.json lists them. */
function dependenciesOf(name: string, dir: string): string[] {
  for (const modules of nodeModulesFrom(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(modules, name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      return Object.keys(pkg.dependencies ?? {});
    } catch {
      // not here: further up
    }
  }
  return [];
}

/**
 * Versions of `packages` and of their own dependencies, resolved from `dir`: what the output may
 * depend on besides fleetsynth's own code.
 */
export function packageVersions(packages: readonly string[], dir: string): string[] {
  const names = new Set(packages);
  for (const p of packages) for (const d of dependenciesOf(p, dir)) names.add(d);
  return [...names].sort().map((n) => installedVersion(n, dir));
}

/** Files that run: not type declarations nor source maps (a third of build/lib's bytes, read on every synth for nothing). */
const runs = (name: string) => !/\.d\.[cm]?ts$|\.map$/.test(name);

/** Every file under `dir` that runs (relative path and content hash), sorted: a fingerprint of code that changes with any edit. */
export function folderFingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && runs(e.name)) hash.update(`${child}\0${sha256(fs.readFileSync(path.join(dir, child)))}\0`);
    }
  };
  walk('');
  return hash.digest('hex');
}

let identity: string | undefined;

/**
 * The folder of the nearest package.json at or above `dir`: fleetsynth's own from its sources
 * (`lib/`), from the build in this repository (`build/lib/`) and installed (`node_modules/fleetsynth/build/lib/`).
 * Without one (a copy of lib/ alone), `dir`'s parent.
 */
export function packageRoot(dir: string): string {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
    if (path.dirname(d) === d) return path.dirname(dir);
  }
}

/**
 * Who computed an entry: fleetsynth's own code (every file of its `lib/` folder that runs: the
 * TypeScript sources or the compiled build, so any edit counts, not only a new version number, and
 * the fleet's JSON Schema beside it), the
 * versions of every package it depends on (and their dependencies), Node's version, and the cache
 * format. Part of every render and convergence cache key. Computed once per process (~10 ms).
 */
export function codeIdentity(): string {
  if (identity) return identity;
  const lib = path.resolve(__dirname, '..');
  const root = packageRoot(lib);
  let own: { name?: string; version?: string; dependencies?: Record<string, string> } = {};
  try {
    own = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  } catch {
    // a copy of lib/ without its package.json: its files alone identify it
  }
  // The fleet's JSON Schema beside lib/ (schema/, build/schema/) is read at run time too: the unknown-field check (lib/fleet/unknown-fields.ts).
  const schema = folderFingerprint(path.join(lib, '..', 'schema'));
  identity = sha256(JSON.stringify([CACHE_FORMAT, process.version, `${own.name}@${own.version}`, folderFingerprint(lib), schema, packageVersions(Object.keys(own.dependencies ?? {}), root)]));
  return identity;
}

/**
 * An answer fleetsynth's code computes from `inputs` (a previous output's files, their names and
 * bytes), kept under `<kind>/<hash of the code and the inputs>`: the guards that parse large files of
 * the previous output (previous-istiod.ts, app-removal-guard.ts) parse them again only when their bytes
 * change. `compute`'s answer must be JSON; without a cache it is computed every time.
 */
export function rememberedAnswer<T>(cache: SynthCache | undefined, kind: string, inputs: unknown, compute: () => T): T {
  const entry = cache && `${kind}/${sha256(JSON.stringify([codeIdentity(), inputs]))}`;
  const remembered = entry && cache.read(entry);
  if (remembered) return JSON.parse(remembered) as T;
  const answer = compute();
  if (entry) cache.write(entry, JSON.stringify(answer));
  return answer;
}
