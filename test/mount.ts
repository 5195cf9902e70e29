import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { tempDir } from './tree';

/*
 * Real mount points for tests, where this process may make them (root with mount(8), as in CI);
 * elsewhere `mountSkip` is the reason a test reports itself skipped.
 */
function probe(): string | undefined {
  if (process.platform !== 'linux') return `mount points are made with Linux's mount(8); this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const dir = path.join(tempDir(), 'probe');
  fs.mkdirSync(dir);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', 'fleetsynth-test', dir], { encoding: 'utf8' });
  if (mounted.error || mounted.status !== 0) return `mount -t tmpfs failed here (${(mounted.error?.message ?? mounted.stderr).trim()})`;
  spawnSync('umount', [dir]);
  return undefined;
}

export const mountSkip = probe();

/** Mounts a fresh tmpfs on `dir` (created if missing) for the duration of `fn`. */
export function withTmpfs<T>(dir: string, fn: () => T): T {
  fs.mkdirSync(dir, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', 'fleetsynth-test', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) throw new Error(`mount -t tmpfs ${dir} failed: ${mounted.stderr}`);
  try {
    return fn();
  } finally {
    spawnSync('umount', [dir]);
  }
}

/** Remounts a tmpfs made by withTmpfs read-only or read-write. */
export function remount(dir: string, mode: 'ro' | 'rw'): void {
  const r = spawnSync('mount', ['-o', `remount,${mode}`, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mount -o remount,${mode} ${dir} failed: ${r.stderr}`);
}
