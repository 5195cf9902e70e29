import * as fs from 'fs';
import * as path from 'path';
import { parseArgs as parseArgv } from 'node:util';
import { FLEET_DOCUMENT_EXTENSIONS, FleetError, parseFleetDocument } from '../lib/fleet';
import { DEFAULT_LOCK_WAIT_SECONDS, HalfAppliedError, OutputLockedError, StageTiming, synth, SynthResult, unifiedDiff } from '../lib/synth';

export const USAGE = `usage: npm run synth -- [options]

Validates the fleet and writes its Kubernetes manifests and Terraform stacks into the output folder.

options:
  --fleet FILE     fleet definition: .ts/.js exporting \`fleet\` (or a default export),
                   or a .json/.yaml fleet                                  default: apps/fleet.ts
  --out DIR        output folder                                            default: dist
  --outputs DIR    Terraform outputs, one \`terraform output -json\` per cluster as <cluster>.json
                                                                            default: terraform-outputs
  --check          write nothing; exit 3 when the output folder differs from what synth would write
  --diff           with --check (implied): also print the difference as a unified diff
  --strict         a cluster without Terraform outputs (pending) is an error
  --wait SECONDS   how long to wait while another synth writes the same output folder; 0: fail at once
                                                                            default: ${DEFAULT_LOCK_WAIT_SECONDS}
  -h, --help       this text

exit codes:
  0  done (with --check: the output folder is up to date)
  1  the fleet, the Terraform outputs or the generated output has problems, or the output folder
     holds something synth will not touch (a file in the way, a symlink) or cannot be written; each
     is listed on stderr; nothing was written
  2  bad command line
  3  --check: the output folder is out of date (each added, changed, stale and kept file listed)
  4  unexpected failure; nothing was written (a failed write is rolled back)
  5  another synth is writing the output folder (its lock was held longer than --wait); nothing was written
  6  the output folder holds a half-applied commit: a roll-back failed, or --check found an
     interrupted synth's; run synth again, it finishes the roll-back before anything else`;

const DEFAULTS = { fleet: 'apps/fleet.ts', out: 'dist', outputs: 'terraform-outputs' } as const;

export interface CliArgs {
  readonly fleet: string;
  readonly out: string;
  readonly outputs: string;
  readonly check: boolean;
  /** Print a unified diff; implies check. */
  readonly diff: boolean;
  readonly strict: boolean;
  readonly waitSeconds: number;
  readonly help: boolean;
  /** The options given on the command line, with their values, to repeat in hints. */
  readonly given: readonly string[];
}

const OPTIONS = {
  fleet: { type: 'string' },
  out: { type: 'string' },
  outputs: { type: 'string' },
  check: { type: 'boolean' },
  diff: { type: 'boolean' },
  strict: { type: 'boolean' },
  wait: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** node:util's parse errors, reworded in this CLI's style (lowercase, the option named). */
function describeArgError(e: unknown): string {
  const { code, message } = e as NodeJS.ErrnoException;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const option = /^-{1,2}[^\s,]+/.exec(quoted)?.[0] ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${JSON.stringify(option)}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${JSON.stringify(quoted)}; every value follows its option`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return /does not take/.test(message) ? `${option} takes no value` : `${option} needs a value`;
  return message.split('\n')[0];
}

const parseOptions = (argv: readonly string[]) => parseArgv({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false, tokens: true });

export function parseArgs(argv: readonly string[]): CliArgs | string {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (e) {
    return describeArgError(e);
  }
  const { values, tokens } = parsed;
  for (const name of ['fleet', 'out', 'outputs', 'wait'] as const) if (values[name] === '') return `--${name} needs a value`;
  let waitSeconds = DEFAULT_LOCK_WAIT_SECONDS;
  if (values.wait !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(values.wait)) return `--wait takes a number of seconds, 0 or more; given ${JSON.stringify(values.wait)}`;
    waitSeconds = Number(values.wait);
  }
  // In the order given; --check, --diff and --help are not repeated in a hint to run synth.
  const given = tokens.flatMap((t) => (t.kind !== 'option' || ['check', 'diff', 'help'].includes(t.name) ? [] : t.value === undefined ? [`--${t.name}`] : [`--${t.name}`, t.value]));
  return {
    fleet: values.fleet ?? DEFAULTS.fleet,
    out: values.out ?? DEFAULTS.out,
    outputs: values.outputs ?? DEFAULTS.outputs,
    check: Boolean(values.check || values.diff),
    diff: Boolean(values.diff),
    strict: Boolean(values.strict),
    waitSeconds,
    help: Boolean(values.help),
    given,
  };
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** The synth command that writes what this one checked, with the options the user gave (never --check or --diff). */
export function synthCommand(args: CliArgs): string {
  return args.given.length > 0 ? `npm run synth -- ${args.given.map(shellQuote).join(' ')}` : 'npm run synth';
}

/** Loads the fleet file; a file that cannot be loaded or exports no fleet is a fleet problem. */
export function loadFleet(file: string): unknown {
  // JSON and YAML fleets are data: parsed (duplicate keys refused), never run as code.
  if (FLEET_DOCUMENT_EXTENSIONS.includes(path.extname(file).toLowerCase())) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new FleetError([{ path: file, message: `could not be loaded: ${(e as Error).message.split('\n')[0]}` }], 'fleet file');
    }
    return parseFleetDocument(text, file);
  }
  let mod: { fleet?: unknown; default?: unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path.resolve(file));
  } catch (e) {
    throw new FleetError([{ path: file, message: `could not be loaded: ${(e as Error).message.split('\n')[0]}` }], 'fleet file');
  }
  const fleet = mod.fleet ?? mod.default;
  if (fleet === undefined) throw new FleetError([{ path: file, message: 'exports no fleet', allowed: '`export const fleet: Fleet = …` or a default export' }], 'fleet file');
  return fleet;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

const KEPT_WHY = {
  edited: 'no longer generated, but edited since synth wrote it: left in place, and no longer synth\'s',
  'not a regular file': 'no longer generated, but not a regular file: left in place',
} as const;

export function summarize(result: SynthResult, args: CliArgs): string {
  const { plan } = result;
  const lines: string[] = [];
  const pending = result.pending.length > 0 ? ` (${result.pending.length} pending, no Terraform outputs yet: ${result.pending.join(', ')})` : '';
  lines.push(`clusters: ${result.clusters.length}${pending}`);
  if (result.heldBack.length > 0) {
    lines.push('held back until the values they need exist:');
    for (const h of result.heldBack) lines.push(`  ${h.subject}: ${h.what} (waiting for ${h.waitingFor})`);
  }
  if (result.recovered === 'rolled-back') lines.push(`rolled back the half-applied commit of an interrupted synth first`);
  const kept = plan.kept.map((k) => `  kept:    ${k.path} (${KEPT_WHY[k.reason]})`);
  if (args.check) {
    for (const f of plan.added) lines.push(`  added:   ${f.path}`);
    for (const f of plan.changed) lines.push(`  changed: ${f.path}`);
    for (const p of plan.stale) lines.push(`  stale:   ${p}`);
    lines.push(...kept);
    lines.push(result.upToDate ? `${args.out}/ is up to date (${plan.unchanged.length} files)` : `${args.out}/ is out of date: ${plan.added.length} added, ${plan.changed.length} changed, ${plan.stale.length} stale; run ${synthCommand(args)}`);
  } else {
    lines.push(...kept);
    const keptCount = plan.kept.length > 0 ? `, ${plan.kept.length} kept` : '';
    lines.push(`files: ${plan.added.length + plan.changed.length} written, ${plan.unchanged.length} unchanged, ${plan.stale.length} removed${keptCount} (in ${args.out}/)`);
  }
  const detail = (t: StageTiming) => (t.detail ? ` (${t.detail.map((d) => `${d.stage} ${formatMs(d.ms)}`).join(', ')})` : '');
  lines.push(`time: ${result.timings.map((t) => `${t.stage} ${formatMs(t.ms)}${detail(t)}`).join(', ')}`);
  return lines.join('\n');
}

/** The exit code and stderr text for a synth that threw: each says what was and was not written. */
export function describeFailure(e: unknown, args: CliArgs): { code: number; text: string } {
  const out = `${args.out}/`;
  if (e instanceof FleetError) return { code: 1, text: `fleetsynth: ${e.message}\nnothing was written.` };
  if (e instanceof OutputLockedError) {
    const h = e.holder;
    const who = h ? `pid ${h.pid} on ${h.host}, since ${h.startedAt}` : 'its lock file names no owner yet';
    const hint = !h
      ? `A lock file without an owner counts as stale 5 s after it was made.`
      : e.holderVisible
        ? `Run ${synthCommand(args)} again once it has finished, or wait longer with --wait SECONDS.`
        : `That synth runs on another host or in another container: this one cannot tell whether it is still running. If it is not, delete ${e.lockFile}.`;
    return { code: 5, text: `fleetsynth: ${out} is locked by another synth (${who}; lock file ${e.lockFile}); waited ${e.waitedSeconds} s.\nnothing was written. ${hint}` };
  }
  if (e instanceof HalfAppliedError) {
    if (e.reason === 'interrupted') {
      return {
        code: 6,
        text: `fleetsynth: ${out} holds a half-applied commit of an interrupted synth (up to ${e.unrestored.length} file${e.unrestored.length === 1 ? '' : 's'}; journal ${e.journal}); --check cannot judge it.\nnothing was written. Run ${synthCommand(args)} first: it rolls that commit back before anything else.`,
      };
    }
    const what = e.cause !== undefined ? `writing ${out} failed (${(e.cause as Error)?.message ?? String(e.cause)}) and so did its roll-back` : `the roll-back of an interrupted synth's commit in ${out} failed`;
    const files = e.unrestored.slice(0, 10).map((p) => `\n  - ${p}`).join('') + (e.unrestored.length > 10 ? `\n  … and ${e.unrestored.length - 10} more` : '');
    return {
      code: 6,
      text: `fleetsynth: ${what}: ${e.unrestored.length} file${e.unrestored.length === 1 ? '' : 's'} may be half-applied${files}\nthe journal is kept at ${e.journal}. Run ${synthCommand(args)} again to finish the roll-back (it does that before anything else); do not commit ${out} until then.`,
    };
  }
  return { code: 4, text: `fleetsynth: unexpected failure, nothing was written: ${(e as Error)?.stack ?? String(e)}` };
}

export function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`fleetsynth: ${args}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const fleet = loadFleet(args.fleet);
    const result = synth(fleet, { outDir: args.out, outputsDir: args.outputs, check: args.check, strict: args.strict, waitSeconds: args.waitSeconds });
    process.stdout.write(`${summarize(result, args)}\n`);
    if (args.diff && !result.upToDate) process.stdout.write(unifiedDiff(result.plan));
    for (const w of result.warnings) process.stderr.write(`fleetsynth: warning: ${w}\n`);
    return args.check && !result.upToDate ? 3 : 0;
  } catch (e) {
    const { code, text } = describeFailure(e, args);
    process.stderr.write(`${text}\n`);
    return code;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
