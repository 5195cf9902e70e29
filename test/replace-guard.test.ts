import { synth } from '../lib/synth';
import { fileCache } from './file-cache';
import { clusterOf } from './fleet-fixture';
import { synthesizedFullFleet } from './fleets';
import { readTree } from './tree';

// The guards judge edited fleets synthesized with this file's own cache: what an edit leaves alone
// is not rendered and checked again (test/file-cache.ts: where the path without a cache is tested).
const withCache = fileCache();

/*
 * The replacement guard through synth: an edit between two synths that makes Terraform replace a
 * cluster or a node pool fails with every finding, and writes nothing; allowed per stack, it writes.
 */
describe('synth refuses edits that replace infrastructure', () => {
  test('fails when an edit replaces the EKS cluster and an AKS pool, listing both, writing nothing (check too); --allow-replace for both stacks writes', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    const before = readTree(out);
    clusterOf(fleet, 'aws-prod').network.serviceCidr = '172.25.0.0/16';
    clusterOf(fleet, 'azure-prod').nodePools[1].spot = false;
    const refused = expect.objectContaining({
      problems: [
        expect.objectContaining({ path: 'clusters[aws-prod].network.serviceCidr', allowed: expect.stringContaining('--allow-replace aws-prod') }),
        expect.objectContaining({ path: 'clusters[azure-prod].nodePools[spot].spot', allowed: expect.stringContaining('--allow-replace azure-prod') }),
      ],
    });
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).toThrow(refused);
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache, check: true })).toThrow(refused);
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache, allowReplace: ['aws-prod'] })).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ path: 'clusters[azure-prod].nodePools[spot].spot' })] }));
    expect(readTree(out)).toEqual(before);

    const result = synth(fleet, { outDir: out, outputsDir, ...withCache, allowReplace: ['aws-prod', 'azure-prod'] });
    expect(result.plan.changed.map((f) => f.path)).toEqual(expect.arrayContaining(['terraform/stacks/aws-prod/cdk.tf.json', 'terraform/stacks/azure-prod/cdk.tf.json']));
    expect(JSON.parse(readTree(out)['terraform/stacks/aws-prod/cdk.tf.json']).resource.aws_eks_cluster).toEqual(expect.anything());
    // Written, the next synth compares with the new stacks: nothing to refuse.
    expect(synth(fleet, { outDir: out, outputsDir, ...withCache }).upToDate).toBe(true);
  });

  test('fails when a GKE cluster\'s podCidr changes, which terraform would update in place and GCP refuses, with --allow-replace too; writes nothing', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    const before = readTree(out);
    clusterOf(fleet, 'gcp-prod').network.podCidr = '10.40.0.0/14';
    const refused = expect.objectContaining({ problems: [expect.objectContaining({ path: 'clusters[gcp-prod].network.podCidr', message: expect.stringContaining('--allow-replace does not change that') })] });
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).toThrow(refused);
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache, allowReplace: ['gcp-prod'] })).toThrow(refused);
    expect(readTree(out)).toEqual(before);
  });

  test('fails when an AKS cluster\'s nodeCidr or its GatewaySubnet range changes, which terraform would update in place and Azure refuses under the nodes and the VPN gateway, with --allow-replace too; writes nothing (not the peers\' east-west Services either)', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    const before = readTree(out);
    clusterOf(fleet, 'azure-prod').network.nodeCidr = '10.40.0.0/16';
    fleet.platform.interconnect.clusters['azure-prod'].gatewaySubnetCidr = '10.31.254.0/27';
    const refused = expect.objectContaining({
      problems: [
        expect.objectContaining({ path: 'clusters[azure-prod].network.nodeCidr', message: expect.stringContaining('--allow-replace does not change that') }),
        expect.objectContaining({ path: 'platform.interconnect.clusters[azure-prod].gatewaySubnetCidr', message: expect.stringContaining('--allow-replace does not change that') }),
      ],
    });
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).toThrow(refused);
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache, allowReplace: ['azure-prod'] })).toThrow(refused);
    expect(readTree(out)).toEqual(before);
  });

  test('an edit that updates in place is written without the flag', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    clusterOf(fleet, 'gcp-prod').nodePools[1].machineType = 'e2-standard-16';
    clusterOf(fleet, 'aws-prod').nodePools[1].maxSize = 30;
    const result = synth(fleet, { outDir: out, outputsDir, ...withCache });
    expect(result.plan.changed.map((f) => f.path)).toEqual(expect.arrayContaining(['terraform/stacks/gcp-prod/cdk.tf.json', 'terraform/stacks/aws-prod/cdk.tf.json']));
  });
});
