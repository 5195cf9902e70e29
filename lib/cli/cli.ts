import * as fs from 'fs';
import * as path from 'path';
import { parseArgs as parseArgv } from 'node:util';
import { CommandLineError, FleetError, Problem } from '../fleet/fleet-error';
import { didYouMean } from '../fleet/suggest';
import { HalfAppliedError } from '../synth/commit';
import { DEFAULT_LOCK_WAIT_SECONDS, OutputLockedError } from '../synth/output-lock';
import { stampKey, upToDateResult } from '../synth/output-stamp';
import type { StageTiming, SynthOptions, SynthResult } from '../synth/synth';
import { openCache } from '../synth/synth-cache';
import { fleetFileFingerprint, loadFleet } from './load-fleet';
import { initRepo, INIT_USAGE, ownPackage } from './init';
import { typeCheckFleet } from './type-check';

export { loadFleet } from './load-fleet';

export const USAGE = `usage: fleetsynth synth [options]    validate the fleet and write its output folder
       fleetsynth check [options]    write nothing; exit 3 when the output folder is out of date
       fleetsynth init [DIR]         scaffold a GitOps repository (see fleetsynth init --help)
In fleetsynth's own repository, \`npm run synth -- [options]\` is \`fleetsynth synth [options]\`.

options of synth and check:
  --fleet FILE     fleet definition: .ts/.js exporting \`fleet\` (or a default export),
                   or a .json/.yaml fleet                                  default: apps/fleet.ts
  --out DIR        output folder                                            default: dist
  --outputs DIR    Terraform outputs, one \`terraform output -json\` per cluster as <cluster>.json
                                                                            default: terraform-outputs
  --cluster NAME   only this cluster's files (repeatable): its folder, its stack and the Argo CD
                   objects that concern it; every other file is left as it is
  --check          (synth) the same as \`fleetsynth check\`
  --diff           with check (implied): also print the difference as a unified diff
  --types          type-check the TypeScript fleet file first (its own code, not fleetsynth's)
  --strict         a cluster without Terraform outputs (pending) is an error
  --allow-deploy-as-change APP
                   APP's deployAs may differ from the previous synth's (repeatable): only after
                   handing its Applications over (README, Apps, "Switching deployAs")
  --allow-cluster-removal NAME
                   cluster NAME, which the previous synth wrote, may be gone from the fleet
                   (repeatable): only after destroying it (README, "Decommissioning a cluster")
  --allow-app-removal APP
                   APP, which the previous synth deployed, may be gone from the fleet or change
                   namespace (repeatable): what it deployed, and its old namespace with its
                   volumes and Secrets, is deleted (README, Apps, "Renaming, moving or
                   removing an app")
  --allow-application-move
                   Applications may move between the fleet's root and a cluster's root: only after
                   handing them over (README, What is in it, "Moving Applications to the
                   clusters' roots")
  --allow-replace STACK
                   STACK's edits may replace or destroy clusters, node pools, networks, VPN
                   gateways or the mesh root CA, or move its state backend, and a fleet-wide
                   STACK no longer generated may be pruned (repeatable): only after the
                   procedure synth names (README, "Edits that replace infrastructure")
  --allow-gitops-path-change
                   gitops.path may differ from the path the previous synth's root app reads: the
                   first commit of a move (README, "Moving the output in the repository")
  --allow-mesh-trust-change
                   platform.secrets may come or go, mesh.trustDomain, mesh.meshID or the audience of
                   the clusters' Vault tokens change on a running fleet: only after preparing it
                   (README, Secrets, "Turning platform.secrets on in a running fleet", "Turning
                   platform.secrets off", "Changing the trust domain or the mesh ID", "Changing the
                   tokens' audience")
  --allow-observability-tenant-change
                   platform.observability.tenant may change on a running fleet: only after
                   moving Mimir's Alertmanager configuration to the new tenant (README,
                   Observability, "Changing the tenant")
  --allow-change CHANGE
                   a change a guard refused by that name may go through (repeatable): the name
                   the refusal gives, after the procedure it names; an add-on's guards name
                   theirs (README, Add-ons, "Guarding the running fleet"); the two flags above
                   are mesh-trust-change and observability-tenant-change
  --wait SECONDS   how long to wait while another synth writes the same output folder; 0: fail at once
                                                                            default: ${DEFAULT_LOCK_WAIT_SECONDS}
  -h, --help       this text
  --version        fleetsynth's version

exit codes:
  0  done (check: the output folder is up to date)
  1  the fleet, the Terraform outputs or the generated output has problems, or the output folder
     holds something synth will not touch (a file in the way, a symlink) or cannot be written; each
     is listed on stderr; nothing was written
  2  bad command line
  3  check: the output folder is out of date (each added, changed, stale and kept file listed)
  4  unexpected failure; nothing was written (a failed write is rolled back)
  5  another synth is writing the output folder (its lock was held longer than --wait); nothing was written
  6  the output folder holds a half-applied commit: a roll-back failed, or check found an
     interrupted synth's; run synth again, it finishes the roll-back before anything else`;

const DEFAULTS = { fleet: 'apps/fleet.ts', out: 'dist', outputs: 'terraform-outputs' } as const;

export interface CliArgs {
  readonly command: 'synth' | 'check';
  readonly fleet: string;
  readonly out: string;
  readonly outputs: string;
  readonly check: boolean;
  /** Print a unified diff; implies check. */
  readonly diff: boolean;
  readonly strict: boolean;
  /** Type-check the fleet file first. */
  readonly types: boolean;
  /** Only these clusters' files (`--cluster`, in the order given); empty: the whole fleet. */
  readonly clusters: readonly string[];
  /** Apps whose deployAs may change (`--allow-deploy-as-change`). */
  readonly allowDeployAsChange: readonly string[];
  /** Applications may change root (`--allow-application-move`). */
  readonly allowApplicationMove: boolean;
  /** Clusters that may be gone from the fleet (`--allow-cluster-removal`). */
  readonly allowClusterRemoval: readonly string[];
  /** Apps that may be gone from the fleet or change namespace (`--allow-app-removal`). */
  readonly allowAppRemoval: readonly string[];
  /** gitops.path may change (`--allow-gitops-path-change`). */
  readonly allowGitopsPathChange: boolean;
  /** Stacks whose edits may replace infrastructure (`--allow-replace`). */
  readonly allowReplace: readonly string[];
  /** platform.secrets may come or go, the mesh's trust domain or ID or Vault's token audience change (`--allow-mesh-trust-change`). */
  readonly allowMeshTrustChange: boolean;
  /** platform.observability.tenant may change (`--allow-observability-tenant-change`). */
  readonly allowObservabilityTenantChange: boolean;
  /** Changes a guard refuses, by name (`--allow-change`). */
  readonly allowChanges: readonly string[];
  readonly waitSeconds: number;
  readonly help: boolean;
  readonly version: boolean;
  /** The options given on the command line, with their values, to repeat in hints. */
  readonly given: readonly string[];
  /** How the user runs synth, for hints: `npm run synth --`, `npx fleetsynth synth`, … @default 'npm run synth --' */
  readonly synthCommand?: string;
}

export interface InitArgs {
  readonly command: 'init';
  readonly dir: string;
  readonly name?: string;
  readonly repoURL?: string;
  readonly help: boolean;
}

const OPTIONS = {
  fleet: { type: 'string' },
  out: { type: 'string' },
  outputs: { type: 'string' },
  cluster: { type: 'string', multiple: true },
  'allow-deploy-as-change': { type: 'string', multiple: true },
  'allow-application-move': { type: 'boolean' },
  'allow-cluster-removal': { type: 'string', multiple: true },
  'allow-app-removal': { type: 'string', multiple: true },
  'allow-gitops-path-change': { type: 'boolean' },
  'allow-replace': { type: 'string', multiple: true },
  'allow-mesh-trust-change': { type: 'boolean' },
  'allow-observability-tenant-change': { type: 'boolean' },
  'allow-change': { type: 'string', multiple: true },
  check: { type: 'boolean' },
  diff: { type: 'boolean' },
  types: { type: 'boolean' },
  strict: { type: 'boolean' },
  wait: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

const INIT_OPTIONS = {
  name: { type: 'string' },
  repo: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** node:util's parse errors, reworded in this CLI's style (lowercase, the option named). */
function describeArgError(e: unknown, known: readonly string[]): string {
  const { code, message } = e as NodeJS.ErrnoException;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const option = /^-{1,2}[^\s,]+/.exec(quoted)?.[0] ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${JSON.stringify(option)}${didYouMean(option, known.map((k) => `--${k}`))}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${JSON.stringify(quoted)}; every value follows its option`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return /does not take/.test(message) ? `${option} takes no value` : `${option} needs a value`;
  return message.split('\n')[0];
}

const parseOptions = (argv: readonly string[]) => parseArgv({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false, tokens: true });

const COMMANDS = ['synth', 'check', 'init'] as const;

/**
 * The command line: a command (`synth`, `check` or `init`; none is `synth`, so `npm run synth --
 * --check` keeps working) and its options. A string is what is wrong with it.
 */
export function parseArgs(argv: readonly string[]): CliArgs | InitArgs | string {
  const [first, ...rest] = argv;
  if (first === 'init') return parseInitArgs(rest);
  if (first !== undefined && !first.startsWith('-') && !(COMMANDS as readonly string[]).includes(first)) {
    const suggestion = didYouMean(first, COMMANDS);
    return `unknown command ${JSON.stringify(first)}${suggestion || `; the commands are ${COMMANDS.join(', ')}`}`;
  }
  const command = first === 'check' ? 'check' : 'synth';
  const options = first === 'synth' || first === 'check' ? rest : argv;
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(options);
  } catch (e) {
    // node:util reads a value starting with "-" (`--wait -1`) as an option: say what is wrong with the value given.
    const negative = options.findIndex((a, i) => a === '--wait' && /^-\d/.test(options[i + 1] ?? ''));
    if (negative >= 0) return `--wait takes a number of seconds, 0 or more; given ${JSON.stringify(options[negative + 1])}`;
    return describeArgError(e, Object.keys(OPTIONS));
  }
  const { values, tokens } = parsed;
  for (const name of ['fleet', 'out', 'outputs', 'wait'] as const) if (values[name] === '') return `--${name} needs a value`;
  if ((values.cluster ?? []).includes('')) return '--cluster needs a value';
  if ((values['allow-deploy-as-change'] ?? []).includes('')) return '--allow-deploy-as-change needs a value';
  if ((values['allow-cluster-removal'] ?? []).includes('')) return '--allow-cluster-removal needs a value';
  if ((values['allow-app-removal'] ?? []).includes('')) return '--allow-app-removal needs a value';
  if ((values['allow-replace'] ?? []).includes('')) return '--allow-replace needs a value';
  let waitSeconds = DEFAULT_LOCK_WAIT_SECONDS;
  if (values.wait !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(values.wait)) return `--wait takes a number of seconds, 0 or more; given ${JSON.stringify(values.wait)}`;
    waitSeconds = Number(values.wait);
  }
  // In the order given; --check, --diff, --types, --help are not repeated in a hint to run synth.
  const given = tokens.flatMap((t) => (t.kind !== 'option' || ['check', 'diff', 'types', 'help', 'version'].includes(t.name) ? [] : t.value === undefined ? [`--${t.name}`] : [`--${t.name}`, t.value]));
  return {
    command,
    fleet: values.fleet ?? DEFAULTS.fleet,
    out: values.out ?? DEFAULTS.out,
    outputs: values.outputs ?? DEFAULTS.outputs,
    check: command === 'check' || Boolean(values.check || values.diff),
    diff: Boolean(values.diff),
    strict: Boolean(values.strict),
    types: Boolean(values.types),
    clusters: [...new Set(values.cluster ?? [])],
    allowDeployAsChange: [...new Set(values['allow-deploy-as-change'] ?? [])],
    allowApplicationMove: Boolean(values['allow-application-move']),
    allowClusterRemoval: [...new Set(values['allow-cluster-removal'] ?? [])],
    allowAppRemoval: [...new Set(values['allow-app-removal'] ?? [])],
    allowGitopsPathChange: Boolean(values['allow-gitops-path-change']),
    allowReplace: [...new Set(values['allow-replace'] ?? [])],
    allowMeshTrustChange: Boolean(values['allow-mesh-trust-change']),
    allowObservabilityTenantChange: Boolean(values['allow-observability-tenant-change']),
    allowChanges: [...new Set(values['allow-change'] ?? [])],
    waitSeconds,
    help: Boolean(values.help),
    version: Boolean(values.version),
    given,
  };
}

function parseInitArgs(argv: readonly string[]): InitArgs | string {
  let parsed;
  try {
    parsed = parseArgv({ args: [...argv], options: INIT_OPTIONS, strict: true, allowPositionals: true });
  } catch (e) {
    return describeArgError(e, Object.keys(INIT_OPTIONS)).replace('; every value follows its option', '');
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) return `init takes one folder; given ${positionals.map((p) => JSON.stringify(p)).join(' ')}`;
  for (const name of ['name', 'repo'] as const) if (values[name] === '') return `--${name} needs a value`;
  return { command: 'init', dir: positionals[0] ?? '.', ...(values.name ? { name: values.name } : {}), ...(values.repo ? { repoURL: values.repo } : {}), help: Boolean(values.help) };
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** The synth command that writes what this one checked, with the options the user gave (never --check or --diff). */
export function synthCommand(args: CliArgs): string {
  const command = args.synthCommand ?? 'npm run synth --';
  const base = command.endsWith(' --') ? command.slice(0, -3) : command;
  return args.given.length > 0 ? `${command} ${args.given.map(shellQuote).join(' ')}` : base;
}

/**
 * How the user runs synth, for hints: the package script that runs \`fleetsynth synth\` when synth
 * was started by npm (\`npm run synth --\`), \`npx fleetsynth synth\` under npx, else \`fleetsynth synth\`.
 */
export function synthInvocation(env: NodeJS.ProcessEnv): string {
  // npx (npm exec) sets npm_package_json too: the command typed was npx, whatever scripts there are.
  if (env.npm_command === 'exec') return 'npx fleetsynth synth';
  if (env.npm_package_json) {
    try {
      const scripts = (JSON.parse(fs.readFileSync(env.npm_package_json, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
      const runsSynth = (name: string) => /(^|\s|\/)(fleetsynth|fleetsynth\.js)\s+synth\s*$/.test(scripts[name] ?? '');
      const name = runsSynth('synth') ? 'synth' : Object.keys(scripts).find(runsSynth);
      if (name) return `npm run ${name} --`;
    } catch {
      // no readable package.json: fall through
    }
  }
  return 'fleetsynth synth';
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

const KEPT_WHY = {
  edited: 'no longer generated, but edited since synth wrote it: left in place, and no longer synth\'s',
  'not a regular file': 'no longer generated, but not a regular file: left in place',
} as const;

/**
 * Stack folders in the output folder without a cdk.tf.json: a stack synth no longer writes loses its
 * cdk.tf.json, but its folder stays while it holds files synth did not write (the lock file the
 * pipeline commits), which synth never deletes. The README's pipeline skips them; the user removes them.
 * (`terraform/stacks/` as render-fleet.ts writes it: importing that module here would load CDKTF.)
 */
export function leftoverStackFolders(outDir: string): string[] {
  const stacks = path.join(outDir, 'terraform', 'stacks');
  if (!fs.existsSync(stacks)) return [];
  return fs
    .readdirSync(stacks, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !fs.existsSync(path.join(stacks, e.name, 'cdk.tf.json')))
    .map((e) => `terraform/stacks/${e.name}/`)
    .sort();
}

export function summarize(result: SynthResult, args: CliArgs, leftovers: readonly string[] = []): string {
  const { plan } = result;
  const lines: string[] = [];
  const pending = result.pending.length > 0 ? ` (${result.pending.length} pending, no Terraform outputs yet: ${result.pending.join(', ')})` : '';
  lines.push(`clusters: ${result.clusters.length}${pending}`);
  if (result.pending.length > 0 && args.given.includes('--outputs') && !fs.existsSync(args.outputs)) lines.push(`--outputs ${args.outputs} does not exist: no cluster has Terraform outputs`);
  if (result.heldBack.length > 0) {
    lines.push('held back until the values they need exist:');
    for (const h of result.heldBack) lines.push(`  ${h.subject}: ${h.what} (waiting for ${h.waitingFor})`);
  }
  if (result.recovered === 'rolled-back') lines.push(`rolled back the half-applied commit of an interrupted synth first`);
  if (result.selected) {
    lines.push(`selected: ${result.selected.join(', ')} (--cluster: their folders, stacks and Argo CD objects; every other file is left as it is)`);
    // The other clusters' folders are not rendered, so what the selection changes there cannot be listed below.
    lines.push(`  the other clusters' folders are not rendered: what this changes in them (a mesh peer's remote secret or DestinationRule, the management cluster's fleet alerts) waits for a synth of the whole fleet; check without --cluster lists it`);
  }
  if (result.notSelected && result.notSelected.length > 0) {
    lines.push(`left as they are, though a synth of the whole fleet would change them (${result.notSelected.length}):`);
    for (const p of result.notSelected.slice(0, 20)) lines.push(`  not selected: ${p}`);
    if (result.notSelected.length > 20) lines.push(`  … and ${result.notSelected.length - 20} more`);
  }
  const kept = [
    ...plan.kept.map((k) => `  kept:    ${k.path} (${KEPT_WHY[k.reason]})`),
    ...leftovers.map((f) => `  left:    ${f} (no stack any more, only files synth did not write, such as its lock file: once the stack is destroyed, git rm -r it)`),
  ];
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
  if (e instanceof CommandLineError) return { code: 2, text: `fleetsynth: ${e.message}\nnothing was written.` };
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

function runInit(args: InitArgs): number {
  if (args.help) {
    process.stdout.write(`${INIT_USAGE}\n`);
    return 0;
  }
  try {
    const result = initRepo({ dir: args.dir, ...(args.name ? { name: args.name } : {}), ...(args.repoURL ? { repoURL: args.repoURL } : {}) });
    for (const f of result.written) process.stdout.write(`  wrote:   ${f}\n`);
    for (const f of result.merged) process.stdout.write(`  updated: ${f}\n`);
    for (const f of result.kept) process.stdout.write(`  kept:    ${f} (exists; left as it is)\n`);
    for (const w of result.warnings) process.stderr.write(`fleetsynth: warning: ${w}\n`);
    process.stdout.write(`${result.next}\n`);
    return 0;
  } catch (e) {
    if (e instanceof FleetError) {
      process.stderr.write(`fleetsynth: ${e.message}\nnothing was written.\n`);
      return e instanceof CommandLineError ? 2 : 1;
    }
    process.stderr.write(`fleetsynth: init failed: ${(e as Error)?.stack ?? String(e)}\n`);
    return 4;
  }
}

export interface MainOptions {
  /** How the user runs synth, for hints. @default 'npm run synth --' */
  readonly synthCommand?: string;
}

/**
 * `--outputs` names a folder, or nothing yet: a file there is a mistake in the command line. A folder
 * that does not exist is the state before the first `terraform apply` (every cluster pending; the
 * testing kit's `outputs: 'none'` reads it so), so it is not refused; the summary says it is missing
 * when it was given explicitly (a typo), and `--strict` refuses what that leaves pending. `--out` names
 * a folder too, or one synth will make.
 */
function checkFolderOptions(args: CliArgs): void {
  const notFolder = (option: '--outputs' | '--out', dir: string, allowed: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch {
      return;
    }
    if (!stat.isDirectory()) throw new CommandLineError([{ path: option, message: 'not a folder', given: JSON.stringify(dir), allowed }]);
  };
  notFolder('--outputs', args.outputs, 'the folder of Terraform outputs, one <stack>.json (terraform output -json) per stack');
  // A file there failed as an unexpected error (exit 4, with a stack trace) when synth made its work folder in it.
  notFolder('--out', args.out, 'the output folder (it may not exist yet), or a symlink to one');
}

/** The fleet's own problems (its validation and its add-ons'), for `--types` to report beside the type errors. */
function validationProblems(fleet: unknown): readonly Problem[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prepareFleet } = require('../synth/synth') as typeof import('../synth/synth');
  try {
    prepareFleet(fleet);
    return [];
  } catch (e) {
    if (e instanceof FleetError) return e.problems;
    throw e;
  }
}

/** Runs one command line; returns the exit code. */
export function main(argv: readonly string[], options: MainOptions = {}): number {
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    // init's own options, not synth's, under a mistake in an init command line
    process.stderr.write(`fleetsynth: ${parsed}\n\n${argv[0] === 'init' ? INIT_USAGE : USAGE}\n`);
    return 2;
  }
  if (parsed.command === 'init') return runInit(parsed);
  const args: CliArgs = { ...parsed, ...(options.synthCommand ? { synthCommand: options.synthCommand } : {}) };
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.version) {
    process.stdout.write(`${ownPackage().version}\n`);
    return 0;
  }
  try {
    checkFolderOptions(args);
    const options: SynthOptions = {
      outDir: args.out,
      outputsDir: args.outputs,
      check: args.check,
      strict: args.strict,
      waitSeconds: args.waitSeconds,
      ...(args.clusters.length > 0 ? { clusters: args.clusters } : {}),
      ...(args.allowDeployAsChange.length > 0 ? { allowDeployAsChange: args.allowDeployAsChange } : {}),
      ...(args.allowApplicationMove ? { allowApplicationMove: true } : {}),
      ...(args.allowClusterRemoval.length > 0 ? { allowClusterRemoval: args.allowClusterRemoval } : {}),
      ...(args.allowAppRemoval.length > 0 ? { allowAppRemoval: args.allowAppRemoval } : {}),
      ...(args.allowGitopsPathChange ? { allowGitopsPathChange: true } : {}),
      ...(args.allowReplace.length > 0 ? { allowReplace: args.allowReplace } : {}),
      ...(args.allowMeshTrustChange ? { allowMeshTrustChange: true } : {}),
      ...(args.allowObservabilityTenantChange ? { allowObservabilityTenantChange: true } : {}),
      ...(args.allowChanges.length > 0 ? { allowChanges: args.allowChanges } : {}),
    };
    // A JSON or YAML fleet whose bytes, outputs and output folder are as the last synth left them
    // needs neither loading nor rendering (see lib/synth/output-stamp.ts): nothing heavy is loaded then.
    const fleetFingerprint = args.types ? undefined : fleetFileFingerprint(args.fleet);
    const key = fleetFingerprint === undefined ? undefined : stampKey(undefined, { ...options, fleetFingerprint });
    const cache = openCache(undefined);
    let result = key && upToDateResult(cache, key);
    if (!result) {
      // The schema check's worker starts on the other core while this thread loads the fleet, and loads
      // its validators while this thread loads cdk8s, CDKTF and the providers (synth would start it
      // only after those); which ones, the fleet decides (kindsToWarm).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const schema = require('../synth/schema-validation') as typeof import('../synth/schema-validation');
      schema.warmSchemaCheck();
      const fleet = loadFleet(args.fleet);
      schema.warmSchemaCheck(schema.kindsToWarm(cache, fleet, options));
      if (args.types) typeCheckFleet(args.fleet, () => validationProblems(fleet));
      // The file read again: if it changed while it was loaded, what was loaded is not what was
      // fingerprinted, and synth keys its result by the loaded data instead.
      const loaded = fleetFingerprint !== undefined && fleetFileFingerprint(args.fleet) === fleetFingerprint ? fleetFingerprint : undefined;
      // Loaded here: rendering loads cdk8s, CDKTF and the providers (~0.6 s).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { synth } = require('../synth/synth') as typeof import('../synth/synth');
      result = synth(fleet, { ...options, ...(loaded !== undefined ? { fleetFingerprint: loaded } : {}) });
    }
    process.stdout.write(`${summarize(result, args, leftoverStackFolders(args.out))}\n`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (args.diff && !result.upToDate) process.stdout.write((require('../synth/plan-diff') as typeof import('../synth/plan-diff')).unifiedDiff(result.plan));
    for (const w of result.warnings) process.stderr.write(`fleetsynth: warning: ${w}\n`);
    return args.check && !result.upToDate ? 3 : 0;
  } catch (e) {
    const { code, text } = describeFailure(e, args);
    process.stderr.write(`${text}\n`);
    return code;
  }
}
