import { createHash } from 'crypto';
import * as fs from 'fs';

/*
 * A lockfile for a scratch project that depends on the packed fleetsynth tarball (and on the
 * packages `fleetsynth init` adds), so that `npm ci --offline` can install it from the npm cache.
 *
 * Why not `npm install --offline <tarball>`: npm 11 resolves a new dependency from the registry's
 * full metadata document of every package, which `npm ci` (what CI runs, from this repository's
 * lockfile) never downloads, so the cache cannot answer it offline. `npm ci` from a lockfile needs
 * only the packages themselves, which this repository's `npm ci` put in the cache. The scratch
 * lockfile takes each package at the version this repository's lockfile has, walking from the
 * tarball's own `dependencies` (so a dependency the package forgot to declare is missing there, as
 * it would be for a user) and the scaffold's devDependencies.
 */

interface LockEntry {
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

/** Where Node would find `name` from the package at `from` (a lockfile key: "" or "node_modules/a/node_modules/b"). */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let at = from; ; ) {
    const key = at === '' ? `node_modules/${name}` : `${at}/node_modules/${name}`;
    if (packages[key]) return key;
    if (at === '') return undefined;
    const i = at.lastIndexOf('/node_modules/');
    at = i < 0 ? '' : at.slice(0, i);
  }
}

export interface ScratchLock {
  readonly lock: Record<string, unknown>;
  /** Dependencies the walk could not find in the repository's lockfile (a required one missing fails the install). */
  readonly missing: readonly string[];
}

/**
 * The lockfile of a project whose package.json has `dependencies: { fleetsynth: spec }` and
 * `devDependencies`, with fleetsynth from `tarball` (its package.json given).
 */
export function scratchLockfile(repoLockFile: string, tarball: string, spec: string, fleetsynthPackage: LockEntry & { name: string }, devDependencies: Record<string, string>, projectName: string): ScratchLock {
  const repo = JSON.parse(fs.readFileSync(repoLockFile, 'utf8')) as { packages: Record<string, LockEntry> };
  const source = repo.packages;
  const packages: Record<string, LockEntry> = {};
  const missing: string[] = [];
  const integrity = `sha512-${createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
  const fleetsynth: LockEntry = {
    version: fleetsynthPackage.version,
    resolved: spec,
    integrity,
    ...(fleetsynthPackage.license ? { license: fleetsynthPackage.license } : {}),
    dependencies: fleetsynthPackage.dependencies ?? {},
    ...(fleetsynthPackage.bin ? { bin: fleetsynthPackage.bin } : {}),
    ...(fleetsynthPackage.engines ? { engines: fleetsynthPackage.engines } : {}),
    ...(fleetsynthPackage.peerDependencies ? { peerDependencies: fleetsynthPackage.peerDependencies } : {}),
    ...(fleetsynthPackage.peerDependenciesMeta ? { peerDependenciesMeta: fleetsynthPackage.peerDependenciesMeta } : {}),
  };
  const visit = (from: string, entry: LockEntry) => {
    // Optional peer dependencies are not installed for their own sake (npm leaves them out of the tree,
    // and out of the lockfile it writes): only when something else depends on them.
    const peers = Object.fromEntries(Object.entries(entry.peerDependencies ?? {}).filter(([name]) => !entry.peerDependenciesMeta?.[name]?.optional));
    const wanted = { ...(entry.dependencies ?? {}), ...(entry.optionalDependencies ?? {}), ...peers };
    for (const name of Object.keys(wanted)) {
      const optional = Boolean(entry.optionalDependencies?.[name]);
      // The scratch project's own node_modules/<name> is what its root entries resolve to; the repo's lockfile has the same layout.
      const key = resolveIn(source, from === 'node_modules/fleetsynth' ? '' : from, name);
      if (!key) {
        if (!optional) missing.push(`${name} (of ${from || 'the project'})`);
        continue;
      }
      if (packages[key]) continue;
      const { dev, devOptional, peer, ...rest } = source[key] as LockEntry & { dev?: boolean; devOptional?: boolean; peer?: boolean };
      void dev, void devOptional, void peer;
      packages[key] = rest;
      visit(key, rest);
    }
  };
  packages['node_modules/fleetsynth'] = fleetsynth;
  visit('node_modules/fleetsynth', fleetsynth);
  visit('', { dependencies: devDependencies });
  const lock = {
    name: projectName,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: projectName, dependencies: { fleetsynth: spec }, devDependencies },
      ...Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a < b ? -1 : 1))),
    },
  };
  return { lock, missing };
}

/**
 * Fills `project`'s node_modules with hard links to this repository's installed copies of the
 * packages `lock` names (fleetsynth itself excepted), at the same paths, so that `npm install
 * --offline` finds them in place and extracts only the tarball: unpacking ~1.1 GB of provider
 * packages from the npm cache was most of the round trip's minute. Only the lockfile's packages are
 * linked, so a dependency the package forgot to declare is still missing, as for a user; a package
 * is linked without its own node_modules/ (those are entries of their own). Hard links, not copies
 * or symlinks: Node resolves a symlink to the repository's folder and would find its other
 * packages there. Returns false (and links nothing more) where hard links are not possible (the
 * scratch folder on another file system): the caller then installs everything from the cache.
 */
export function linkInstalledPackages(repoRoot: string, project: string, lock: Record<string, unknown>): boolean {
  const keys = Object.keys(lock.packages as Record<string, unknown>).filter((k) => k.startsWith('node_modules/') && k !== 'node_modules/fleetsynth');
  const link = (from: string, to: string, top: boolean) => {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      if (top && entry.name === 'node_modules') continue;
      const src = `${from}/${entry.name}`;
      const dst = `${to}/${entry.name}`;
      if (entry.isDirectory()) link(src, dst, false);
      else if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(src), dst);
      else fs.linkSync(src, dst);
    }
  };
  try {
    for (const key of keys) if (fs.existsSync(`${repoRoot}/${key}`)) link(`${repoRoot}/${key}`, `${project}/${key}`, true);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    fs.rmSync(`${project}/node_modules`, { recursive: true, force: true });
    return false;
  }
}
