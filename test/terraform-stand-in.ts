import { createHash } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

/*
 * A stand-in for `terraform` (after the one the pipeline review used), for scripts a test runs: a
 * bash script named `terraform` that hands each call to this object over a local TCP connection
 * (bash's /dev/tcp) and prints its answer. The logic runs here, in the test's process: a Node process
 * per call cost ~150 ms, and a pipeline run makes ~70 calls. It does what real Terraform does that
 * matters to the README's pipeline:
 *   - `-chdir` to a folder that does not exist fails as Terraform's does; a folder without a
 *     configuration initialises "empty" and then fails to plan ("No configuration files");
 *   - `init` writes `.terraform.lock.hcl` with the exact versions the configuration pins and, like
 *     Terraform (Dependency Lock File), refuses a lock file that selected another version unless
 *     given `-upgrade`;
 *   - plan, apply and output need the TF_DATA_DIR init initialised (a backend must be initialised);
 *   - `output -json` prints the stack's fake outputs limited to those the stack declares, or fails,
 *     printing nothing, for the stack `failOutput` names.
 * Every call is recorded, with the sha256 of the stack's cdk.tf.json (of the plan's, for apply).
 */

export interface TerraformCall {
  readonly command: string;
  readonly stack: string;
  readonly args: readonly string[];
  /** Where Terraform's working files went (TF_DATA_DIR). */
  readonly dataDir: string;
  /** The JWT the vault provider would log in with (TERRAFORM_VAULT_AUTH_JWT), when set. */
  readonly vaultJwt?: string;
  readonly sha?: string;
  /** `output`: declared outputs the fakes have no value for. */
  readonly missing?: readonly string[];
}

interface Answer {
  readonly status: number;
  readonly stdout?: string;
  readonly stderr?: string;
}

const INITIALISED = 'stand-in-initialised';

export class TerraformStandIn {
  readonly calls: TerraformCall[] = [];
  /** A stack whose `terraform output` fails. */
  failOutput: string | undefined;
  private readonly server = net.createServer((socket) => this.serve(socket));

  /** `fakes`: each stack's `terraform output -json` once applied, by stack name. */
  constructor(private readonly fakes: ReadonlyMap<string, Record<string, unknown>>) {}

  /** Listens, and writes the `terraform` script into `bin`. */
  async start(bin: string): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as net.AddressInfo;
    fs.mkdirSync(bin, { recursive: true });
    // Request: the folder, TF_DATA_DIR, TERRAFORM_VAULT_AUTH_JWT, the number of arguments, then one per line. Answer: "<status> <fd>", then what to print there.
    const script = [
      '#!/usr/bin/env bash',
      // Another workspace than the default puts each state elsewhere (S3: under env:/) than where synth's state-backend guards look.
      '[ -z "${TF_WORKSPACE-}" ] || { echo "terraform stand-in: TF_WORKSPACE=$TF_WORKSPACE: every stack\'s state is the default workspace\'s" >&2; exit 1; }',
      `exec 3<>/dev/tcp/127.0.0.1/${port} || exit 70`,
      'printf \'%s\\n\' "$PWD" "${TF_DATA_DIR-}" "${TERRAFORM_VAULT_AUTH_JWT-}" "$#" "$@" >&3',
      'read -r status fd <&3',
      'cat <&3 >&"$fd"',
      'exit "$status"',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(bin, 'terraform'), script, { mode: 0o755 });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private serve(socket: net.Socket): void {
    let received = '';
    let answered = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      if (answered) return;
      received += chunk;
      const lines = received.split('\n');
      if (lines.length < 5 || lines.length - 1 < 4 + Number(lines[3])) return;
      answered = true;
      const [cwd, dataDir, vaultJwt, count, ...rest] = lines;
      let answer: Answer;
      try {
        answer = this.call(cwd, dataDir, vaultJwt, rest.slice(0, Number(count)));
      } catch (e) {
        answer = { status: 1, stderr: `terraform stand-in: ${(e as Error).stack ?? String(e)}\n` };
      }
      const fd = answer.stderr !== undefined ? 2 : 1;
      socket.end(`${answer.status} ${fd}\n${answer.stderr ?? answer.stdout ?? ''}`);
    });
  }

  private call(cwd: string, dataDirEnv: string, vaultJwt: string, argv: string[]): Answer {
    let dir = '.';
    if (argv[0]?.startsWith('-chdir=')) dir = argv.shift()!.slice('-chdir='.length);
    const [command, ...args] = argv;
    const folder = path.resolve(cwd, dir);
    const stack = path.basename(folder);
    const dataDir = dataDirEnv || path.join(folder, '.terraform');
    const record = (extra: Partial<TerraformCall> = {}) => this.calls.push({ command, stack, args, dataDir, ...(vaultJwt ? { vaultJwt } : {}), ...extra });
    const fail = (message: string): Answer => ({ status: 1, stderr: `${message}\n` });
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
      record();
      return fail(`Error handling -chdir option: chdir ${dir}: no such file or directory`);
    }
    const hasConfig = fs.readdirSync(folder).some((f) => f.endsWith('.tf') || f.endsWith('.tf.json'));
    const configFile = path.join(folder, 'cdk.tf.json');
    const configText = fs.existsSync(configFile) ? fs.readFileSync(configFile, 'utf8') : undefined;
    const config = configText === undefined ? undefined : (JSON.parse(configText) as { terraform?: { required_providers?: Record<string, { source?: string; version: string }> }; output?: Record<string, unknown> });
    const sha = configText === undefined ? undefined : createHash('sha256').update(configText).digest('hex');
    const initialised = fs.existsSync(path.join(dataDir, INITIALISED));
    const notInitialised = fail('Error: Backend initialization required, please run "terraform init"');

    switch (command) {
      case 'init': {
        record({ sha });
        if (!hasConfig) return { status: 0, stdout: 'Terraform initialized in an empty directory!\n' };
        const pinned = new Map(
          Object.entries(config?.terraform?.required_providers ?? {}).map(([name, p]) => {
            const source = p.source ?? name;
            const address = source.split('/').length === 3 ? source : `registry.terraform.io/${source.includes('/') ? source : `hashicorp/${source}`}`;
            return [address, p.version];
          }),
        );
        const lockFile = path.join(folder, '.terraform.lock.hcl');
        if (fs.existsSync(lockFile) && !args.includes('-upgrade')) {
          const locked = new Map([...fs.readFileSync(lockFile, 'utf8').matchAll(/provider "([^"]+)" \{\s*version\s*=\s*"([^"]+)"/g)].map((m) => [m[1], m[2]]));
          for (const [address, version] of pinned) {
            const selected = locked.get(address);
            if (selected !== undefined && selected !== version) {
              return fail(`Error: Failed to query available provider packages\n\nCould not retrieve the list of available versions for provider ${address.split('/').slice(1).join('/')}: locked provider ${address} ${selected} does not match configured version constraint ${version}; must use terraform init -upgrade to allow selection of new versions`);
            }
          }
        }
        const blocks = [...pinned].sort(([a], [b]) => (a < b ? -1 : 1)).map(([address, version]) => `provider "${address}" {\n  version     = "${version}"\n  constraints = "${version}"\n}\n`);
        fs.writeFileSync(lockFile, `# This file is maintained automatically by "terraform init".\n# Manual edits may be lost in future updates.\n\n${blocks.join('\n')}`);
        fs.mkdirSync(dataDir, { recursive: true });
        fs.writeFileSync(path.join(dataDir, INITIALISED), '');
        return { status: 0, stdout: 'Terraform has been successfully initialized!\n' };
      }
      case 'plan': {
        record({ sha });
        if (!initialised) return notInitialised;
        if (!hasConfig) return fail('Error: No configuration files');
        const out = args.find((a) => a.startsWith('-out='));
        if (out) fs.writeFileSync(path.resolve(cwd, out.slice('-out='.length)), JSON.stringify({ stack, sha }));
        return { status: 0, stdout: `Saved the plan of ${stack}\n` };
      }
      case 'apply': {
        const planFile = args.find((a) => !a.startsWith('-'));
        const plan = planFile && fs.existsSync(path.resolve(cwd, planFile)) ? (JSON.parse(fs.readFileSync(path.resolve(cwd, planFile), 'utf8')) as { stack: string; sha: string }) : undefined;
        // What is applied is what was planned, even if the configuration changed since.
        record({ sha: plan?.sha });
        if (!initialised) return notInitialised;
        if (!plan || plan.stack !== stack) return fail(`Error: Failed to load "${planFile}" as a plan file of ${stack}`);
        return { status: 0, stdout: 'Apply complete!\n' };
      }
      case 'output': {
        const all = this.fakes.get(stack) ?? {};
        const declared = Object.keys(config?.output ?? {});
        record({ sha, missing: declared.filter((k) => !(k in all)) });
        if (!initialised) return notInitialised;
        if (this.failOutput === stack) return fail('Error: Failed to load state: AccessDenied');
        return { status: 0, stdout: `${JSON.stringify(Object.fromEntries(declared.filter((k) => k in all).map((k) => [k, all[k]])), null, 2)}\n` };
      }
      default:
        record();
        return fail(`terraform stand-in: ${command} is not stood in for`);
    }
  }
}
