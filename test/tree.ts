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

/** A fresh temporary folder (removed by the OS; tests never depend on it being gone). */
export function tempDir(prefix = 'fleetsynth-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
}
