import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FleetError } from '../fleet';
import { readTree, tempDir, writeTree } from '../../test/tree';
import { holderState, LockHolder, lockOutputFolder, OutputLockedError } from './output-lock';

function folder(): string {
  const out = path.join(tempDir(), 'dist');
  writeTree(out, { 'k8s/a.yaml': 'a\n' });
  return out;
}
const lockFile = (out: string) => path.join(out, '.fleetsynth', 'lock');

/** A pid that no process has any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function holder(over: Partial<LockHolder>): string {
  return JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z', token: 'other', ...over });
}

function lockedError(fn: () => unknown): OutputLockedError {
  try {
    fn();
  } catch (e) {
    if (e instanceof OutputLockedError) return e;
    throw e;
  }
  throw new Error('expected OutputLockedError');
}

describe('lockOutputFolder', () => {
  test('holds a lock file naming this process while held, and leaves nothing once released', () => {
    const out = folder();
    const before = readTree(out);
    const lock = lockOutputFolder(out, { mode: 'write' });
    expect(lock.held).toBe(true);
    expect(lock.dir).toBe(fs.realpathSync(out));
    const content = JSON.parse(fs.readFileSync(lockFile(out), 'utf8'));
    expect(content).toMatchObject({ pid: process.pid, host: os.hostname(), startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), token: expect.stringMatching(/^[0-9a-f]{32}$/) });
    // git never sees the lock: the work folder ignores everything in it
    expect(fs.readFileSync(path.join(out, '.fleetsynth', '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(lock.release()).toBeUndefined();
    expect(readTree(out)).toEqual(before);
    expect(lock.release()).toBeUndefined();
  });

  test('fails when another synth holds the lock and does not let go within the wait, naming it; its lock stays', () => {
    const out = folder();
    const first = lockOutputFolder(out, { mode: 'write' });
    const started = Date.now();
    const error = lockedError(() => lockOutputFolder(out, { mode: 'write', waitSeconds: 0.3 }, 'dist'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(error.holder?.pid).toBe(process.pid);
    expect(error.lockFile).toBe(path.join('dist', '.fleetsynth', 'lock'));
    expect(error.holderVisible).toBe(true);
    expect(error.message).toMatch(/^dist is locked by another synth \(pid \d+ on .+, since .+; lock file dist\/.fleetsynth\/lock\); waited 0.3 s$/);
    expect(lockedError(() => lockOutputFolder(out, { mode: 'check', waitSeconds: 0 })).waitedSeconds).toBe(0);
    expect(fs.existsSync(lockFile(out))).toBe(true);
    first.release();
  });

  test('a synth that does not get the lock writes nothing: the holder letting go at that instant leaves the folder as it was', () => {
    const out = folder();
    const before = readTree(out);
    const first = lockOutputFolder(out, { mode: 'write' });
    // the holder has begun to let go (its .gitignore is gone) when the other synth tries
    fs.rmSync(path.join(out, '.fleetsynth', '.gitignore'));
    lockedError(() => lockOutputFolder(out, { mode: 'write', waitSeconds: 0 }));
    expect(fs.readdirSync(path.join(out, '.fleetsynth'))).toEqual(['lock']);
    first.release();
    expect(readTree(out)).toEqual(before);
    expect(fs.existsSync(path.join(out, '.fleetsynth'))).toBe(false);
  });

  test('waits for another synth to let go, then takes the lock', async () => {
    const out = folder();
    fs.mkdirSync(path.join(out, '.fleetsynth'));
    // A stand-in for another synth: holds the lock for 400 ms, then lets go.
    const script = `const fs = require('fs');
      fs.writeFileSync(${JSON.stringify(lockFile(out))}, JSON.stringify({ pid: process.pid, host: require('os').hostname(), startedAt: new Date().toISOString(), token: 'child' }), { flag: 'wx' });
      process.stdout.write('locked\\n');
      setTimeout(() => fs.rmSync(${JSON.stringify(lockFile(out))}), 400);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const started = Date.now();
    const lock = lockOutputFolder(out, { mode: 'write', waitSeconds: 10 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(JSON.parse(fs.readFileSync(lockFile(out), 'utf8')).pid).toBe(process.pid);
    lock.release();
    await new Promise((resolve) => child.once('exit', resolve));
  });

  test.each([
    ['its process is gone', () => holder({ pid: deadPid() })],
    ['its pid now belongs to a process that started at another time', () => holder({ processStart: '1' })],
    ['the machine rebooted since', () => holder({ bootId: 'another-boot' })],
  ])('takes over a stale lock when %s', (_, content) => {
    const out = folder();
    writeTree(out, { '.fleetsynth/lock': content() });
    const lock = lockOutputFolder(out, { mode: 'write', waitSeconds: 0 });
    expect(JSON.parse(fs.readFileSync(lockFile(out), 'utf8')).token).not.toBe('other');
    lock.release();
    expect(fs.existsSync(path.join(out, '.fleetsynth'))).toBe(false);
  });

  test('never takes over a lock from another host: it cannot see that process', () => {
    const out = folder();
    writeTree(out, { '.fleetsynth/lock': holder({ host: 'build-agent-7', pid: deadPid() }) });
    const error = lockedError(() => lockOutputFolder(out, { mode: 'write', waitSeconds: 0 }));
    expect(error.holder?.host).toBe('build-agent-7');
    expect(error.holderVisible).toBe(false);
  });

  test('a lock file without a readable owner is someone being born for 5 s, then stale', () => {
    const out = folder();
    writeTree(out, { '.fleetsynth/lock': '' });
    expect(lockedError(() => lockOutputFolder(out, { mode: 'write', waitSeconds: 0 })).holder).toBeUndefined();
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lockFile(out), old, old);
    lockOutputFolder(out, { mode: 'write', waitSeconds: 0 }).release();
  });

  test('a stale lock is not broken while another synth is breaking it (its breaker file is fresh)', () => {
    const out = folder();
    writeTree(out, { '.fleetsynth/lock': holder({ pid: deadPid() }), '.fleetsynth/lock.break': '' });
    expect(() => lockOutputFolder(out, { mode: 'write', waitSeconds: 0 })).toThrow(OutputLockedError);
    // a breaker left by a synth that died while breaking is itself stale after 10 s
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(out, '.fleetsynth', 'lock.break'), old, old);
    lockOutputFolder(out, { mode: 'write', waitSeconds: 1 }).release();
  });

  test('never removes a lock that is no longer its own', () => {
    const out = folder();
    const lock = lockOutputFolder(out, { mode: 'write' });
    fs.writeFileSync(lockFile(out), holder({}));
    expect(lock.release()).toMatch(/no longer this synth's/);
    expect(fs.readFileSync(lockFile(out), 'utf8')).toBe(holder({}));
  });

  test('--check on a folder that does not exist locks nothing and creates nothing', () => {
    const out = path.join(tempDir(), 'dist');
    const lock = lockOutputFolder(out, { mode: 'check' });
    expect(lock.held).toBe(false);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a write creates the output folder for its lock, and removes it again when nothing was written', () => {
    const out = path.join(tempDir(), 'dist');
    const lock = lockOutputFolder(out, { mode: 'write' });
    expect(fs.existsSync(lockFile(out))).toBe(true);
    lock.release();
    expect(fs.existsSync(out)).toBe(false);
  });

  test('works through an output folder that is a symlink: the lock is in the real folder', () => {
    const real = folder();
    const link = path.join(tempDir(), 'dist');
    fs.symlinkSync(real, link);
    const lock = lockOutputFolder(link, { mode: 'write' });
    expect(lock.dir).toBe(fs.realpathSync(real));
    expect(fs.existsSync(lockFile(real))).toBe(true);
    lock.release();
  });

  test('fails when the work folder .fleetsynth is a symlink, and writes nothing through it', () => {
    const out = folder();
    const elsewhere = tempDir();
    fs.symlinkSync(elsewhere, path.join(out, '.fleetsynth'));
    expect(() => lockOutputFolder(out, { mode: 'write' })).toThrow(FleetError);
    expect(readTree(elsewhere)).toEqual({});
  });
});

describe('holderState', () => {
  const self = { pid: process.pid, host: 'here', bootId: 'b1', pidNamespace: 'pid:[1]' };
  const h = (over: Partial<LockHolder>): LockHolder => ({ pid: process.pid, host: 'here', startedAt: '', token: 't', ...over });

  test.each([
    ['alive', h({}), 'alive'],
    ['another host', h({ host: 'there' }), 'unknown'],
    ['another pid namespace (a container)', h({ pidNamespace: 'pid:[2]', pid: deadPid() }), 'unknown'],
    ['another boot', h({ bootId: 'b0' }), 'gone'],
    ['no such process', h({ pid: deadPid() }), 'gone'],
  ] as const)('%s', (_, holderValue, expected) => {
    expect(holderState(holderValue, self)).toBe(expected);
  });
});
