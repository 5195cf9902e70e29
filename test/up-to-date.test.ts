import * as fs from 'fs';
import * as path from 'path';
import { DOCUMENT_EXTENSIONS, main } from '../lib/cli';
import { FLEET_DOCUMENT_EXTENSIONS } from '../lib/fleet';
import { synth, SynthOptions, SynthResult } from '../lib/synth';
import { inputsFingerprint, recordStamp, stampKey, stampTiming, upToDateResult } from '../lib/synth/output-stamp';
import { openCache } from '../lib/synth/synth-cache';
import { definitionFingerprint } from '../lib/synth/render-cache';
import { fakeOutputs, outputsFolder, testFleet } from './fleets';
import { fullFleet } from './fleet-fixture';
import { outputsDir as fixtureOutputs } from './outputs-fixture';
import { readTree, tempDir } from './tree';

/*
 * The output stamp (lib/synth/output-stamp.ts): a synth whose inputs and output folder are as the
 * last synth left them reports what a full synth would, and writes nothing; any change of input or
 * of the output folder makes it do the full synth. Files written within `settledMs` are not trusted
 * by their stat: 0 here, so that the tests need not wait.
 */

// Set as the file loads: describe blocks synth while jest collects the tests.
const settledMs = stampTiming.settledMs;
stampTiming.settledMs = 0;
afterAll(() => {
  stampTiming.settledMs = settledMs;
});

const fleet = testFleet();
const outputs = outputsFolder(fakeOutputs(fleet));

const stopped = (r: SynthResult) => r.timings.some((t) => t.stage === 'up-to-date check');

/** What a synth reports, without the timings and what the plan kept for the stamp. */
function reported(r: SynthResult): unknown {
  const { timings: _, plan, ...rest } = r;
  const { unchangedStats: __, previous, ...planned } = plan;
  return { ...rest, plan: { ...planned, previous: [...previous.keys()] } };
}

/** Stats of every file of a folder, to show that nothing was written (not even the same bytes again). */
function stats(dir: string): Record<string, string> {
  return Object.fromEntries(Object.keys(readTree(dir)).map((p) => {
    const s = fs.lstatSync(path.join(dir, p));
    return [p, `${s.ino} ${s.size} ${s.mtimeMs} ${s.ctimeMs}`];
  }));
}

interface Stamped {
  readonly out: string;
  readonly cache: string;
  /** Its own Terraform outputs folder, to edit. */
  readonly outputsDir: string;
  /** The second synth's result. */
  readonly full: SynthResult;
}

/** An output folder written, then found up to date by a second synth (which stamps it); with its own cache and outputs. */
function stamped(options: SynthOptions = {}): Stamped {
  const out = path.join(tempDir(), 'dist');
  const cache = tempDir('fleetsynth-cache-');
  const outputsDir = outputsFolder(fakeOutputs(fleet));
  const run = () => synth(fleet, { outDir: out, outputsDir, cache, ...options });
  run();
  const full = run();
  expect(stopped(full)).toBe(false);
  return { out, cache, outputsDir, full };
}

describe('a synth with nothing changed', () => {
  const { out, cache, outputsDir, full } = stamped();
  const tree = readTree(out);
  const before = stats(out);
  const again = synth(fleet, { outDir: out, outputsDir, cache });

  test('stops early, with the result a full synth gave', () => {
    expect(stopped(again)).toBe(true);
    expect(full.upToDate).toBe(true);
    expect(reported(again)).toEqual(reported(full));
  });

  test('writes nothing', () => {
    expect(readTree(out)).toEqual(tree);
    expect(stats(out)).toEqual(before);
  });

  test('says the render\'s warnings again (an Elastic IP quota), though it renders nothing', () => {
    // The full fixture: aws-prod's NAT gateways and ingress take 6 Elastic IPs in its account.
    const dir = path.join(tempDir(), 'dist');
    const warm = tempDir('fleetsynth-cache-');
    const outputs = fixtureOutputs();
    const run = () => synth(fullFleet(), { outDir: dir, outputsDir: outputs, cache: warm });
    const first = run();
    expect(first.warnings).toEqual([expect.stringContaining('Elastic IPs')]);
    // The second from the render cache, whose results carry what the render found: no stack is read again.
    expect(run().warnings).toEqual(first.warnings);
    const early = run();
    expect(stopped(early)).toBe(true);
    expect(early.warnings).toEqual(first.warnings);
  });

  test('says the reminder of a GitOps repository move\'s second commit again (gitops.formerRepoURLs), though it guards nothing', () => {
    const dir = path.join(tempDir(), 'dist');
    const warm = tempDir('fleetsynth-cache-');
    const f = fullFleet();
    const outputs = fixtureOutputs();
    synth(f, { outDir: dir, outputsDir: outputs, cache: warm });
    // The move's first commit writes the root reading the new repository; every synth after it reminds of the second.
    f.gitops.formerRepoURLs = [f.gitops.repoURL];
    f.gitops.repoURL = 'https://github.com/acme/new-gitops.git';
    const run = () => synth(f, { outDir: dir, outputsDir: outputs, cache: warm });
    expect(run().warnings.filter((w) => w.includes('formerRepoURLs'))).toEqual([]);
    const full = run();
    expect(full.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^gitops\.formerRepoURLs still lists /)]));
    const early = run();
    expect(stopped(early)).toBe(true);
    expect(early.warnings).toEqual(full.warnings);
  });

  test('stops early for --check too, and for the same fleet made again (the same data)', () => {
    const check = synth(testFleet(), { outDir: out, outputsDir, cache, check: true });
    expect(stopped(check)).toBe(true);
    expect(reported(check)).toEqual(reported(full));
  });

  test('stops early for --cluster too, with its selection and what it left as it is', () => {
    const selection = stamped({ clusters: ['t-aws'] });
    const again = synth(fleet, { outDir: selection.out, outputsDir: selection.outputsDir, cache: selection.cache, clusters: ['t-aws'] });
    expect(stopped(again)).toBe(true);
    expect(again.selected).toEqual(['t-aws']);
    expect(reported(again)).toEqual(reported(selection.full));
  });

  test('never when the files had just been written (their stats cannot vouch for their bytes yet)', () => {
    stampTiming.settledMs = 60_000;
    try {
      const recent = stamped();
      expect(stopped(synth(fleet, { outDir: recent.out, outputsDir: recent.outputsDir, cache: recent.cache }))).toBe(false);
    } finally {
      stampTiming.settledMs = 0;
    }
  });

  test('never without a cache, nor with test hooks', () => {
    expect(stopped(synth(fleet, { outDir: out, outputsDir, cache: false }))).toBe(false);
    expect(stopped(synth(fleet, { outDir: out, outputsDir, cache, hooks: {} }))).toBe(false);
  });
});

describe('a synth does the full run when', () => {
  const sameSize = (text: string) => text.replace(/[a-z]/, (c) => (c === 'a' ? 'b' : 'a'));
  const cases: [string, (s: Stamped) => SynthOptions & { fleet?: unknown }][] = [
    ['a file of the output folder was edited (same size)', ({ out }) => {
      const file = path.join(out, Object.keys(readTree(out)).find((p) => p.endsWith('.yaml'))!);
      fs.writeFileSync(file, sameSize(fs.readFileSync(file, 'utf8')));
      return {};
    }],
    ['a file of the output folder was deleted', ({ out }) => {
      fs.rmSync(path.join(out, Object.keys(readTree(out)).find((p) => p.startsWith('terraform/'))!));
      return {};
    }],
    ['the index was deleted', ({ out }) => {
      fs.rmSync(path.join(out, 'fleetsynth-index.json'));
      return {};
    }],
    ['the fleet was edited', () => {
      const edited = testFleet();
      edited.clusters[1].nodePools[0].maxSize += 1;
      return { fleet: edited };
    }],
    ['a Terraform outputs file was edited (same size)', ({ outputsDir }) => {
      const file = path.join(outputsDir, 't-aws.json');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('.gr7.', '.gr8.'));
      return {};
    }],
    ['the options differ (--cluster)', () => ({ clusters: ['t-aws'] })],
    ['a synth left its work folder (an interrupted commit)', ({ out }) => {
      fs.mkdirSync(path.join(out, '.fleetsynth', 'staging'), { recursive: true });
      return {};
    }],
  ];

  test.each(cases)('%s, and writes what a synth without a cache writes', (_, change) => {
    const state = stamped();
    const { fleet: changed, ...options } = change(state);
    const cold = path.join(tempDir(), 'dist');
    fs.cpSync(state.out, cold, { recursive: true });
    const result = synth(changed ?? fleet, { outDir: state.out, outputsDir: state.outputsDir, cache: state.cache, ...options });
    expect(stopped(result)).toBe(false);
    const expected = synth(changed ?? fleet, { outDir: cold, outputsDir: state.outputsDir, cache: false, ...options });
    expect(reported(result)).toEqual(reported(expected));
    expect(readTree(state.out)).toEqual(readTree(cold));
  });
});

describe('the CLI with a JSON fleet', () => {
  const dir = tempDir();
  const fleetFile = path.join(dir, 'fleet.json');
  fs.writeFileSync(fleetFile, JSON.stringify(fleet));
  const out = path.join(dir, 'dist');

  /** The CLI with a cache of its own (or none: `FLEETSYNTH_CACHE=off`). */
  function run(argv: string[], cache = true): { code: number; stdout: string } {
    let stdout = '';
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
    const env = { ...process.env };
    process.env.FLEETSYNTH_CACHE_DIR = path.join(dir, 'cache');
    if (!cache) process.env.FLEETSYNTH_CACHE = 'off';
    try {
      return { code: main(['synth', '--fleet', fleetFile, '--outputs', outputs, '--out', out, ...argv]), stdout };
    } finally {
      spy.mockRestore();
      process.env = env;
    }
  }
  const withoutTime = (stdout: string) => stdout.replace(/^time: .*$/m, 'time: …');

  test('knows the fleet files that are data without loading the fleet module', () => {
    expect(DOCUMENT_EXTENSIONS).toEqual(FLEET_DOCUMENT_EXTENSIONS);
  });

  test('prints what the full synth printed, with the same exit code, for synth and --check', () => {
    run([]);
    const full = run([], false);
    const fullCheck = run(['--check'], false);
    run([]);
    const tree = readTree(out);
    const early = run([]);
    const earlyCheck = run(['--check']);
    expect(early.stdout).toMatch(/^time: up-to-date check/m);
    expect(earlyCheck.stdout).toMatch(/^time: up-to-date check/m);
    expect({ ...early, stdout: withoutTime(early.stdout) }).toEqual({ ...full, stdout: withoutTime(full.stdout) });
    expect({ ...earlyCheck, stdout: withoutTime(earlyCheck.stdout) }).toEqual({ ...fullCheck, stdout: withoutTime(fullCheck.stdout) });
    expect(readTree(out)).toEqual(tree);
  });
});

describe('a result is stored only under the inputs synth read', () => {
  test('inputs that changed while synth ran (an outputs file saved meanwhile) store no result; unchanged ones do', () => {
    const out = path.join(tempDir(), 'dist');
    fs.mkdirSync(out);
    const cache = openCache(tempDir('fleetsynth-cache-'))!;
    const key = stampKey(fleet, { outDir: out, outputsDir: outputs })!;
    const record = (inputs: string | undefined) => ({ dir: fs.realpathSync(out), indexed: [], known: new Map(), lookedAt: 0, stamped: () => undefined, result: { clusters: [], pending: [], heldBack: [], unchanged: [] }, ...(inputs ? { inputs } : {}) });
    // As if an outputs file was saved after synth took the fingerprint: the one recorded at the start differs from now.
    recordStamp(cache, key, record(`${inputsFingerprint(key)}-before`));
    expect(upToDateResult(cache, key)).toBeUndefined();
    recordStamp(cache, key, record(inputsFingerprint(key)));
    expect(upToDateResult(cache, key)).toBeDefined();
  });
});

describe('definitionFingerprint', () => {
  test('tells apart what JSON would not: undefined and a missing field, -0 and 0, key order', () => {
    const prints = [{ a: 1 }, { a: 1, b: undefined }, { a: -0 }, { a: 0 }, { a: 1, b: 2 }, { b: 2, a: 1 }, { a: [1] }, { a: { 0: 1 } }].map(definitionFingerprint);
    expect(new Set(prints).size).toBe(prints.length);
    expect(definitionFingerprint({ a: [1, { b: 'c' }] })).toBe(definitionFingerprint(JSON.parse('{"a":[1,{"b":"c"}]}')));
  });

  test('tells apart holes in a list: a longer length, a hole, and undefined (synth reports a hole, never an undefined item the same way)', () => {
    const longer = [1, 2];
    longer.length = 3;
    // eslint-disable-next-line no-sparse-arrays
    const prints = [[1, 2], longer, [1, 2, undefined], [1, , 2], [1, undefined, 2]].map((a) => definitionFingerprint({ a }));
    expect(new Set(prints).size).toBe(prints.length);
  });

  test('is undefined for a fleet that is not plain data (add-ons of its own)', () => {
    expect(definitionFingerprint({ ...fleet, addons: [{ name: 'x' }] })).toBeUndefined();
    expect(definitionFingerprint({ a: () => 1 })).toBeUndefined();
  });
});
