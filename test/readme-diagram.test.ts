import * as fs from 'fs';
import * as path from 'path';
import { FLEET_DIAGRAM_FILE } from '../lib/diagram/fleet-diagram';
import { renderForTest } from '../lib/testing';
import { fullTestFleet } from './full-fleet';

/*
 * The README shows the diagram of the fleet it describes (the example as it ships, which the full
 * test fleet copies): it must be the one synth writes for that fleet. Read from the test fleet, not
 * apps/fleet.ts, so that editing the example changes no test.
 */
test('the README embeds the diagram synth writes for the fleet it describes', () => {
  const md = renderForTest(fullTestFleet()).file(FLEET_DIAGRAM_FILE);
  const block = md.slice(md.indexOf('```mermaid')).trimEnd();
  expect(fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')).toContain(block);
});
