import * as path from 'path';
import { fleet } from '../apps/fleet';
import { synth } from '../lib/synth';

// The committed dist/ must be exactly what `npm run synth` writes for the example fleet.
test('the committed dist/ is what synth writes (run `npm run synth` if this fails)', () => {
  const root = path.join(__dirname, '..');
  const result = synth(fleet, { outDir: path.join(root, 'dist'), outputsDir: path.join(root, 'terraform-outputs'), check: true });
  expect({ added: result.plan.added.map((f) => f.path), changed: result.plan.changed.map((f) => f.path), stale: result.plan.stale }).toEqual({ added: [], changed: [], stale: [] });
});
