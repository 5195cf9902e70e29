import * as fs from 'fs';
import * as path from 'path';
import { FleetError, Problem } from '../fleet';
import { fileCache } from '../../test/file-cache';
import { synthesizedFullFleet } from '../../test/fleets';
import { withoutCluster } from '../../test/fleet-fixture';
import { readTree } from '../../test/tree';
import { OutputIndex } from './output-index';
import { droppedStacks, removedStacks } from './stack-removal-guard';
import { synth, SynthOptions } from './synth';

// The guards judge edited fleets synthesized with this file's own cache: what an edit leaves alone
// is not rendered and checked again (test/file-cache.ts: where the path without a cache is tested).
const withCache = fileCache();

// The full test fleet (test/full-fleet.ts) with its fake outputs: mgmt and aws-prod on EKS, gcp-prod on GKE, azure-prod (the only
// Azure member of platform.interconnect) on AKS; the pair stacks interconnect-aws-azure, -aws-gcp, -azure-gcp, global-dns and vault.
const PAIRS = ['interconnect-aws-azure', 'interconnect-azure-gcp'];
const stackFile = (stack: string) => `terraform/stacks/${stack}/cdk.tf.json`;
const LOCK = '.terraform.lock.hcl';

function problemsOf(fn: () => unknown): readonly Problem[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof FleetError) return e.problems;
    throw e;
  }
  throw new Error('no FleetError');
}

describe('synth refuses to prune a fleet-wide stack that still holds resources', () => {
  test('fails when azure-prod leaves platform.interconnect.clusters, at that field, naming both pair stacks, what they hold and the destroy; writing nothing (check too)', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    const before = readTree(out);
    delete fleet.platform.interconnect.clusters['azure-prod'];
    // azure-prod's gateway goes too: replacement-guard.ts's, allowed here to see this guard's alone.
    const options: SynthOptions = { outDir: out, outputsDir, ...withCache, allowReplace: ['azure-prod'] };
    const problems = problemsOf(() => synth(fleet, options));
    expect(problems).toEqual(PAIRS.map((stack) => ({
      path: 'platform.interconnect.clusters',
      message: expect.stringContaining(`stack ${stack}, which the previous synth wrote, is no longer generated: synth would prune ${path.join(out, stackFile(stack))} while the stack still holds`),
      given: expect.stringMatching(/^no link between an (aws and an azure|azure and a gcp) cluster$/),
      allowed: `the members as before; or destroy the stack first, while its folder is there (terraform -chdir=${path.join(out, 'terraform/stacks', stack)} destroy, with the pipeline's backend and credentials; README, "Turning them off"), then synth with --allow-replace ${stack}`,
    })));
    expect(problems[0].message).toMatch(/holds 32 resources: 4 × aws_customer_gateway \(customer gateway\), 4 × aws_vpn_connection \(VPN connection\), 8 × azurerm_local_network_gateway \(local network gateway\), .*destroying the clusters' stacks fails on them/);
    expect(problemsOf(() => synth(fleet, { ...options, check: true })).map((p) => p.path)).toEqual(['platform.interconnect.clusters', 'platform.interconnect.clusters']);
    // One allowed: the other is still refused.
    expect(problemsOf(() => synth(fleet, { ...options, allowReplace: ['azure-prod', PAIRS[0]] })).map((p) => p.message.split(',')[0])).toEqual([`stack ${PAIRS[1]}`]);
    expect(readTree(out)).toEqual(before);
  });

  test('with --allow-replace for the destroyed pair stacks it writes: their stack files pruned, a folder with the lock file the pipeline committed kept with it alone, which trips nothing after', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    fs.writeFileSync(path.join(out, 'terraform/stacks', PAIRS[0], LOCK), '# the pipeline\'s terraform init\n');
    delete fleet.platform.interconnect.clusters['azure-prod'];
    const result = synth(fleet, { outDir: out, outputsDir, ...withCache, allowReplace: ['azure-prod', ...PAIRS] });
    expect(result.plan.stale).toEqual(expect.arrayContaining(PAIRS.map(stackFile)));
    const tree = readTree(out);
    expect(Object.keys(tree).filter((p) => p.startsWith(`terraform/stacks/${PAIRS[0]}/`))).toEqual([`terraform/stacks/${PAIRS[0]}/${LOCK}`]);
    expect(Object.keys(tree).some((p) => p.startsWith(`terraform/stacks/${PAIRS[1]}/`))).toBe(false);
    expect(tree[stackFile('interconnect-aws-gcp')]).toBeDefined();
    // The folder left with its lock file alone is no stack: the next synth, without the flags, has nothing to do.
    expect(synth(fleet, { outDir: out, outputsDir, ...withCache }).upToDate).toBe(true);
  });

  test('fails when platform.globalDns is removed, at platform.globalDns, naming the Route 53 checks and records; allowed once destroyed', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    delete fleet.platform.globalDns;
    expect(problemsOf(() => synth(fleet, { outDir: out, outputsDir, ...withCache }))).toEqual([{
      path: 'platform.globalDns',
      message: expect.stringMatching(/^stack global-dns, which the previous synth wrote, is no longer generated: .* holds 10 resources: 5 × aws_route53_health_check, 5 × aws_route53_record; .*its records keep answering with the clusters' ingress addresses/),
      given: 'nothing',
      allowed: expect.stringMatching(/^platform\.globalDns as before; or destroy the stack first, .*then synth with --allow-replace global-dns$/),
    }]);
    expect(synth(fleet, { outDir: out, outputsDir, ...withCache, allowReplace: ['global-dns'] }).plan.stale).toContain(stackFile('global-dns'));
  });

  test('--cluster prunes no fleet-wide stack, so a selection trips nothing: the pair stacks stay as they are', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    const before = readTree(out);
    delete fleet.platform.interconnect.clusters['azure-prod'];
    const result = synth(fleet, { outDir: out, outputsDir, ...withCache, clusters: ['gcp-prod'] });
    expect(result.plan.stale).toEqual([]);
    for (const stack of PAIRS) expect(readTree(out)[stackFile(stack)]).toBe(before[stackFile(stack)]);
  });

  test('fails when a cluster leaves the fleet with the pair stacks it alone kept: the cluster\'s refusal names them and every flag', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    withoutCluster(fleet, 'azure-prod');
    expect(problemsOf(() => synth(fleet, { outDir: out, outputsDir, ...withCache }))).toEqual([{
      path: 'clusters',
      message: expect.stringContaining(`; with it this synth drops stacks ${PAIRS.join(', ')}, whose resources would go unmanaged the same way`),
      given: 'no cluster "azure-prod"',
      allowed: `destroy stacks ${PAIRS.join(', ')} and its own stack first (README, "Decommissioning a cluster", in its order), then synth with --allow-cluster-removal azure-prod --allow-replace ${PAIRS[0]} --allow-replace ${PAIRS[1]}; or keep it in the fleet`,
    }]);
  });
});

describe('removedStacks', () => {
  const index = (...files: string[]): OutputIndex => ({ generator: 'fleetsynth', files: Object.fromEntries(files.map((f) => [f, 'x'])) });
  const holding = (resource: Record<string, Record<string, unknown>>) => Buffer.from(JSON.stringify({ resource }));
  const oidc = holding({ aws_iam_openid_connect_provider: { 'argocd-oidc': {} } });
  /** A plan that prunes these stacks, each holding what `content` gives (else one OIDC provider). */
  const pruning = (content: Record<string, Buffer>, ...stacks: string[]) => ({ stale: stacks.map(stackFile), previous: new Map(stacks.map((s) => [stackFile(s), content[s] ?? oidc])) });

  test('fails when an argocd-oidc-<account> stack goes, at clusters, naming the account', () => {
    const stacks = ['argocd-oidc-111122223333'];
    expect(removedStacks(pruning({}, ...stacks), index(...stacks.map(stackFile)), { addons: [] })).toEqual([expect.objectContaining({
      path: 'clusters',
      message: expect.stringContaining('holds 1 resource: 1 × aws_iam_openid_connect_provider;'),
      given: 'no EKS workload cluster in AWS account 111122223333 that reaches Argo CD through it',
    })]);
  });

  test('fails when a user\'s add-on stops writing its stack, at addons, or at the add-on that holds it back', () => {
    const previous = index(stackFile('edge-cache'));
    const plan = pruning({ 'edge-cache': holding({ aws_cloudfront_distribution: { cdn: {} } }) }, 'edge-cache');
    expect(removedStacks(plan, previous, { addons: ['cdn'] }).map((p) => [p.path, p.given])).toEqual([['addons', 'no add-on that writes stack edge-cache']]);
    const heldBack = [{ subject: 'addons[cdn]', what: 'the distribution (stack edge-cache)', waitingFor: 'terraform-outputs/aws-prod.json with origin_dns' }];
    const [held] = removedStacks(plan, previous, { addons: ['cdn'], heldBack });
    expect(held).toEqual({
      path: 'addons[cdn]',
      message: expect.stringMatching(/^stack edge-cache, which the previous synth wrote, is held back \(the distribution \(stack edge-cache\)\): synth would prune dist\/terraform\/stacks\/edge-cache\/cdk\.tf\.json while the stack still holds 1 resource: 1 × aws_cloudfront_distribution;/),
      given: 'waiting for terraform-outputs/aws-prod.json with origin_dns',
      allowed: expect.stringMatching(/^terraform-outputs\/aws-prod\.json with origin_dns, and the stack is written again; or destroy the stack first/),
    });
  });

  test('nothing for a cluster\'s stack (removal-guard.ts), vault once platform.secrets is off (mesh-trust-guard.ts), a stack holding no resource, one allowed, or one not pruned (kept, or missing)', () => {
    const previous = index(stackFile('azure-prod'), 'k8s/azure/azure-prod/_bootstrap/x.yaml', stackFile('vault'), stackFile('empty'), stackFile('global-dns'), stackFile('argocd-oidc-1'));
    const plan = pruning({ empty: holding({}) }, 'azure-prod', 'vault', 'empty', 'global-dns');
    expect(removedStacks(plan, previous, { addons: [], allowed: ['global-dns'] })).toEqual([]);
    // With the secrets add-on on, a vault stack that goes is this guard's.
    expect(removedStacks(plan, previous, { addons: ['secrets'], allowed: ['global-dns'] }).map((p) => p.path)).toEqual(['platform.secrets']);
    expect(removedStacks(pruning({}), previous, { addons: [] })).toEqual([]);
  });

  test('droppedStacks: the fleet-wide stack files of the index that are not kept, without clusters\' stacks', () => {
    const previous = index(stackFile('mgmt'), 'k8s/aws/mgmt/a.yaml', stackFile('global-dns'), `terraform/stacks/global-dns/${LOCK}`, stackFile('interconnect-aws-gcp'));
    expect(droppedStacks(previous, (p) => p === stackFile('interconnect-aws-gcp'), [])).toEqual(['global-dns']);
    expect(droppedStacks(undefined, () => false, [])).toEqual([]);
  });
});
