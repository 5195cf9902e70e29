import { fleet as example } from './full-fleet';
import { resolveFleet } from '../lib/fleet';
import { renderFleet, schemaProblems } from '../lib/synth';

describe('apps without values', () => {
  test('render and pass the placeholder and schema checks', () => {
    const bare = resolveFleet({
      ...example,
      apps: [
        { name: 'bare', namespace: 'bare', source: { helm: { repoURL: 'https://charts.example.com', chart: 'bare', version: '1.0.0' } } },
        { name: 'manifests', namespace: 'manifests', source: { git: { path: 'apps/manifests' } }, deployAs: 'applications' },
      ],
    });
    const rendered = renderFleet(bare, { outputs: new Map() });
    const set = rendered.files.find((f) => f.path.endsWith('applicationset.argoproj.io_bare.yaml'))!;
    expect(set.content).toMatch(/helmValues: \|\n\s+\{\}\n/);
    const objects = rendered.files.flatMap((f) => (f.objects ?? []).map((object) => ({ file: f.path, object })));
    expect(schemaProblems(objects)).toEqual([]);
  });
});
