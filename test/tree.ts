import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Every file under `dir` (relative path → content), plus empty folders and symlinks (never followed), for exact before/after comparisons. */
export function readTree(dir: string): Record<string, string> {
  const tree: Record<string, string> = {};
  if (!fs.existsSync(dir)) return tree;
  const walk = (rel: string) => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    if (entries.length === 0 && rel) tree[`${rel}/`] = '<empty folder>';
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) tree[child] = `<symlink to ${fs.readlinkSync(path.join(dir, child))}>`;
      else if (e.isDirectory()) walk(child);
      else tree[child] = fs.readFileSync(path.join(dir, child), 'utf8');
    }
  };
  walk('');
  return tree;
}

/*
 * Temporary folders are removed after the test file that made them (jest's afterAll, registered when
 * a test file imports this module) or at the exit of a plain script. They were left to the OS, which
 * on a long-lived machine never removed them: the package test's scratch install alone is 1.3 GB a run.
 */
const made: string[] = [];
const removeMade = () => {
  for (const dir of made.splice(0)) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // a folder a test left unreadable: not worth failing a test run for
    }
  }
};
// Registered when a test file imports this module, so it runs before that file's own top-level
// afterAll hooks (jest runs them in the order they were added): a hook that still needs a temporary
// folder (a process writing into it) belongs in a describe block, whose afterAll runs first.
if (typeof afterAll === 'function') afterAll(removeMade);
else process.on('exit', removeMade);

/** A fresh temporary folder, removed after the test file (or script) that made it. */
export function tempDir(prefix = 'fleetsynth-', base = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(base, prefix));
  made.push(dir);
  return dir;
}

/** The disk's temporary folder: the test run's own temporary folder may be a tmpfs (global-setup.js). */
export const diskTmpDir = (): string => process.env.FLEETSYNTH_DISK_TMPDIR || os.tmpdir();

/**
 * A fresh temporary folder on another file system than the temp folder, where the machine has one:
 * the disk's temporary folder when the test run's own is a tmpfs (global-setup.js), else a tmpfs.
 */
export function otherFileSystemDir(): string | undefined {
  for (const dir of [diskTmpDir(), '/dev/shm', '/run/user']) {
    try {
      if (fs.statSync(dir).dev !== fs.statSync(os.tmpdir()).dev) return tempDir('fleetsynth-', dir);
    } catch {
      // not there, or not writable
    }
  }
  return undefined;
}

export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
}
