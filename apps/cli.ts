import * as fs from 'fs';
import * as path from 'path';
import { FLEET_DOCUMENT_EXTENSIONS, FleetError, parseFleetDocument } from '../lib/fleet';
import { StageTiming, synth, SynthResult } from '../lib/synth';

export const USAGE = `usage: npm run synth -- [options]

Validates the fleet and writes its Kubernetes manifests and Terraform stacks into the output folder.

options:
  --fleet FILE     fleet definition: .ts/.js exporting \`fleet\` (or a default export),
                   or a .json/.yaml fleet                                  default: apps/fleet.ts
  --out DIR        output folder                                            default: dist
  --outputs DIR    Terraform outputs, one \`terraform output -json\` per cluster as <cluster>.json
                                                                            default: terraform-outputs
  --check          write nothing; exit 3 when the output folder differs from what synth would write
  --strict         a cluster without Terraform outputs (pending) is an error
  -h, --help       this text

exit codes:
  0  done (with --check: the output folder is up to date)
  1  the fleet, the Terraform outputs or the generated output has problems (each listed on stderr)
  2  bad command line
  3  --check: the output folder is out of date (each added, changed and stale file listed)
  4  unexpected failure; the output folder is left as it was`;

export interface CliArgs {
  readonly fleet: string;
  readonly out: string;
  readonly outputs: string;
  readonly check: boolean;
  readonly strict: boolean;
  readonly help: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs | string {
  const args = { fleet: 'apps/fleet.ts', out: 'dist', outputs: 'terraform-outputs', check: false, strict: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--fleet':
      case '--out':
      case '--outputs': {
        const v = value();
        if (!v || v.startsWith('--')) return `${flag} needs a value`;
        args[flag.slice(2) as 'fleet' | 'out' | 'outputs'] = v;
        break;
      }
      case '--check':
        args.check = true;
        break;
      case '--strict':
        args.strict = true;
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      default:
        return `unknown option ${JSON.stringify(arg)}`;
    }
  }
  return args;
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

export function summarize(result: SynthResult, args: CliArgs): string {
  const { plan } = result;
  const lines: string[] = [];
  const pending = result.pending.length > 0 ? ` (${result.pending.length} pending, no Terraform outputs yet: ${result.pending.join(', ')})` : '';
  lines.push(`clusters: ${result.clusters.length}${pending}`);
  if (result.heldBack.length > 0) {
    lines.push('held back until the values they need exist:');
    for (const h of result.heldBack) lines.push(`  ${h.subject}: ${h.what} (waiting for ${h.waitingFor})`);
  }
  if (args.check) {
    for (const f of plan.added) lines.push(`  added:   ${f.path}`);
    for (const f of plan.changed) lines.push(`  changed: ${f.path}`);
    for (const p of plan.stale) lines.push(`  stale:   ${p}`);
    lines.push(result.upToDate ? `${args.out}/ is up to date (${plan.unchanged.length} files)` : `${args.out}/ is out of date: ${plan.added.length} added, ${plan.changed.length} changed, ${plan.stale.length} stale; run npm run synth`);
  } else {
    lines.push(`files: ${plan.added.length + plan.changed.length} written, ${plan.unchanged.length} unchanged, ${plan.stale.length} removed (in ${args.out}/)`);
  }
  const detail = (t: StageTiming) => (t.detail ? ` (${t.detail.map((d) => `${d.stage} ${formatMs(d.ms)}`).join(', ')})` : '');
  lines.push(`time: ${result.timings.map((t) => `${t.stage} ${formatMs(t.ms)}${detail(t)}`).join(', ')}`);
  return lines.join('\n');
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
    const result = synth(fleet, { outDir: args.out, outputsDir: args.outputs, check: args.check, strict: args.strict });
    process.stdout.write(`${summarize(result, args)}\n`);
    return args.check && !result.upToDate ? 3 : 0;
  } catch (e) {
    if (e instanceof FleetError) {
      process.stderr.write(`fleetsynth: ${e.message}\nnothing was written.\n`);
      return 1;
    }
    process.stderr.write(`fleetsynth: unexpected failure, nothing was written: ${(e as Error).stack ?? String(e)}\n`);
    return 4;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
