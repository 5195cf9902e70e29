import { testFleet } from '../../test/fleets';
import { fleetAddons } from '../addons/fleet-addons';
import { FleetError, fleetProblems } from '../fleet';
import * as unknownFields from '../fleet/unknown-fields';
import { prepareFleet } from './synth';

/** The problems prepareFleet throws (none: it resolved the fleet). */
function thrown(definition: unknown): FleetError | undefined {
  try {
    prepareFleet(definition);
    return undefined;
  } catch (e) {
    if (e instanceof FleetError) return e;
    throw e;
  }
}

/** testFleet('aws') with the AWS workload cluster renamed. */
const renamed = (name: string) => {
  const f = testFleet('aws');
  (f.clusters.find((c) => c.name === 't-aws') as { name: string }).name = name;
  return f;
};

describe('prepareFleet', () => {
  afterEach(() => jest.restoreAllMocks());

  test('checks a valid fleet once (a 300-cluster fleet takes ~40–70 ms a check), and resolves it', () => {
    const shape = jest.spyOn(unknownFields, 'inputShapeProblems');
    const { fleet, addons } = prepareFleet(testFleet('aws'));
    expect(shape).toHaveBeenCalledTimes(1);
    expect(fleet.clusters.map((c) => c.name)).toContain('t-aws');
    expect(addons.length).toBeGreaterThan(0);
  });

  test('throws every problem, the core\'s and the add-ons\', as one list, whichever side has them', () => {
    // 101 characters: the EKS cluster name (the core's) and the Cluster Autoscaler's IAM role name (the add-on's);
    // 46 characters: only the role name "<name>-cluster-autoscaler" (64 at most); a fleet without clusters: only the core's.
    const noClusters = { ...testFleet('aws'), clusters: [] };
    for (const definition of [renamed('a'.repeat(101)), renamed('a'.repeat(46)), noClusters]) {
      const expected = fleetProblems(definition, fleetAddons(definition).problems);
      expect(expected.length).toBeGreaterThan(0);
      expect(thrown(definition)?.problems).toEqual(new FleetError(expected).problems);
    }
    expect(fleetProblems(renamed('a'.repeat(101))).length).toBeGreaterThan(0);
    expect(fleetProblems(renamed('a'.repeat(46)))).toEqual([]);
  });
});
