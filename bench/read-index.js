'use strict';
/*
 * What `npm run bench` compares a synth that has nothing to do with: a process that only reads and
 * parses an output folder's index (lib/synth/output-index.ts).   node bench/read-index.js INDEX_FILE
 */
const fs = require('fs');

const index = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
if (index === null || typeof index.files !== 'object') process.exitCode = 1;
