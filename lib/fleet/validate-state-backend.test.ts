import fc from 'fast-check';
import { testCluster, testFleet } from '../../test/fleets';
import { Problems } from './problems';
import { StateBackend, stateKey, stateLocation } from './state-backend';
import { fleetProblems } from './validate-fleet';
import { checkSharedState, checkStateBackend } from './validate-state-backend';

const S3 = { type: 's3', bucket: 'test-fleet-state', region: 'eu-west-1' };
const problemsOf = (backend: unknown) => {
  const p = new Problems();
  checkStateBackend(p, 'stateBackend', backend);
  return p.list;
};

describe('state backend key prefixes', () => {
  test.each([
    ['starts with "/"', '/states/', /starts with "\/"/, '"states/", or another prefix without a leading "/" or "//"'],
    ['contains "//"', 'states//fleet/', /contains "\/\/"/, '"states/fleet/", or another prefix without a leading "/" or "//"'],
    ['is slashes only', '//', /starts with "\/" or contains "\/\/"/, 'leave keyPrefix out (default "fleetsynth/"), or a prefix like "states/"'],
  ])('fails when an S3 keyPrefix %s, which the S3 backend refuses at terraform init', (_, keyPrefix, message, allowed) => {
    const found = problemsOf({ ...S3, keyPrefix });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'stateBackend.keyPrefix', allowed });
    expect(found[0].message).toMatch(message);
  });

  test('fails at the cluster\'s own backend when its keyPrefix is refused', () => {
    const f = testFleet();
    f.clusters[1].stateBackend = { ...S3, keyPrefix: '/t-aws/' };
    expect(fleetProblems(f).map((p) => p.path)).toEqual(['clusters[t-aws].stateBackend.keyPrefix']);
  });

  test('gcs and azurerm prefixes are left alone: Terraform trims the gcs prefix\'s leading "/" and does not check the azurerm key', () => {
    expect(problemsOf({ type: 'gcs', bucket: 'test-fleet-state', prefix: '/states//fleet' })).toEqual([]);
    expect(problemsOf({ type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'acmetfstate', containerName: 'tfstate', keyPrefix: '/states//' })).toEqual([]);
  });

  test('every S3 keyPrefix accepted gives keys the S3 backend accepts: no leading or trailing "/", no "//"', () => {
    const prefix = fc.string({ unit: fc.constantFrom('/', 'a', '-', '.', ':'), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(prefix, (keyPrefix) => {
        if (problemsOf({ ...S3, keyPrefix }).length > 0) return;
        expect(stateKey(keyPrefix, 't-aws')).toMatch(/^(?!\/)(?!.*\/\/).*[^/]$/);
      }),
    );
  });
});

describe('no two stacks on one state', () => {
  const withCluster = (name: string, stateBackend: unknown) => {
    const f = { ...testFleet(), stateBackend: S3 };
    f.clusters.push({ ...testCluster(name, 'aws', 5), stateBackend });
    return f;
  };
  const sharedState = (f: unknown) => fleetProblems(f).filter((x) => /two stacks on one state/.test(x.message));

  test('fails when a cluster\'s own keyPrefix gives it the key of another cluster on the fleet\'s backend', () => {
    // "fleetsynth/t-" + "aws" is t-aws's key, "fleetsynth/" + "t-aws".
    const found = sharedState(withCluster('aws', { ...S3, keyPrefix: 'fleetsynth/t-' }));
    expect(found).toHaveLength(1);
    expect(found[0].path).toBe('clusters[aws].stateBackend');
    expect(found[0].message).toContain('s3://test-fleet-state/fleetsynth/t-aws.tfstate, the state the fleet\'s stateBackend gives a stack named "t-aws"');
  });

  test('fails on the key of a fleet-wide stack, existing or not: "fleetsynth/global-" + "dns"', () => {
    expect(sharedState(withCluster('dns', { ...S3, keyPrefix: 'fleetsynth/global-' })).map((x) => x.path)).toEqual(['clusters[dns].stateBackend']);
  });

  test('fails when two clusters\' own azurerm backends meet (another resource group: the same storage account)', () => {
    const azure = { type: 'azurerm', resourceGroupName: 'rg', storageAccountName: 'acmetfstate', containerName: 'tfstate' };
    const f = withCluster('eu-prod', { ...azure, keyPrefix: 'x/' });
    f.clusters.push({ ...testCluster('prod', 'aws', 6), stateBackend: { ...azure, resourceGroupName: 'other-rg', keyPrefix: 'x/eu-' } });
    expect(sharedState(f).map((x) => x.path)).toEqual(['clusters[prod].stateBackend']);
  });

  test('gcs: the stack\'s name is the last folder of its state, so two names never meet, whatever Terraform cleans of the prefix', () => {
    const gcs = { type: 'gcs', bucket: 'test-fleet-state' };
    const g = withCluster('prod', { ...gcs, prefix: 'a' });
    // gcs/backend_state.go stateFile: path.Join("a/prod/..", "prod2", "default.tfstate") is a/prod2/default.tfstate.
    for (const prefix of ['a/prod/..', '/a//', 'a/prod']) {
      g.clusters[5] = { ...testCluster('prod2', 'aws', 6), stateBackend: { ...gcs, prefix } };
      expect(sharedState(g)).toEqual([]);
    }
  });

  test('passes: one backend for all, a cluster restating it (another region, a lock table), another bucket, or a folder of its own', () => {
    expect(sharedState(withCluster('aws', { ...S3, region: 'us-east-1', dynamodbTable: 'locks' }))).toEqual([]);
    expect(sharedState(withCluster('aws', { ...S3, keyPrefix: 'fleetsynth/t-', bucket: 'other-state' }))).toEqual([]);
    expect(sharedState(withCluster('aws', { ...S3, keyPrefix: 'fleetsynth/clusters/' }))).toEqual([]);
    expect(sharedState(withCluster('aws', { type: 'local' }))).toEqual([]);
  });

  test('whatever names and own prefixes the clusters have on one bucket, a fleet it accepts has one state per stack', () => {
    const name = fc.stringMatching(/^[ab]([-ab]{0,3}[ab])?$/);
    const prefix = fc.option(fc.string({ unit: fc.constantFrom('a', 'b', '-', '/', 'fleetsynth/'), minLength: 1, maxLength: 4 }), { nil: undefined });
    const cluster = fc.record({ name, own: fc.boolean(), keyPrefix: prefix });
    fc.assert(
      fc.property(fc.uniqueArray(cluster, { selector: (c) => c.name, minLength: 2, maxLength: 6 }), fc.option(prefix, { nil: undefined }), (clusters, fleetPrefix) => {
        const fleet = { ...S3, ...(fleetPrefix ? { keyPrefix: fleetPrefix } : {}) } as StateBackend;
        const p = new Problems();
        checkStateBackend(p, 'stateBackend', fleet);
        const own = clusters.map((c) => ({ ...c, backend: c.own ? ({ ...S3, ...(c.keyPrefix ? { keyPrefix: c.keyPrefix } : {}) } as StateBackend) : undefined }));
        own.forEach((c, i) => c.backend && checkStateBackend(p, `clusters[${i}]`, c.backend));
        if (p.list.length > 0) return; // a prefix the S3 backend refuses: reported on its own
        checkSharedState(p, fleet, own.map((c, i) => ({ path: `clusters[${i}]`, name: c.name, backend: c.backend })));
        if (p.list.length > 0) return;
        // The clusters' stacks and the fleet-wide ones (fleet backend, names no cluster has).
        const stacks = [...own.map((c) => ({ name: c.name, backend: c.backend ?? fleet })), ...['vault', 'global-dns'].map((n) => ({ name: n, backend: fleet }))];
        const locations = stacks.map((s) => JSON.stringify(stateLocation(s.backend, s.name)));
        expect(new Set(locations).size).toBe(stacks.length);
      }),
      { numRuns: 300 },
    );
  });
});

