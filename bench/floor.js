'use strict';
/*
 * The serialization floor `npm run bench` compares synth with: the same files (same paths, same
 * documents, the same bytes) written with nothing but the `yaml` library's stringify (the options
 * fleetsynth's serializer passes it), JSON.stringify and fs.writeFileSync. The documents come from
 * one JSON file the bench prepared from a synth's output beforehand, read and parsed here.
 *
 *   node bench/floor.js DUMP.json OUT_DIR
 */
const fs = require('fs');
const path = require('path');
const { stringify } = require('yaml');

const [dumpFile, outDir] = process.argv.slice(2);
const YAML_OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, version: '1.1' };
const { files } = JSON.parse(fs.readFileSync(dumpFile, 'utf8'));
const made = new Set();
for (const f of files) {
  const file = path.join(outDir, f.path);
  const dir = path.dirname(file);
  if (!made.has(dir)) {
    fs.mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  const content = f.yaml !== undefined ? `${f.prefix ?? ''}${stringify(f.yaml, YAML_OPTIONS)}` : f.json !== undefined ? `${JSON.stringify(f.json, null, 2)}\n` : f.text;
  fs.writeFileSync(file, content);
}
