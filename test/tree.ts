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
export function tempDir(prefix = 'fleetsynth-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
}
