import { BAD_FLEETS } from '../../test/bad-fleets';
import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { FleetError } from './fleet-error';
import { fleetProblems, validateFleet } from './validate-fleet';

const paths = (f: unknown) => fleetProblems(f).map((p) => p.path);

describe('validateFleet', () => {
  test('accepts the example fleet', () => {
    expect(fleetProblems(fullFleet())).toEqual([]);
  });

  test('reports every problem at once, each with its path, value given and what is allowed', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].maxSize = -1;
    clusterOf(f, 'gcp-prod').region = 'mars-central1';
    f.gitops.repoURL = 'not a url';
    // WHEN
    let error: unknown;
    try {
      validateFleet(f);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(FleetError);
    const problems = (error as FleetError).problems;
    expect(problems.map((p) => p.path)).toEqual(['gitops.repoURL', 'clusters[aws-prod].nodePools[spot].maxSize', 'clusters[gcp-prod].region']);
    expect(problems[1]).toMatchObject({ given: '-1', allowed: '1 to 1000' });
    expect((error as Error).message).toContain('clusters[gcp-prod].region: not a GKE region; given "mars-central1"; allowed one of');
  });


  // A mutator edits the fleet in place, or returns something to validate instead of it.
  test.each(BAD_FLEETS)('fails when %s', (_, breakIt, path) => {
    const f = fullFleet();
    const input = breakIt(f) ?? f;
    expect(paths(input)).toContain(path);
  });
});

describe('AKS temporary pool names (temporary_name_for_rotation)', () => {
  // GIVEN azure-prod's pools: system (temporary name "rotating") and spot ("spottmp"); WHEN `edit` changes them
  const problemsWith = (edit: (pools: any[]) => void) => {
    const f = fullFleet();
    edit(clusterOf(f, 'azure-prod').nodePools);
    return fleetProblems(f);
  };

  test.each([
    ['a pool is named like another pool\'s temporary pool', (pools: any[]) => pools.push({ ...pools[1], name: 'spottmp' }), {
      path: 'clusters[azure-prod].nodePools[spottmp].name',
      message: 'is the temporary name of pool "spot" (temporary_name_for_rotation), the pool AKS creates beside it to change its machineType, diskSizeGb or zones',
      given: '"spottmp"',
      allowed: 'a name other than the other pools\' temporary names ("rotating", "spottmp")',
    }],
    ['two pools share a temporary name (reported at the second)', (pools: any[]) => { pools[1].name = 'workloads1'; pools.push({ ...pools[1], name: 'workloads2' }); }, {
      path: 'clusters[azure-prod].nodePools[workloads2].name',
      message: 'has the same temporary name (temporary_name_for_rotation) as pool "workloads1": "workloadstmp", the first 9 characters of the name then "tmp"',
      given: '"workloads2"',
      allowed: 'a name whose first 9 characters differ from those of "workloads1"',
    }],
  ])('fails when %s, naming the pool, the name given and what is allowed', (_, edit, problem) => {
    expect(problemsWith(edit)).toEqual([problem]);
  });

  test('pools whose names differ in their first 9 characters pass', () => {
    expect(problemsWith((pools) => pools.push({ ...pools[1], name: 'batch' }, { ...pools[1], name: 'rotatin' }, { ...pools[1], name: 'gpupool1tmp' }))).toEqual([]);
  });
});
