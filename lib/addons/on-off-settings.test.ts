import { onOffSettingsProblems } from './on-off-settings';

describe('the settings of a built-in service that is only on or off', () => {
  test('nothing, {} and false are fine', () => {
    for (const settings of [undefined, {}, false]) expect(onOffSettingsProblems('metricsServer', settings)).toEqual([]);
  });

  test('each key of an object is a problem at its own path; any other value one at the service', () => {
    expect(onOffSettingsProblems('metricsServer', { replicas: 3, enabled: true }).map((p) => p.path)).toEqual(['platform.metricsServer.replicas', 'platform.metricsServer.enabled']);
    for (const settings of [true, 'off', [], null]) expect(onOffSettingsProblems('clusterAutoscaler', settings)).toEqual([expect.objectContaining({ path: 'platform.clusterAutoscaler', allowed: 'false or {}' })]);
  });
});
