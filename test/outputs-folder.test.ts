import * as fs from 'fs';
import * as path from 'path';
import { synth } from '../lib/synth';
import { fakeOutputs, outputsFolder, testFleet } from './fleets';
import { tempDir } from './tree';

/* What synth reports names the outputs folder it was given (--outputs), not the default one. */
test('held-back items name the outputs folder given', () => {
  const fleet = testFleet('aws');
  const outputs = fakeOutputs(fleet);
  outputs.delete('t-mgmt');
  const given = path.join(tempDir(), 'tf-out');
  fs.renameSync(outputsFolder(outputs), given);
  const result = synth(fleet, { outDir: path.join(tempDir(), 'dist'), outputsDir: given, cache: false });
  const texts = result.heldBack.flatMap((h) => [h.what, h.waitingFor]);
  // every workload cluster's API access list waits for the management cluster's egress, in its outputs file
  expect(texts.filter((t) => t.includes(`${given}/t-mgmt.json`)).length).toBeGreaterThan(0);
  expect(texts.filter((t) => t.includes('terraform-outputs/'))).toEqual([]);
});
