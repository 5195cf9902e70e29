import { fleetAddons } from '../lib/addons';
import { resolveFleet } from '../lib/fleet';
import { benchFleet, MAX_BENCH_CLUSTERS, threeClusterFleet } from '../bench/bench-fleet';

// The bench builds its fleets only when it runs: a validation rule they break would otherwise show
// only there (a pod range too small for its pools did).
test('the bench\'s fleets are valid fleets, up to the largest it can build', () => {
  for (const fleet of [threeClusterFleet(), benchFleet(300), benchFleet(MAX_BENCH_CLUSTERS)]) {
    // The add-ons' own checks and those across them too (a fleet with observability but no secrets is refused there).
    expect(fleetAddons(fleet).problems).toEqual([]);
    expect(() => resolveFleet(fleet)).not.toThrow();
  }
});
