import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { EKS_ROOT_DEVICE } from '../lib/infra/eks-node-launch-template';
import { readmeBlock } from './readme-block';
import { tempDir } from './tree';

/*
 * The README's move of every EKS node group to the latest AMI release of its minor (*Node security patches*,
 * the sh block between `<!-- eks-node-patch:begin -->` and `<!-- eks-node-patch:end -->`), run as written with
 * bash and a stand-in `aws` that records its calls and answers as EKS and SSM would. What it must do: compare each
 * group's release with the one SSM recommends for its minor and AMI type, update only the groups behind it, with
 * nothing but the group named (no version, release, launch template or force: EKS API UpdateNodegroupVersion then
 * takes the latest release of the group's minor, and without force the drain respects PodDisruptionBudgets), one
 * group at a time, waiting for each update to end, and stop at the first that fails or that EKS refuses to start.
 * The stand-in takes only the options each command has (CLI_OPTIONS), so a misspelt or misplaced one fails the run
 * as the AWS CLI would (AWS CLI User Guide, "Command line return codes": 252 for a command's syntax, 254 for an
 * error the service returned).
 */

const UNIT = '\x1f';

/**
 * The options of each command the block runs, required first (AWS CLI Command Reference, docs.aws.amazon.com/cli/latest/reference:
 * eks/list-nodegroups, eks/describe-nodegroup, ssm/get-parameter, eks/update-nodegroup-version, eks/describe-update), and
 * the global ones the block uses (--region, --query, --output). The AWS CLI refuses any other (exit 252).
 */
const CLI_OPTIONS: Readonly<Record<string, { readonly required: readonly string[]; readonly optional: readonly string[] }>> = {
  'eks list-nodegroups': { required: ['--cluster-name'], optional: ['--max-items', '--starting-token', '--page-size'] },
  'eks describe-nodegroup': { required: ['--cluster-name', '--nodegroup-name'], optional: [] },
  'ssm get-parameter': { required: ['--name'], optional: ['--with-decryption'] },
  'eks update-nodegroup-version': { required: ['--cluster-name', '--nodegroup-name'], optional: ['--version', '--release-version', '--launch-template', '--force', '--client-request-token'] },
  'eks describe-update': { required: ['--name', '--update-id'], optional: ['--nodegroup-name', '--addon-name'] },
};
const GLOBAL_OPTIONS = ['--region', '--query', '--output'];

/** bash: exits 252 with the AWS CLI's message unless the call's options are its command's, each once with a non-empty value (every option the block may pass takes one). */
const optionCheck = Object.entries(CLI_OPTIONS)
  .map(([command, { required, optional }]) => {
    const known = [...required, ...optional, ...GLOBAL_OPTIONS].join('|');
    return `  ${JSON.stringify(command)}) known='^(${known})$' required=${JSON.stringify(required.join(' '))} ;;`;
  })
  .join('\n');

/** What the stand-in answers: EKS refuses to start the update (`refused`), or it ends Successful or Failed. */
interface Group { readonly name: string; readonly ami: string; readonly release: string; readonly result?: 'Successful' | 'Failed' | 'refused' }

/** Runs `block` against groups of a 1.35 cluster whose latest releases `latest` gives per SSM path; returns its exit status, calls and output. */
function runAgainstStandIn(block: string, groups: readonly Group[], latest: Readonly<Record<string, string>>) {
  const work = tempDir('fleetsynth-aws-');
  const bin = path.join(work, 'bin');
  const state = path.join(work, 'state');
  const log = path.join(work, 'aws.log');
  fs.mkdirSync(bin);
  fs.mkdirSync(state);
  for (const g of groups) {
    fs.writeFileSync(path.join(state, `group-${g.name}`), `1.35\t${g.ami}\t${g.release}\n`);
    fs.writeFileSync(path.join(state, `result-${g.name}`), `${g.result ?? 'Successful'}\n`);
  }
  fs.writeFileSync(path.join(state, 'groups'), `${groups.map((g) => g.name).join('\t')}\n`);
  for (const [ssm, release] of Object.entries(latest)) fs.writeFileSync(path.join(state, `ssm-${ssm.replace(/\//g, '_')}`), `${release}\n`);
  // Each update is InProgress at its first poll, then its result. The text output of a list: tab-separated.
  fs.writeFileSync(path.join(bin, 'aws'), `#!/bin/bash
printf '%s${UNIT}' "$@" >> ${JSON.stringify(log)}; echo >> ${JSON.stringify(log)}
usage() { echo "aws: error: $*" >&2; exit 252; }
case "$1 $2" in
${optionCheck}
  *) usage "no such command: $1 $2" ;;
esac
seen=' '
for ((i = 3; i <= $#; i += 2)); do
  o=\${!i} j=$((i + 1)); v=\${!j}
  [[ $o =~ $known ]] || usage "unknown option $o for $1 $2"
  [[ $seen == *" $o "* ]] && usage "$o given twice"
  [ -n "$v" ] || usage "$o needs a value"
  seen+="$o "
done
for o in $required; do [[ $seen == *" $o "* ]] || usage "the following arguments are required: $o"; done
arg() { local want=$1; shift; while [ $# -gt 0 ]; do [ "$1" = "$want" ] && { echo "$2"; return; }; shift; done; }
g=$(arg --nodegroup-name "$@") id=$(arg --update-id "$@") name=$(arg --name "$@") query=$(arg --query "$@")
S=${JSON.stringify(state)}
case "$1 $2" in
  "eks list-nodegroups") cat "$S/groups" ;;
  "eks describe-nodegroup") cat "$S/group-$g" ;;
  "ssm get-parameter") cat "$S/ssm-\${name//\\//_}" ;;
  "eks update-nodegroup-version")
    if [ "$(cat "$S/result-$g")" = refused ]; then
      echo "An error occurred (ResourceInUseException) when calling the UpdateNodegroupVersion operation: Nodegroup $g is currently being updated" >&2; exit 254
    fi
    echo "update-$g" ;;
  "eks describe-update")
    if [ "$query" = update.status ]; then
      if [ -e "$S/polled-$id" ]; then cat "$S/result-$g"; else touch "$S/polled-$id"; echo InProgress; fi
    else echo '[{"errorCode":"PodEvictionFailure"}]'; fi ;;
  *) exit 1 ;;
esac
`, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'sleep'), `#!/bin/bash\nprintf 'sleep%s\\n' "${UNIT}$1" >> ${JSON.stringify(log)}\n`, { mode: 0o755 });
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
  delete env.BASH_ENV;
  delete env.SHELLOPTS;
  const run = spawnSync('bash', ['-c', block], { cwd: work, env, encoding: 'utf8' });
  const calls = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.split(UNIT).filter(Boolean));
  return { status: run.status, calls, stdout: run.stdout, stderr: run.stderr };
}

/** The README's block run against the stand-in: every call one the AWS CLI takes; stderr holds what it printed of refused updates. */
function runBlock(groups: readonly Group[], latest: Readonly<Record<string, string>>) {
  const run = runAgainstStandIn(readmeBlock('eks-node-patch'), groups, latest);
  expect(run.stderr).not.toMatch(/^aws: error/m);
  expect(run.status).toBe(0);
  return run;
}

const ssmName = (ssm: string) => `/aws/service/eks/optimized-ami/1.35/amazon-linux-2023/${ssm}/recommended/release_version`;
const latest = { [ssmName('x86_64/standard')]: '1.35.2-20261120', [ssmName('arm64/standard')]: '1.35.2-20261120', [ssmName('x86_64/nvidia')]: '1.35.2-20261118' };

test('every AMI type fleetsynth gives a group has its SSM path in the block', () => {
  const block = readmeBlock('eks-node-patch');
  for (const amiType of Object.keys(EKS_ROOT_DEVICE)) expect(block).toMatch(new RegExp(`\\b${amiType}\\) ssm=`));
});

test('the groups behind their recommended release are updated one at a time, each to its end, with nothing but the group named; a group on it is left alone', () => {
  const { calls, stdout, stderr } = runBlock([
    { name: 'system-a-1', ami: 'AL2023_x86_64_STANDARD', release: '1.35.0-20260724' },
    { name: 'arm-b-2', ami: 'AL2023_ARM_64_STANDARD', release: '1.35.0-20260724' },
    { name: 'spot-c-3', ami: 'AL2023_x86_64_STANDARD', release: '1.35.2-20261120' },
    { name: 'gpu-a-4', ami: 'AL2023_x86_64_NVIDIA', release: '1.35.0-20260724' },
  ], latest);
  // The release each group is compared with: its own minor's and AMI type's.
  expect(calls.filter((c) => c[1] === 'get-parameter').map((c) => c[c.indexOf('--name') + 1])).toEqual([
    ssmName('x86_64/standard'), ssmName('arm64/standard'), ssmName('x86_64/standard'), ssmName('x86_64/nvidia'),
  ]);
  const updates = calls.map((c, i) => [c, i] as const).filter(([c]) => c[1] === 'update-nodegroup-version');
  expect(updates.map(([c]) => c)).toEqual(['system-a-1', 'arm-b-2', 'gpu-a-4'].map((g) => ['eks', 'update-nodegroup-version', '--region', 'us-west-2', '--cluster-name', 'aws-prod', '--nodegroup-name', g, '--query', 'update.id', '--output', 'text']));
  // Each update is polled until it ends before the next starts.
  for (const [k, [c, i]] of updates.entries()) {
    const next = k + 1 < updates.length ? updates[k + 1][1] : calls.length;
    const polls = calls.slice(i, next).filter((p) => p[1] === 'describe-update');
    expect(polls.map((p) => p[p.indexOf('--update-id') + 1])).toEqual([`update-${c[7]}`, `update-${c[7]}`]);
    expect(calls.slice(i, next).filter((p) => p[0] === 'sleep')).toHaveLength(1);
  }
  expect(stderr).toBe('');
  expect(stdout).toContain('spot-c-3: on 1.35.2-20261120');
  expect(stdout).toContain('gpu-a-4: 1.35.0-20260724 -> 1.35.2-20261118 (update update-gpu-a-4)');
});

test('a failed update stops the loop and prints its errors: the groups after it are not touched', () => {
  const { calls, stdout } = runBlock([
    { name: 'system-a-1', ami: 'AL2023_x86_64_STANDARD', release: '1.35.0-20260724', result: 'Failed' },
    { name: 'system-b-2', ami: 'AL2023_x86_64_STANDARD', release: '1.35.0-20260724' },
  ], latest);
  expect(calls.filter((c) => c[1] === 'update-nodegroup-version').map((c) => c[7])).toEqual(['system-a-1']);
  expect(calls.some((c) => c.includes('system-b-2') && c[1] !== 'list-nodegroups')).toBe(false);
  expect(stdout).toContain('system-a-1: Failed');
  expect(stdout).toContain('PodEvictionFailure');
});

test('an update EKS refuses to start (another update of the group in flight) stops the loop with the CLI\'s reason: it polls no update and touches no later group', () => {
  const { calls, stdout, stderr } = runBlock([
    { name: 'system-a-1', ami: 'AL2023_x86_64_STANDARD', release: '1.35.0-20260724', result: 'refused' },
    { name: 'system-b-2', ami: 'AL2023_x86_64_STANDARD', release: '1.35.0-20260724' },
  ], latest);
  expect(stderr).toContain('ResourceInUseException');
  expect(stdout).toBe('system-a-1: no update started\n');
  expect(calls.filter((c) => c[1] === 'describe-update')).toEqual([]);
  expect(calls.some((c) => c.includes('system-b-2') && c[1] !== 'list-nodegroups')).toBe(false);
});

test('the stand-in refuses what the AWS CLI refuses: an option of another command, a required one left out, an empty value', () => {
  const block = readmeBlock('eks-node-patch');
  const groups = [{ name: 'system-a-1', ami: 'AL2023_x86_64_STANDARD', release: '1.35.0-20260724' }];
  expect(runAgainstStandIn(block, groups, latest).stderr).toBe('');
  for (const [from, to, error] of [
    ['--name "$cluster" --nodegroup-name "$g" --update-id', '--cluster-name "$cluster" --nodegroup-name "$g" --update-id', 'unknown option --cluster-name for eks describe-update'],
    ['--update-id "$id" --query update.status', '--query update.status', 'the following arguments are required: --update-id'],
    ['--cluster-name "$cluster" --nodegroup-name "$g" --query update.id', '--cluster-name "" --nodegroup-name "$g" --query update.id', '--cluster-name needs a value'],
  ]) {
    expect(block).toContain(from);
    expect(runAgainstStandIn(block.split(from).join(to), groups, latest).stderr).toContain(`aws: error: ${error}`);
  }
});
