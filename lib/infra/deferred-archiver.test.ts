import { spawnSync } from 'child_process';
import * as path from 'path';

// Node's own module cache (jest has its own registry): a child process on the compiled package, as
// synth runs it (jest's global setup builds build/).
const ROOT = path.join(__dirname, '..', '..');
const node = (script: string) => spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });

describe('deferred archiver', () => {
  test('loading the package and cdktf does not load archiver; its first call does, and works', () => {
    const r = node(`
      const loaded = () => Object.keys(require.cache).filter((k) => /[\\\\/]archiver[\\\\/]lib[\\\\/]/.test(k)).length;
      require('./build/lib');
      require('cdktf');
      const before = loaded();
      const archiver = require(require.resolve('archiver', { paths: [require.resolve('cdktf')] }));
      const archive = archiver('zip', { zlib: { level: 9 } });
      console.log(JSON.stringify({ before, after: loaded(), pipes: typeof archive.pipe, again: typeof archiver('zip').finalize }));
    `);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ before: 0, after: expect.any(Number), pipes: 'function', again: 'function' });
    expect(JSON.parse(r.stdout).after).toBeGreaterThan(0);
  });

  test('every entry that can load cdktf defers it first', () => {
    for (const entry of ['build/lib', 'build/lib/infra', 'build/lib/addons', 'build/lib/testing', 'build/lib/cli']) {
      const r = node(`require('./${entry}'); require('cdktf'); console.log(Object.keys(require.cache).filter((k) => /[\\\\/]archiver[\\\\/]lib[\\\\/]/.test(k)).length)`);
      expect([entry, r.stdout.trim()]).toEqual([entry, '0']);
    }
  });
});
