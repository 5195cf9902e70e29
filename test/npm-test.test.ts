import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/*
 * `npm test` (test/npm-test.js) runs tsc beside jest. A signal to it alone (npm passes SIGINT and
 * SIGTERM on to the script it runs; a CI timeout kills one process) ends both: tsc, at a lower
 * priority, went on type checking the project for a minute, and jest on running suites, after it.
 */

const ROOT = path.join(__dirname, '..');

/** This process's children running tsc. */
function tscChildren(pid: number): number[] {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.filter((c) => {
    try {
      return fs.readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('typescript/bin/tsc');
    } catch {
      return false;
    }
  });
}

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('npm test', () => {
  const started: number[] = [];
  afterAll(() => started.filter(running).forEach((pid) => process.kill(pid, 'SIGKILL')));

  test.each(['SIGTERM', 'SIGINT'] as const)('%s to it alone ends the tsc it started, and it exits as killed by that signal', async (signal) => {
    let tsc: number[] = [];
    // jest only lists the tests: tsc is what is left running.
    const npmTest = spawn(process.execPath, [path.join(ROOT, 'test', 'npm-test.js'), '--listTests'], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => npmTest.on('exit', (code, s) => resolve({ code, signal: s })));
    for (let i = 0; i < 200 && tsc.length === 0; i++) {
      await sleep(50);
      tsc = tscChildren(npmTest.pid!);
    }
    started.push(...tsc);
    expect(tsc).toHaveLength(1);
    // Its handlers are set once jest is started too, just after tsc.
    await sleep(300);
    npmTest.kill(signal);
    const how = await exited;
    // A second: an up-to-date incremental check of the project takes several on its own.
    for (let i = 0; i < 20 && running(tsc[0]); i++) await sleep(50);
    expect(running(tsc[0])).toBe(false);
    expect(how).toEqual({ code: 128 + os.constants.signals[signal], signal: null });
  }, 30_000);
});
