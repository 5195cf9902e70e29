/*
 * `npm run bench [-- --runs N] [-- --tests]`: every figure of issue 14's performance table, each a
 * ratio measured in this one run, with peak memory; how synth's cost grows with the fleet; the
 * incremental cases. Prints figures; asserts nothing.
 *
 * Every measured run is a child process, so Node's start-up, module loading and peak memory are
 * real: time is wall clock from spawn to exit; peak memory is the child's max RSS (getrusage at its
 * exit, reported by bench/rss-report.js, preloaded through NODE_OPTIONS; worker threads share the
 * process's memory, so synth's render threads and schema-check thread are in it). The runs of the
 * two sides of a ratio alternate (A B A B …) and each side's median is taken, so that load from
 * other processes falls on both sides alike.
 *
 * The fleets are test/full-fleet.ts grown by bench/bench-fleet.ts (never the example, which users
 * replace), written as JSON fleet files with Terraform outputs for every cluster, in a temporary
 * folder that is removed at the end. Only the first row runs the example, through the CLI's defaults.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'util';
import { parse, parseDocument } from 'yaml';
import type { Fleet } from '../lib/addons';
import { INDEX_FILE } from '../lib/synth/output-index';
import { benchFleet, threeClusterFleet, writeBenchOutputs } from './bench-fleet';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'fleetsynth.js');
const RSS_PRELOAD = path.join(__dirname, 'rss-report.js');
const FLOOR = path.join(__dirname, 'floor.js');
const READ_INDEX = path.join(__dirname, 'read-index.js');
const SCHEMA_CHECK = path.join(__dirname, 'schema-check.js');
const SIZES = [4, 48, 300, 600] as const;
/** The cluster the incremental case edits (its last node pool's maxSize), by its place in the 300-cluster fleet. */
const EDITED_CLUSTER = 150;

const USAGE = `usage: npm run bench [-- [--runs N] [--tests] [--only SECTIONS] [--dir DIR] [--node BIN]]
  --runs N   runs per row (each side of a ratio); default 5, and 3 for the 300/600-cluster fleets
             (also FLEETSYNTH_BENCH_RUNS=N)
  --tests    also time \`npm test\` (once; it takes minutes)
  --only S   only these sections, comma-separated: example, sizes, incremental, schema, tests
  --dir DIR  where the fleets and the output folders go (a temporary folder in it, removed at the end);
             default: the system's temporary folder (${os.tmpdir()})
  --node BIN the Node.js binary every measured process runs, and first on their PATH (npx, the CLIs,
             npm test): e.g. a release users run, as scripts/fetch-node.sh fetches it into
             node_modules/.cache/fleetsynth-node/<version>/bin/node; default: the one running the bench`;

// ---------------------------------------------------------------------------------------------
// Running and measuring one child process

interface Command {
  readonly file: string;
  readonly args?: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Run `file` as a shell command line. */
  readonly shell?: boolean;
}

interface Measured {
  readonly ms: number;
  /** Max RSS of the largest process the command ran (KiB). */
  readonly peakKiB: number;
  /** That process's script (its file name). */
  readonly peakScript: string;
  /** With sampleTree: the highest sum of the RSS of the whole process tree, sampled every 250 ms (KiB). */
  readonly treePeakKiB?: number;
  /** With sampleTree: the most /dev/shm held above what it held at the start, sampled alike (KiB; tmpfs pages are no process's RSS). */
  readonly tmpfsPeakKiB?: number;
  readonly code: number;
  readonly stdout: string;
}

let scratch = '';
let runNumber = 0;
/** The Node.js binary the measured processes run (--node). */
let node = process.execPath;

/** The environment of a child: this one's, without fleetsynth's settings, with the RSS report preloaded. */
function childEnv(rssFile: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('FLEETSYNTH_') && k !== 'NODE_OPTIONS') env[k] = v;
  // Another Node (--node) first on the PATH: what npx, the CLIs and npm start run too.
  if (node !== process.execPath) env.PATH = `${path.dirname(node)}${path.delimiter}${env.PATH ?? ''}`;
  return { ...env, NODE_OPTIONS: `--require ${JSON.stringify(RSS_PRELOAD)}`, FLEETSYNTH_BENCH_RSS: rssFile, ...extra };
}

/** VmRSS (KiB) summed over `root` and every process under it; 0 when /proc cannot tell. */
function processTreeKiB(root: number): number {
  const children = new Map<number, number[]>();
  let names: string[];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const todo = [root]; todo.length > 0; ) {
    const pid = todo.pop()!;
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** What /dev/shm holds (KiB), where the tests put their temporary folders (test/global-setup.js); 0 where there is none. */
function tmpfsUsedKiB(): number {
  try {
    const s = fs.statfsSync('/dev/shm');
    return ((s.blocks - s.bfree) * s.bsize) / 1024;
  } catch {
    return 0;
  }
}

function measure(command: Command, options: { sampleTree?: boolean; allowFailure?: boolean } = {}): Promise<Measured> {
  const rssFile = path.join(scratch, `rss-${++runNumber}.txt`);
  const env = childEnv(rssFile, command.env);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = command.shell
      ? spawn(command.file, { cwd: command.cwd ?? ROOT, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(command.file, [...(command.args ?? [])], { cwd: command.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let treePeakKiB = 0;
    let tmpfsPeakKiB = 0;
    const tmpfsAtStart = tmpfsUsedKiB();
    const sampler = options.sampleTree
      ? setInterval(() => {
          treePeakKiB = Math.max(treePeakKiB, processTreeKiB(child.pid!));
          tmpfsPeakKiB = Math.max(tmpfsPeakKiB, tmpfsUsedKiB() - tmpfsAtStart);
        }, 250)
      : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (sampler) clearInterval(sampler);
      const stdout = Buffer.concat(out).toString('utf8');
      if (code !== 0 && !options.allowFailure) {
        const shown = [command.file, ...(command.args ?? [])].join(' ');
        reject(new Error(`${shown} exited with ${code}:\n${Buffer.concat(err).toString('utf8').slice(-4000)}${stdout.slice(-2000)}`));
        return;
      }
      let peakKiB = 0;
      let peakScript = '';
      try {
        for (const line of fs.readFileSync(rssFile, 'utf8').split('\n')) {
          const [, kib, script] = line.split(' ');
          if (Number(kib) > peakKiB) [peakKiB, peakScript] = [Number(kib), script ?? ''];
        }
      } catch {
        // no Node process reported
      }
      resolve({ ms, peakKiB, peakScript, ...(options.sampleTree ? { treePeakKiB, tmpfsPeakKiB } : {}), code: code ?? -1, stdout });
    });
  });
}

interface Case {
  readonly name: string;
  /** The command of round `round`, after whatever it needs (untimed). */
  readonly command: (round: number) => Command;
  /** After each run (untimed). */
  readonly after?: (round: number, run: Measured) => void;
}

/** Writes what the page cache holds to disk (untimed, before every run): no run pays for the writeback of files written before it. */
function settle(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

/** `runs` rounds of every case in turn (A B A B …, or A B C A B C …); each case's runs. */
async function alternate(title: string, cases: readonly Case[], runs: number): Promise<Measured[][]> {
  const results: Measured[][] = cases.map(() => []);
  for (let round = 0; round < runs; round++) {
    for (const [i, c] of cases.entries()) {
      const command = c.command(round);
      settle();
      const run = await measure(command);
      results[i].push(run);
      c.after?.(round, run);
      progress(`${title}, round ${round + 1}/${runs}: ${c.name} ${seconds(run.ms)}, ${mib(run.peakKiB)}`);
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Figures

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const medianMs = (runs: readonly Measured[]) => median(runs.map((r) => r.ms));
const medianKiB = (runs: readonly Measured[]) => median(runs.map((r) => r.peakKiB));
/** The run whose time is the median's (the lower middle one for an even count). */
const medianRun = (runs: readonly Measured[]) => [...runs].sort((a, b) => a.ms - b.ms)[(runs.length - 1) >> 1];

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}
const mib = (kib: number) => `${Math.round(kib / 1024)} MiB`;
const times = (ratio: number) => `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`;
const int = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const spread = (runs: readonly Measured[]) => `${seconds(Math.min(...runs.map((r) => r.ms)))}–${seconds(Math.max(...runs.map((r) => r.ms)))}`;

/** Met or not, and by how much, for a figure with an upper bound. */
function verdict(value: number, goal: number): string {
  return value <= goal ? `met (${Math.round((1 - value / goal) * 100)}% under)` : `missed (${Math.round((value / goal - 1) * 100)}% over)`;
}

function table(rows: readonly (readonly string[])[], right: readonly number[] = []): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => `  ${r.map((cell, c) => (right.includes(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()}`);
}

const print = (...lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);
const progress = (line: string) => process.stderr.write(`  … ${line}\n`);

/** `files: N written` (or unchanged) of synth's summary. */
function filesOf(stdout: string): number {
  const m = /files: (\d+) written, (\d+) unchanged/.exec(stdout);
  return m ? Number(m[1]) + Number(m[2]) : NaN;
}
/** synth's own `time:` line (its stages), shortened. */
const stagesOf = (stdout: string) => (/^time: (.*)$/m.exec(stdout)?.[1] ?? '').replace(/, lock \d+ ms, recover \d+ ms/, '');

// ---------------------------------------------------------------------------------------------
// Preparation

interface Prepared {
  readonly dir: string;
  readonly fleetFile: string;
  readonly outputs: string;
}

function writeFleet(definition: Fleet, dir: string): Prepared {
  fs.mkdirSync(dir, { recursive: true });
  const fleetFile = path.join(dir, 'fleet.json');
  fs.writeFileSync(fleetFile, JSON.stringify(definition));
  const outputs = path.join(dir, 'outputs');
  writeBenchOutputs(definition, outputs);
  return { dir, fleetFile, outputs };
}

/** Every regular file under `dir`, as `/`-separated relative paths, sorted. */
function filesUnder(dir: string, rel = ''): string[] {
  const found: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) found.push(...filesUnder(dir, child));
    else if (e.isFile()) found.push(child);
  }
  return found.sort();
}

/** One file of the floor's dump: a YAML document (after its leading comment lines), a JSON document, or text. */
type DumpEntry = { path: string; yaml: unknown; prefix?: string } | { path: string; json: unknown } | { path: string; text: string };

/** The documents of every file of a synth's output folder, as the floor reads them (bench/floor.js). */
function writeFloorDump(outDir: string, dumpFile: string): { yaml: number; json: number; text: number; bytes: number } {
  const counts = { yaml: 0, json: 0, text: 0, bytes: 0 };
  const files: DumpEntry[] = filesUnder(outDir).map((p) => {
    const content = fs.readFileSync(path.join(outDir, p), 'utf8');
    if (p.endsWith('.json')) {
      counts.json++;
      return { path: p, json: JSON.parse(content) };
    }
    if (p.endsWith('.yaml')) {
      const prefix = /^(#.*\n)*/.exec(content)![0];
      const body = content.slice(prefix.length);
      // One document per file; anything else is written as text.
      const doc = /^---/m.test(body) ? undefined : parseDocument(body, { version: '1.1' });
      if (doc && doc.errors.length === 0) {
        counts.yaml++;
        return { path: p, yaml: doc.toJS(), ...(prefix ? { prefix } : {}) };
      }
    }
    counts.text++;
    return { path: p, text: content };
  });
  const text = JSON.stringify({ files });
  fs.writeFileSync(dumpFile, text);
  counts.bytes = Buffer.byteLength(text);
  return counts;
}

/** Files of `a` that `b` lacks or holds other bytes of, and files only `b` has. */
function differingFiles(a: string, b: string): string[] {
  const left = new Set(filesUnder(a));
  const right = new Set(filesUnder(b));
  const differ = [...left].filter((p) => !right.has(p) || !fs.readFileSync(path.join(a, p)).equals(fs.readFileSync(path.join(b, p))));
  return [...differ, ...[...right].filter((p) => !left.has(p))];
}

/** The version of the Node.js the measured processes run, and whether it is not the bench's own. */
function nodeVersion(): string {
  if (node === process.execPath) return process.version;
  return `${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()} (--node ${node}; the bench itself on ${process.version})`;
}

function machine(): string[] {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return [
    `machine  ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} ${os.arch()}, Node ${nodeVersion()}`,
    `load     ${load} (1, 5, 15 min) at start`,
  ];
}

// ---------------------------------------------------------------------------------------------
// The sections

const SECTIONS = ['example', 'sizes', 'incremental', 'schema', 'tests'] as const;
type Section = (typeof SECTIONS)[number];

interface Settings {
  /** Runs per row. */
  readonly runs: number;
  /** Runs per row of the 300/600-cluster fleets. */
  readonly runsLarge: number;
}

/** A row of the summary: what, then, now, goal, met or not. */
type Row = readonly [string, string, string, string, string];

const at = (...parts: string[]) => path.join(scratch, ...parts);
/** A path under the scratch folder, with nothing there. */
function fresh(...parts: string[]): string {
  const dir = at(...parts);
  fs.rmSync(dir, { recursive: true, force: true });
  return dir;
}

const COLD = { FLEETSYNTH_CACHE: 'off' } as const;
const synthCommand = (fleet: Prepared, out: string, env: Readonly<Record<string, string>>): Command => ({
  file: node,
  args: [BIN, 'synth', '--fleet', fleet.fleetFile, '--outputs', fleet.outputs, '--out', out],
  env,
});

const memo = <T>(make: () => T): (() => T) => {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
};

/** The bench fleets (test/full-fleet.ts grown by bench-fleet.ts), as JSON fleet files with outputs. */
const fleets = memo(() => {
  const start = Date.now();
  const made = new Map<number, Prepared>(SIZES.map((n) => [n, writeFleet(benchFleet(n), at(`fleet-${n}`))] as const));
  const three = writeFleet(threeClusterFleet(), at('fleet-3'));
  print(
    `prepared (untimed, ${seconds(Date.now() - start)}): fleets of 3, ${SIZES.join(', ')} clusters (test/full-fleet.ts grown by bench/bench-fleet.ts, without`,
    '         its secrets service, whose output grows with the square of the fleet) as JSON fleet files, Terraform outputs for every cluster',
  );
  return { bySize: made, three };
});

/** A synth of the 300-cluster fleet with a cache of its own: the incremental cases start from it, and the floor's documents are its output. */
const warmed = memo(async () => {
  const big = fleets().bySize.get(300)!;
  const cacheDir = at('cache');
  const out = at('warm-out');
  progress('a synth of the 300-cluster fleet, filling a cache');
  const run = await measure(synthCommand(big, out, { FLEETSYNTH_CACHE_DIR: cacheDir }));
  print(`prepared (untimed): a synth of the 300-cluster fleet with a cache of its own (${seconds(run.ms)}, ${int(filesOf(run.stdout))} files)`);
  return { big, cacheDir, out, files: filesOf(run.stdout) };
});

/** The floor's input: one JSON file of the documents of the 300-cluster fleet's files (checked: the floor writes synth's bytes). */
const floorDump = memo(async () => {
  const { out, files } = await warmed();
  const dumpFile = at('floor-dump.json');
  const dump = writeFloorDump(out, dumpFile);
  progress('the floor, once, to check its bytes');
  await measure({ file: node, args: [FLOOR, dumpFile, at('floor-check')] });
  const differ = differingFiles(out, at('floor-check'));
  fs.rmSync(at('floor-check'), { recursive: true, force: true });
  print(
    `prepared (untimed): the floor's input, one JSON file (${(dump.bytes / 2 ** 20).toFixed(1)} MiB) of the documents of the 300-cluster fleet's ${int(files)} files (${int(dump.yaml)} YAML,`,
    `         ${int(dump.json)} JSON, ${int(dump.text)} text); the floor writes ${differ.length === 0 ? `the same ${int(files)} files, byte for byte` : `${differ.length} files that differ from synth's (${differ.slice(0, 3).join(', ')})`}`,
  );
  return dumpFile;
});

/*
 * The issue's first row compares with `cdk8s synth` + `cdktf synth`: the CLIs, which are not
 * dependencies (users who want them run them with npx, as the README says). The bench installs them,
 * pinned, into a cache folder of its own the first time (the npm registry is all it needs); where that
 * fails (offline), it measures the apps alone, which is the stricter comparison, and says so.
 * CHECKPOINT_DISABLE: cdktf's version check and crash reports call HashiCorp, as the README's command
 * has it; CDK8S_CHECK_UPGRADE=false: cdk8s's upgrade check calls the npm registry (network, not synth).
 */
const CDK_CLIS = { 'cdk8s-cli': '2.207.60', 'cdktf-cli': '0.21.0' } as const;
const CLI_DIR = path.join(ROOT, 'node_modules', '.cache', 'fleetsynth-bench', 'clis');

function cdkClis(): { cdk8s: string; cdktf: string } | { failed: string } {
  const bin = (name: string) => path.join(CLI_DIR, 'node_modules', '.bin', name);
  const wanted = Object.entries(CDK_CLIS).map(([name, version]) => `${name}@${version}`);
  const installed = () => Object.entries(CDK_CLIS).every(([name, version]) => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(CLI_DIR, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version === version;
    } catch {
      return false;
    }
  });
  if (!installed()) {
    progress(`installing ${wanted.join(' and ')} into ${path.relative(ROOT, CLI_DIR)} (once)`);
    fs.mkdirSync(CLI_DIR, { recursive: true });
    fs.writeFileSync(path.join(CLI_DIR, 'package.json'), '{ "private": true }\n');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', ...wanted], { cwd: CLI_DIR, encoding: 'utf8' });
    if (r.status !== 0 || !installed()) return { failed: `npm install ${wanted.join(' ')} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-2).join(' ')}` };
  }
  return { cdk8s: bin('cdk8s'), cdktf: bin('cdktf') };
}

async function exampleSection({ runs }: Settings): Promise<Row[]> {
  const cdk8sApp = String((parse(fs.readFileSync(path.join(ROOT, 'cdk8s.yaml'), 'utf8')) as { app: string }).app);
  const cdktfApp = String((JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app);
  const clis = cdkClis();
  const cliCases: Case[] = 'failed' in clis ? [] : [
    // CDK8S_CHECK_UPGRADE=false (yargs' env for --check-upgrade): the CLI would ask the npm registry for its latest version on every run.
    { name: 'cdk8s synth', command: (r) => ({ file: clis.cdk8s, args: ['synth', '--output', fresh(`cdk8s-cli-${r}`)], env: { CDK8S_CHECK_UPGRADE: 'false' } }), after: (r) => fresh(`cdk8s-cli-${r}`) },
    { name: 'cdktf synth', command: (r) => ({ file: clis.cdktf, args: ['synth', '--output', fresh(`cdktf-cli-${r}`)], env: { CHECKPOINT_DISABLE: '1' } }), after: (r) => fresh(`cdktf-cli-${r}`) },
  ];
  const [example, cdk8s, cdktf, cdk8sCli, cdktfCli] = await alternate(
    'example',
    [
      { name: 'fleetsynth synth', command: (r) => ({ file: node, args: [BIN, 'synth', '--out', fresh(`example-${r}`)], env: COLD }), after: (r) => fresh(`example-${r}`) },
      { name: cdk8sApp, command: (r) => ({ file: cdk8sApp, shell: true, env: { CDK8S_OUTDIR: fresh(`cdk8s-${r}`) } }), after: (r) => fresh(`cdk8s-${r}`) },
      { name: cdktfApp, command: (r) => ({ file: cdktfApp, shell: true, env: { CDKTF_OUTDIR: fresh(`cdktf-${r}`) } }), after: (r) => fresh(`cdktf-${r}`) },
      ...cliCases,
    ],
    runs,
  );
  const appsMs = median(cdk8s.map((r, i) => r.ms + cdktf[i].ms));
  const appsRatio = medianMs(example) / appsMs;
  const clisMs = cdk8sCli ? median(cdk8sCli.map((r, i) => r.ms + cdktfCli[i].ms)) : undefined;
  const clisRatio = clisMs ? medianMs(example) / clisMs : undefined;
  const ratio = clisRatio ?? appsRatio;
  const cliRows = cdk8sCli
    ? [
        [`cdk8s synth (cdk8s-cli ${CDK_CLIS['cdk8s-cli']}, running that app)`, seconds(medianMs(cdk8sCli)), spread(cdk8sCli), mib(medianKiB(cdk8sCli))],
        [`cdktf synth (cdktf-cli ${CDK_CLIS['cdktf-cli']}, running that app)`, seconds(medianMs(cdktfCli)), spread(cdktfCli), mib(medianKiB(cdktfCli))],
        ['the two CLIs, one after the other', seconds(clisMs!), '', ''],
      ]
    : [];
  print(
    '',
    '1. `npm run synth` of the example vs `cdk8s synth` + `cdktf synth` of the same apps',
    '   (fleetsynth cold: FLEETSYNTH_CACHE=off; every run into a fresh output folder; the example fleet and outputs, by the CLI\'s defaults)',
    ...table(
      [
        ['', 'median', 'runs', 'peak memory'],
        [`node bin/fleetsynth.js synth (${int(filesOf(example[0].stdout))} files)`, seconds(medianMs(example)), spread(example), mib(medianKiB(example))],
        [`${cdk8sApp} (cdk8s.yaml's app alone)`, seconds(medianMs(cdk8s)), spread(cdk8s), mib(medianKiB(cdk8s))],
        [`${cdktfApp} (cdktf.json's app alone)`, seconds(medianMs(cdktf)), spread(cdktf), mib(medianKiB(cdktf))],
        ['the two apps, one after the other', seconds(appsMs), '', ''],
        ...cliRows,
      ],
      [1, 3],
    ),
    ...(clisRatio !== undefined
      ? [
          `   ratio ${times(clisRatio)} against the two CLIs (goal ≤ 0.15×; then 0.31×): ${verdict(clisRatio, 0.15)}`,
          `   against the two apps alone, without the CLIs' own start-up and work: ${times(appsRatio)} (${verdict(appsRatio, 0.15)})`,
          '   The CLIs run the apps above (their `app` commands) and add their own start-up; peak memory is the largest',
          '   process\'s (the CLI or the app it starts).',
        ]
      : [
          `   ratio ${times(appsRatio)} against the two apps alone (goal ≤ 0.15×; then 0.31×): ${verdict(appsRatio, 0.15)}`,
          `   The CLIs could not be installed (${'failed' in clis ? clis.failed : ''}): the apps ran as the CLIs run them (their`,
          '   `app` commands, through npx), without the CLIs\' own start-up, so the true ratio is lower still.',
        ]),
    `   synth's stages (its median run): ${stagesOf(medianRun(example).stdout)}`,
  );
  const what = clisRatio !== undefined ? 'example: npm run synth vs cdk8s + cdktf synth' : 'example: npm run synth vs cdk8s + cdktf apps';
  return [[what, '0.31×', clisRatio !== undefined ? `${times(ratio)} (apps alone ${times(appsRatio)})` : times(ratio), '≤ 0.15×', verdict(ratio, 0.15)]];
}

async function sizesSection({ runsLarge }: Settings): Promise<Row[]> {
  const { bySize } = fleets();
  const dumpFile = await floorDump();
  const cases: Case[] = SIZES.flatMap((n): Case[] => {
    const synthCase: Case = { name: `${n} clusters`, command: (r) => synthCommand(bySize.get(n)!, fresh(`out-${n}-${r}`), COLD), after: (r) => fresh(`out-${n}-${r}`) };
    if (n !== 300) return [synthCase];
    return [synthCase, { name: 'floor (300)', command: (r) => ({ file: node, args: [FLOOR, dumpFile, fresh(`floor-${r}`)] }), after: (r) => fresh(`floor-${r}`) }];
  });
  const measured = await alternate('fleet sizes', cases, runsLarge);
  const runsOf = (name: string) => measured[cases.findIndex((c) => c.name === name)];
  const floor = runsOf('floor (300)');
  const rows: string[][] = [['clusters', 'files', 'median', 'runs', 'per cluster', 'each added cluster', 'peak memory']];
  let previous: { n: number; ms: number } | undefined;
  for (const n of SIZES) {
    const r = runsOf(`${n} clusters`);
    const ms = medianMs(r);
    rows.push([String(n), int(filesOf(r[0].stdout)), seconds(ms), spread(r), `${Math.round(ms / n)} ms`, previous ? `${Math.round((ms - previous.ms) / (n - previous.n))} ms` : '', mib(medianKiB(r))]);
    previous = { n, ms };
  }
  rows.push(['floor (300)', int(filesOf(runsOf('300 clusters')[0].stdout)), seconds(medianMs(floor)), spread(floor), `${Math.round(medianMs(floor) / 300)} ms`, '', mib(medianKiB(floor))]);
  const [r300, r600] = [runsOf('300 clusters'), runsOf('600 clusters')];
  const floorTime = medianMs(r300) / medianMs(floor);
  const floorMemory = medianKiB(r300) / medianKiB(floor);
  const doubling = medianMs(r600) / medianMs(r300);
  const memoryGrowth = medianKiB(r600) / medianKiB(r300);
  print(
    '',
    '2. How synth\'s cost grows with the fleet: cold synths (FLEETSYNTH_CACHE=off, a fresh output folder each run) in rounds',
    `   of ${cases.map((c) => c.name.replace(' clusters', '')).join(', ')}; the floor writes the 300-cluster fleet's files with the bare \`yaml\` library +`,
    '   JSON.stringify (bench/floor.js; it reads and parses one JSON file of the documents)',
    ...table(rows, [0, 1, 2, 4, 5, 6]),
    `   300 clusters vs the floor: time ${times(floorTime)} (goal ≤ 2×; then 9.5×): ${verdict(floorTime, 2)}`,
    `                              peak memory ${times(floorMemory)} (goal ≤ 2×; then 4.9×): ${verdict(floorMemory, 2)}`,
    `   600 clusters vs 300:       time ${times(doubling)} (goal ≤ 2.05×; then 1.71×): ${verdict(doubling, 2.05)}`,
    `                              peak memory ${times(memoryGrowth)}, ${mib(medianKiB(r300))} → ${mib(medianKiB(r600))} (goal: flat or near it; then 758 MiB at 600)`,
    `   synth's stages, 300 clusters (its median run): ${stagesOf(medianRun(r300).stdout)}`,
    `   synth's stages, 600 clusters (its median run): ${stagesOf(medianRun(r600).stdout)}`,
    '   (render\'s kubernetes and terraform times are summed over its threads)',
  );
  return [
    ['300 clusters vs the floor, time', '9.5×', times(floorTime), '≤ 2×', verdict(floorTime, 2)],
    ['300 clusters vs the floor, peak memory', '4.9×', times(floorMemory), '≤ 2×', verdict(floorMemory, 2)],
    ['600 vs 300 clusters, time', '1.71×', times(doubling), '≤ 2.05×', verdict(doubling, 2.05)],
    ['600 vs 300 clusters, peak memory', '758 MiB', `${times(memoryGrowth)} (${mib(medianKiB(r600))})`, 'flat or near', ''],
  ];
}

async function incrementalSection({ runs }: Settings): Promise<Row[]> {
  const { three } = fleets();
  const { big, cacheDir, out } = await warmed();
  const cached = { FLEETSYNTH_CACHE_DIR: cacheDir };
  const indexFile = path.join(out, INDEX_FILE);
  const indexEntries = Object.keys((JSON.parse(fs.readFileSync(indexFile, 'utf8')) as { files: object }).files).length;
  const [unchanged, readIndex] = await alternate(
    'nothing changed',
    [
      { name: '300 clusters, nothing changed', command: () => synthCommand(big, out, cached) },
      { name: 'read the index', command: () => ({ file: node, args: [READ_INDEX, indexFile] }) },
    ],
    runs,
  );
  const definition = benchFleet(300);
  const editedName = definition.clusters[EDITED_CLUSTER].name;
  const editedPool = definition.clusters[EDITED_CLUSTER].nodePools.at(-1)!;
  const editedFleet: Prepared = { ...big, fleetFile: at('fleet-300-edited.json') };
  const [edited, cold3] = await alternate(
    'one cluster edited',
    [
      {
        name: '300 clusters, one edited',
        command: (r) => {
          // A value no run before had: the edit is new to the cache every time. A copy through JSON,
          // as the fleet file is: clusters made from one template share their node pools' objects.
          const copy = JSON.parse(JSON.stringify(definition)) as { clusters: { nodePools: { maxSize: number }[] }[] };
          copy.clusters[EDITED_CLUSTER].nodePools.at(-1)!.maxSize = editedPool.maxSize + 1 + r;
          fs.writeFileSync(editedFleet.fleetFile, JSON.stringify(copy));
          return synthCommand(editedFleet, out, cached);
        },
      },
      { name: '3 clusters, cold', command: (r) => synthCommand(three, fresh(`out-3-${r}`), COLD), after: (r) => fresh(`out-3-${r}`) },
    ],
    runs,
  );
  const editRatio = medianMs(edited) / medianMs(cold3);
  const noopRatio = medianMs(unchanged) / medianMs(readIndex);
  const written = /files: (\d+) written/.exec(medianRun(edited).stdout)?.[1] ?? '?';
  print(
    '',
    '3. Incremental: synth with a cache (FLEETSYNTH_CACHE_DIR, filled by the synth above) into the output folder that synth',
    '   wrote; the 3-cluster synth is cold, into a fresh folder',
    ...table(
      [
        ['', 'median', 'runs', 'peak memory'],
        [`300 clusters, one edited (${editedName}: node pool ${editedPool.name}'s maxSize, a new value each run; ${written} files written)`, seconds(medianMs(edited)), spread(edited), mib(medianKiB(edited))],
        [`3 clusters, cold (bench-fleet.ts's threeClusterFleet(), ${int(filesOf(cold3[0].stdout))} files)`, seconds(medianMs(cold3)), spread(cold3), mib(medianKiB(cold3))],
        ['300 clusters, nothing changed', seconds(medianMs(unchanged)), spread(unchanged), mib(medianKiB(unchanged))],
        [`read and parse the index (bench/read-index.js, ${int(indexEntries)} entries)`, seconds(medianMs(readIndex)), spread(readIndex), mib(medianKiB(readIndex))],
      ],
      [1, 3],
    ),
    `   one edited vs 3 clusters cold: ${times(editRatio)} (goal ≤ 1.5×): ${verdict(editRatio, 1.5)}`,
    `   nothing changed vs reading the index: ${times(noopRatio)}, ${seconds(medianMs(unchanged) - medianMs(readIndex))} more (goal: little more than reading the index)`,
    `   synth's stages, one edited (its median run): ${stagesOf(medianRun(edited).stdout)}`,
    `   synth's stages, nothing changed (its median run): ${stagesOf(medianRun(unchanged).stdout)}`,
  );
  return [
    ['300 clusters, one edited, vs 3 cold', '', times(editRatio), '≤ 1.5×', verdict(editRatio, 1.5)],
    ['300 clusters, nothing changed, vs reading the index', '', times(noopRatio), 'little more', ''],
  ];
}

/**
 * Issue 14, item 6: the schema check's cost per object against a plain compiled-schema validation of
 * the same objects (bench/schema-check.js: validators loaded beforehand; the time is the process's own
 * measure of the validation alone, not the child's wall clock).
 */
async function schemaSection({ runs }: Settings): Promise<Row[]> {
  const dumpFile = await floorDump();
  const cacheDir = fresh('schema-cache');
  const modes = [
    { mode: 'plain', what: 'plain: each kind\'s compiled validator (kubernetes-models), in one thread, nothing else' },
    { mode: 'check', what: 'fleetsynth\'s check, nothing passed before (worker thread, strict unknown fields)' },
    { mode: 'passed', what: 'fleetsynth\'s check, every object passed before (the cache\'s passes)' },
  ];
  const measured = await alternate(
    'schema check',
    modes.map(({ mode }) => ({ name: mode, command: () => ({ file: node, args: [SCHEMA_CHECK, mode, dumpFile, cacheDir] }) })),
    runs,
  );
  const inside = (run: Measured) => JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { objects: number; kinds: number; ms: number };
  const ms = measured.map((rs) => median(rs.map((r) => inside(r).ms)));
  const { objects, kinds } = inside(measured[0][0]);
  const perObject = (m: number) => `${((m * 1000) / objects).toFixed(1)} µs`;
  const [plain, check, passed] = ms;
  print(
    '',
    `4. The schema check per object (issue 14, item 6): the ${int(objects)} Kubernetes objects (${kinds} kinds) of the 300-cluster fleet,`,
    '   every validator loaded beforehand; time: the validation alone, measured in the process (bench/schema-check.js)',
    ...table(
      [
        ['', 'median', 'per object', 'vs plain'],
        ...modes.map(({ what }, i) => [what, `${Math.round(ms[i])} ms`, perObject(ms[i]), times(ms[i] / plain)]),
      ],
      [1, 2, 3],
    ),
    '   The check does more than the plain validation: the objects\' JSON crosses to the worker and is parsed there, and',
    '   every object is checked for fields its schema does not declare (strict); it runs in its worker beside the render',
    '   and the convergence check, on the other core. An unchanged object costs the lookup of its hash among the passes.',
  );
  return [['schema check per object vs compiled validator', '', `${times(check / plain)} (${perObject(check)}); passed ${times(passed / plain)}`, 'measured', '']];
}

async function testsSection(): Promise<Row[]> {
  progress('npm test (minutes)');
  settle();
  const t = await measure({ file: 'npm', args: ['test'] }, { sampleTree: true, allowFailure: true });
  const status = t.code === 0 ? 'passed' : `failed (exit ${t.code})`;
  const tree = t.treePeakKiB ? mib(t.treePeakKiB) : 'n/a';
  const memoryVerdict = t.treePeakKiB ? verdict(t.treePeakKiB / 1024, 600) : 'n/a';
  print(
    '',
    '5. `npm test` (tsc --noEmit --incremental beside jest: test/npm-test.js), once',
    `   ${seconds(t.ms)}, ${status}; peak memory ${tree}: the highest sum of RSS over npm's whole process tree (jest's workers`,
    `   included), sampled every 250 ms; the largest single process ${mib(t.peakKiB)} (${t.peakScript}); besides, the tests'`,
    `   temporary folders on the tmpfs held up to ${mib(t.tmpfsPeakKiB ?? 0)} (test/global-setup.js; memory too, but no process's RSS)`,
    `   goal ≤ 60 s, ≤ 600 MiB (then 109 s, 948 MiB): time ${verdict(t.ms / 1000, 60)}, memory ${memoryVerdict}`,
  );
  return [['npm test, time / peak memory', '109 s / 948 MiB', `${seconds(t.ms)} / ${tree}`, '≤ 60 s / ≤ 600 MiB', `${verdict(t.ms / 1000, 60)} / ${memoryVerdict}${t.code === 0 ? '' : `; ${status}`}`]];
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ options: { runs: { type: 'string' }, tests: { type: 'boolean' }, only: { type: 'string' }, dir: { type: 'string' }, node: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    print(USAGE);
    return 0;
  }
  const given = values.runs ?? process.env.FLEETSYNTH_BENCH_RUNS;
  if (given !== undefined && !/^[1-9]\d*$/.test(given)) {
    process.stderr.write(`--runs takes a whole number, 1 or more; given ${JSON.stringify(given)}\n${USAGE}\n`);
    return 2;
  }
  if (values.node !== undefined) {
    const version = spawnSync(values.node, ['--version'], { encoding: 'utf8' });
    if (version.status !== 0 || !/^v\d+\./.test(version.stdout)) {
      process.stderr.write(`--node takes a Node.js binary; ${JSON.stringify(values.node)} does not run as one${version.error ? ` (${version.error.message})` : ''}\n${USAGE}\n`);
      return 2;
    }
    node = path.resolve(values.node);
  }
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((s) => !(SECTIONS as readonly string[]).includes(s)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`--only takes sections among ${SECTIONS.join(', ')}; given ${unknown.map((s) => JSON.stringify(s)).join(', ')}\n${USAGE}\n`);
    return 2;
  }
  const sections = new Set<Section>((only as Section[] | undefined) ?? ['example', 'sizes', 'incremental', 'schema', ...(values.tests ? (['tests'] as const) : [])]);
  const settings: Settings = { runs: given ? Number(given) : 5, runsLarge: given ? Number(given) : 3 };
  const started = Date.now();

  print(`fleetsynth bench, ${new Date(started).toISOString().replace(/\.\d+Z$/, 'Z')}`, ...machine());
  print(
    'method   every run is a child process (Node start-up, module loading and exit included); time: wall clock from spawn',
    '         to exit; peak memory: the child\'s max RSS at its exit (getrusage; worker threads included; for a command of',
    `         several processes, the largest one's); medians of ${plural(settings.runs, 'run')} (${settings.runsLarge} for the 300/600-cluster fleets), the runs of the`,
    '         commands compared alternating (A B A B …) so that other load falls on both alike; ratios are of the medians;',
    '         after every run its output folder is removed and the disk synced (untimed), so no run pays for another\'s writes',
  );

  // fleetsynth is built before the first measured run (bin/fleetsynth.js would otherwise build it in one).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../scripts/build.js') as { ensureBuilt(): void }).ensureBuilt();
  scratch = fs.mkdtempSync(path.join(path.resolve(values.dir ?? os.tmpdir()), 'fleetsynth-bench-'));
  print(`scratch  ${scratch} (${values.dir ? '--dir' : 'the system\'s temporary folder'}), removed at the end`);
  const rows = new Map<Section, Row[]>();
  try {
    if (sections.has('example')) rows.set('example', await exampleSection(settings));
    if (sections.has('sizes')) rows.set('sizes', await sizesSection(settings));
    if (sections.has('incremental')) rows.set('incremental', await incrementalSection(settings));
    if (sections.has('schema')) rows.set('schema', await schemaSection(settings));
    if (sections.has('tests')) rows.set('tests', await testsSection());
    else print('', '5. `npm test`: not run; it takes minutes: `npm run bench -- --tests` adds it (one run)');
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const notRun = (section: Section, what: string[]): Row[] => rows.get(section) ?? what.map((w): Row => [w, '', 'not run', '', section === 'tests' ? '--tests' : `--only ${section}`]);
  print(
    '',
    'Issue 14\'s table, measured in this run',
    ...table([
      ['what', 'then', 'now', 'goal', ''],
      ...notRun('example', ['example: npm run synth vs cdk8s + cdktf synth']),
      ...notRun('sizes', ['300 clusters vs the floor', '600 vs 300 clusters']),
      ...notRun('tests', ['npm test, time / peak memory']),
      ...notRun('incremental', ['300 clusters, one edited / nothing changed']),
      ...notRun('schema', ['schema check per object vs compiled validator']),
    ]),
    '',
    `load     ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min) at the end; the bench took ${seconds(Date.now() - started)}`,
  );
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
