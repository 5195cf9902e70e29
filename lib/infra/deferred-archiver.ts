import Module = require('module');

/*
 * cdktf's index loads `archiver` (a zip library with its own dependency tree: about 0.1 s of every
 * start, in every render thread) for one purpose: zipping a TerraformAsset of type ARCHIVE. Even
 * that runs in a child process (cdktf/lib/private/fs.js archiveSync runs fs.js itself as a script),
 * and fleetsynth makes no assets. So before cdktf loads, `archiver` is put in Node's module cache
 * as a function that loads the real library on its first call: nothing changes for a caller, only
 * when the library is read. Imported first by every entry that can load cdktf (the package's
 * entries, the CLI, the render worker); an entry that misses it only loads archiver up front.
 * Part of the CDKTF boundary with cdktf.ts: a switch to the fork (cdktn) checks this file too.
 */

function deferArchiver(): void {
  let id: string;
  try {
    id = require.resolve('archiver', { paths: [require.resolve('cdktf')] });
  } catch {
    return;
  }
  if (require.cache[id]) return;
  let real: ((...args: unknown[]) => unknown) | undefined;
  const stub = new Module(id);
  stub.filename = id;
  stub.loaded = true;
  stub.exports = function archiver(...args: unknown[]): unknown {
    if (!real) {
      delete require.cache[id];
      real = require(id) as (...args: unknown[]) => unknown;
    }
    return real(...args);
  };
  require.cache[id] = stub;
}

deferArchiver();
