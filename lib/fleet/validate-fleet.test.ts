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
