const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

/*
 * The test run's temporary folders go on a tmpfs (/dev/shm) where the machine has a large enough one.
 * The tests write and delete tens of thousands of small files (every synth into a fresh folder, every
 * copy of a previous output), and on a disk mounted with online discard, as this project's
 * development machine's is, deleting them was most of the suite's time: removing one test file's folders took 17 s
 * of its 28 (a CPU profile: unlink). Nothing the tests check depends on the disk: the output folder's
 * own staging and swap are inside it, and the tests of a symlink into another file system use the
 * disk's temporary folder as the other one. FLEETSYNTH_TEST_TMPFS=off keeps everything on the disk.
 * The disk's folder stays known (FLEETSYNTH_DISK_TMPDIR) for what must share the repository's file
 * system: the package test's hard links into node_modules. Set here, before jest starts its workers,
 * so they and every process the tests start inherit it. Not on a tmpfs mounted noexec (the tests run
 * stand-in commands from their folders); a folder left by a jest that was killed is removed.
 */
const TMPFS = '/dev/shm';
const TMPFS_MAGIC = 0x01021994; // statfs(2)
const ENOUGH = 4 * 1024 ** 3;

/** A run's folder whose jest is gone (killed before its teardown): its pid is in its name. */
function removeAbandoned() {
  for (const name of fs.readdirSync(TMPFS)) {
    const pid = Number(/^fleetsynth-test-(\d+)-/.exec(name)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch (e) {
      if (e.code === 'ESRCH') fs.rmSync(path.join(TMPFS, name), { recursive: true, force: true });
    }
  }
}

function memoryScratch() {
  if (process.env.FLEETSYNTH_TEST_TMPFS === 'off' || process.platform !== 'linux' || !fs.statfsSync) return undefined;
  let dir;
  try {
    removeAbandoned();
    const s = fs.statfsSync(TMPFS);
    if (s.type !== TMPFS_MAGIC || s.bavail * s.bsize < ENOUGH) return undefined;
    dir = fs.mkdtempSync(path.join(TMPFS, `fleetsynth-test-${process.pid}-`));
    // Tests run stand-ins (kubectl, terraform) from their temporary folders: a tmpfs mounted noexec
    // (Docker's /dev/shm, hardened hosts) cannot hold them.
    const probe = path.join(dir, 'exec-probe');
    fs.writeFileSync(probe, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    if (spawnSync(probe).status !== 0) throw new Error('noexec');
    fs.rmSync(probe);
    return dir;
  } catch {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    return undefined; // not there, not writable, or not executable
  }
}

module.exports = () => {
  // Before any test: build/ (what the fleetsynth command and the packed package run) is as new as lib/.
  require('../scripts/build.js').ensureBuilt();
  process.env.FLEETSYNTH_DISK_TMPDIR = process.env.FLEETSYNTH_DISK_TMPDIR || os.tmpdir();
  const scratch = memoryScratch();
  if (scratch) {
    process.env.TMPDIR = scratch;
    process.env.FLEETSYNTH_TEST_SCRATCH = scratch; // removed by global-teardown.js
  }
};
