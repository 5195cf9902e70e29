import fc from 'fast-check';
import { testFleet } from '../../test/fleets';
import { Problems } from './problems';
import { stateKey } from './state-backend';
import { fleetProblems } from './validate-fleet';
import { checkStateBackend } from './validate-state-backend';

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
