import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { FleetAddon } from '../addons';
import { FleetError } from '../fleet';
import { synth } from '../synth';
import { fakeOutputs, outputsFolder, richTestFleet, testFleet } from '../../test/fleets';
import { readTree, tempDir } from '../../test/tree';
import { FleetRender, matchesPartial, renderForTest } from '.';

/*
 * fleetsynth/testing: the render is synth's (same bytes, same checks), the queries find what a
 * reader looks for, and the matchers fail with messages that say what is there instead.
 */

describe('renderForTest', () => {
  const fleet = richTestFleet();
  const render = renderForTest(fleet);

  test('gives, file for file, the bytes synth writes for the same outputs (the index included)', () => {
    const out = path.join(tempDir(), 'dist');
    synth(fleet, { outDir: out, outputsDir: outputsFolder(fakeOutputs(fleet)) });
    const written = readTree(out);
    const fromOutputs = renderForTest(fleet, { outputs: { clusters: fakeOutputs(fleet) } });
    expect({ ...fromOutputs.snapshot(), 'fleetsynth-index.json': fromOutputs.index }).toEqual(written);
  });

  test('with fake outputs (the default) nothing is pending and every cluster is registered with Argo CD', () => {
    expect(render.pending).toEqual([]);
    for (const c of ['t-aws', 't-gcp', 't-azure']) expect(render).toHaveObject({ cluster: 't-mgmt', kind: 'Secret', name: `cluster-${c}` });
  });

  test('with no outputs every cluster is pending, as before the first terraform apply', () => {
    const bare = renderForTest(testFleet(), { outputs: 'none' });
    expect(bare.pending).toEqual(['t-aws', 't-azure', 't-gcp', 't-mgmt']);
    expect(bare).not.toHaveObject({ kind: 'Secret', name: 'cluster-t-aws' });
  });

  test('queries objects by cluster, kind, namespace and name', () => {
    const apps = render.objects({ cluster: 't-mgmt', kind: 'Application' });
    expect(apps.length).toBeGreaterThan(4);
    expect(apps.every((a) => a.path.startsWith('k8s/aws/t-mgmt/argocd/'))).toBe(true);
    expect(render.object({ cluster: 't-aws', kind: 'Namespace', name: 'podinfo' }).metadata.name).toBe('podinfo');
    expect(() => render.object({ kind: 'Namespace', name: 'podinfo' })).toThrow(/^\d+ objects match .*: k8s\//);
  });

  test('queries Terraform resources by stack and type, with their addresses, and outputs', () => {
    const [cluster] = render.resources('t-aws', 'aws_eks_cluster');
    expect(cluster).toMatchObject({ stack: 't-aws', type: 'aws_eks_cluster', address: `aws_eks_cluster.${cluster.name}`, values: { name: 't-aws' } });
    expect(render.stacks).toEqual(expect.arrayContaining(['t-mgmt', 't-aws', 't-gcp', 't-azure']));
    expect(Object.keys(render.outputs('t-aws'))).toContain('cluster_endpoint');
    expect(() => render.stack('t-nope')).toThrow('no stack "t-nope"; the stacks are ');
  });

  test('toHaveObject, toHaveResource and toHaveOutput pass on what is there and say what is there when they fail', () => {
    expect(render).toHaveObject({ cluster: 't-mgmt', kind: 'Application', name: 't-gcp-platform' }, { spec: { destination: { name: 't-gcp' } } });
    expect(render).toHaveResource('t-gcp', 'google_container_cluster', { name: 't-gcp', networking_mode: expect.stringMatching(/^VPC_NATIVE$/) });
    expect(render).toHaveOutput('t-azure', 'cluster_endpoint');
    expect(() => expect(render).toHaveObject({ cluster: 't-aws', kind: 'Namespace', name: 'podinfoo' })).toThrow(/there is none\. Of that cluster and kind there are: .*podinfo/);
    expect(() => expect(render).toHaveResource('t-aws', 'aws_eks_cluster', { name: 'other' })).toThrow(/it has aws_eks_cluster\.\S+, none with those values/);
    expect(() => expect(render).toHaveOutput('t-aws', 'nope')).toThrow(/to have an output nope; it has .*cluster_endpoint/);
  });

  test('one snapshot entry per file, named by its path', () => {
    const small = renderForTest(testFleet());
    const calls: [string, string][] = [];
    const real = (globalThis as any).expect;
    (globalThis as any).expect = (content: string) => ({ toMatchSnapshot: (name: string) => calls.push([name, content]) });
    try {
      small.expectFilesToMatchSnapshot();
    } finally {
      (globalThis as any).expect = real;
    }
    expect(calls.map(([name]) => name)).toEqual(small.files.map((f) => f.path));
    expect(calls.every(([name, content]) => small.file(name) === content)).toBe(true);
  });

  test('fails when the fleet is invalid, as synth does: every problem with its path', () => {
    const bad = testFleet();
    bad.clusters[1].nodePools[0].maxSize = 0;
    expect(() => renderForTest(bad)).toThrow(FleetError);
    expect(() => renderForTest(bad)).toThrow('clusters[t-aws].nodePools[system].maxSize');
  });

  test('fails when outputs { dir } is a file, naming it (not a crash)', () => {
    const file = path.join(__dirname, 'testing.test.ts');
    expect(() => renderForTest(testFleet(), { outputs: { dir: file } })).toThrow(FleetError);
    expect(() => renderForTest(testFleet(), { outputs: { dir: file } })).toThrow(`${file}: not a folder`);
  });

  test('fails when an add-on\'s object breaks its upstream schema, as synth does (the same checks run)', () => {
    const broken: FleetAddon = {
      name: 'broken',
      manifests(scope, { cluster }) {
        if (cluster.name === 't-gcp') new ApiObject(scope, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' }, dataa: {} });
      },
    };
    expect(() => renderForTest({ ...testFleet(), addons: [broken] })).toThrow(/k8s\/gcp\/t-gcp\/default\/configmap_x\.yaml: dataa: .*unknown field.*\(add-on broken\)/);
  });

  test('partial matching: nested objects, arrays element by element, asymmetric matchers', () => {
    expect(matchesPartial({ a: { b: 1, c: 2 }, d: [1, 2] }, { a: { b: 1 }, d: [1, 2] })).toBe(true);
    expect(matchesPartial({ d: [1, 2] }, { d: [1] })).toBe(false);
    expect(matchesPartial({ s: 'abc' }, { s: expect.stringContaining('b') })).toBe(true);
    expect(render).toBeInstanceOf(FleetRender);
  });
});
