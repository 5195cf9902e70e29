import { spreadOverZonesThenNodes } from './pod-spread';

test('pods apart by zone, then by node, preferred only, selecting the given labels (a copy: the caller\'s object is not shared)', () => {
  const labels = { app: 'x' };
  const spread = spreadOverZonesThenNodes(labels);
  expect(spread).toEqual([
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'x' } } },
    { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'x' } } },
  ]);
  expect((spread[0].labelSelector as { matchLabels: unknown }).matchLabels).not.toBe(labels);
});
