import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { splitAcrossZones } from '../lib/fleet/eks-node-groups';
import { readmeBlock } from './readme-block';
import { tempDir } from './tree';

/*
 * The README's resizing of an EKS pool's node groups before an apply that raises minSize above (or lowers
 * maxSize below) a group's size (*Changing node pools*, the sh block between `<!-- eks-pool-resize:begin -->`
 * and `<!-- eks-pool-resize:end -->`), run as written with bash and a stand-in `aws` that answers from a
 * table of node groups and records the updates. Each group must get its zone's share of the bounds, as the
 * stack splits them, and keep the size the autoscaler gave it, brought within them: EKS terminates nodes
 * when a group's desired size goes below its running nodes and launches them when it goes above (EKS API
 * Reference, NodegroupScalingConfig: "If this parameter is given a value that is smaller than the current
 * number of running worker nodes, the necessary number of worker nodes are terminated").
 */

interface Group { readonly name: string; readonly pool: string; readonly desired: number }

/** Runs the block for `pool` with `min` and `max` over `groups`; the scaling configs it sent, by group. */
function resize(groups: readonly Group[], pool: string, min: number, max: number, zones = ''): Record<string, string> {
  const work = tempDir('fleetsynth-aws-');
  const bin = path.join(work, 'bin');
  const log = path.join(work, 'aws.log');
  fs.mkdirSync(bin);
  const answers = groups.flatMap((g) => [
    `[[ "$*" == *"describe-nodegroup --cluster-name aws-prod --nodegroup-name ${g.name} --query nodegroup.labels.\\"fleetsynth.io/node-pool\\" --output text" ]] && { echo ${g.pool}; exit 0; }`,
    `[[ "$*" == *"describe-nodegroup --cluster-name aws-prod --nodegroup-name ${g.name} --query nodegroup.scalingConfig.desiredSize --output text" ]] && { echo ${g.desired}; exit 0; }`,
  ]);
  // Tab-separated on one line, as the CLI's text output prints a list.
  const list = groups.map((g) => g.name).join('\\t');
  fs.writeFileSync(path.join(bin, 'aws'), [
    '#!/bin/bash',
    `[[ "$*" == "eks list-nodegroups --cluster-name aws-prod --query nodegroups[] --output text" ]] && { printf '${list}\\n'; exit 0; }`,
    ...answers,
    `[[ "$1 $2" == "eks update-nodegroup-config" ]] && { echo "$6 $8" >> ${JSON.stringify(log)}; exit 0; }`,
    'echo "unexpected: aws $*" >&2; exit 1',
    '',
  ].join('\n'), { mode: 0o755 });
  const script = readmeBlock('eks-pool-resize').replace(/^cluster=\S+ pool=\S+ min=\S+ max=\S+/m, `cluster=aws-prod pool=${pool} min=${min} max=${max}`)
    .replace(/^zones=/m, `zones=${JSON.stringify(zones)}`);
  const { BASH_ENV, SHELLOPTS, ...env } = process.env;
  const r = spawnSync('bash', ['-c', script], { cwd: work, encoding: 'utf8', env: { ...env, PATH: `${bin}${path.delimiter}${process.env.PATH}` } });
  expect(`${r.status}\n${r.stderr}`).toBe('0\n');
  const sent = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  return Object.fromEntries(sent.map((l) => l.split(' ') as [string, string]));
}

// Listed out of zone order, with another pool's group among them: the block sorts the pool's by name.
const GROUPS: Group[] = [
  { name: 'spot-c-20250101000000000000000003', pool: 'spot', desired: 1 },
  { name: 'system-a-20250101000000000000000009', pool: 'system', desired: 2 },
  { name: 'spot-a-20250101000000000000000001', pool: 'spot', desired: 5 },
  { name: 'spot-b-20250101000000000000000002', pool: 'spot', desired: 0 },
];

test('raising minSize: each zone\'s group gets its share of the bounds, as the stack splits them, and keeps its size where that is already within them', () => {
  expect(splitAcrossZones(3, 3)).toEqual([1, 1, 1]);
  expect(splitAcrossZones(20, 3)).toEqual([7, 7, 6]);
  expect(resize(GROUPS, 'spot', 3, 20)).toEqual({
    'spot-a-20250101000000000000000001': 'minSize=1,maxSize=7,desiredSize=5', // not scaled in to 1: its nodes are in use
    'spot-b-20250101000000000000000002': 'minSize=1,maxSize=7,desiredSize=1',
    'spot-c-20250101000000000000000003': 'minSize=1,maxSize=6,desiredSize=1',
  });
});

test('lowering maxSize: a group above its new maximum comes down to it, the others keep their size', () => {
  expect(splitAcrossZones(7, 3)).toEqual([3, 2, 2]);
  expect(resize(GROUPS, 'spot', 0, 7)).toEqual({
    'spot-a-20250101000000000000000001': 'minSize=0,maxSize=3,desiredSize=3',
    'spot-b-20250101000000000000000002': 'minSize=0,maxSize=2,desiredSize=0', // not scaled out to 2: it needs no node
    'spot-c-20250101000000000000000003': 'minSize=0,maxSize=2,desiredSize=1',
  });
});

test('a zones edit: each remaining group gets its share over the zones after the edit, by its zone letter; a removed zone\'s group is left to the apply', () => {
  // A zone d added after a, b, c: 20 over 4 zones is 5 each, 3 is 1, 1, 1, 0. Split over the 3 groups (7, 7, 6) a group
  // could grow to 7 before the apply lowers its maximum to 5, which EKS then refuses.
  expect(resize(GROUPS, 'spot', 3, 20, 'a b c d')).toEqual({
    'spot-a-20250101000000000000000001': 'minSize=1,maxSize=5,desiredSize=5',
    'spot-b-20250101000000000000000002': 'minSize=1,maxSize=5,desiredSize=1',
    'spot-c-20250101000000000000000003': 'minSize=1,maxSize=5,desiredSize=1',
  });
  // zone c removed (one added after the cluster's creation): a and b take 10 each.
  expect(resize(GROUPS, 'spot', 3, 20, 'a b')).toEqual({
    'spot-a-20250101000000000000000001': 'minSize=2,maxSize=10,desiredSize=5',
    'spot-b-20250101000000000000000002': 'minSize=1,maxSize=10,desiredSize=1',
  });
  // A Local Zone's letter has a dash of its own: only the generated id is cut off.
  expect(resize([{ name: 'spot-lax-1a-20250101000000000000000004', pool: 'spot', desired: 2 }, GROUPS[2]], 'spot', 2, 4, 'a lax-1a')).toEqual({
    'spot-a-20250101000000000000000001': 'minSize=1,maxSize=2,desiredSize=2',
    'spot-lax-1a-20250101000000000000000004': 'minSize=1,maxSize=2,desiredSize=2',
  });
});
