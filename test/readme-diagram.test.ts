import * as fs from 'fs';
import * as path from 'path';

/* The README embeds the example fleet's diagram: it must be the one synth wrote to dist/fleet.md. */
test('the README embeds the committed dist/fleet.md diagram', () => {
  const root = path.join(__dirname, '..');
  const md = fs.readFileSync(path.join(root, 'dist', 'fleet.md'), 'utf8');
  const block = md.slice(md.indexOf('```mermaid')).trimEnd();
  expect(fs.readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(block);
});
