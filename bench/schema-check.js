'use strict';
/*
 * Issue 14, item 6: the schema check's cost per object against a plain compiled-schema validation
 * of the same objects. `npm run bench` runs this in a child process per mode and prints one JSON line
 * { objects, kinds, ms }; `ms` is the validation alone, timed in the process, with every kind's
 * validator loaded beforehand (untimed), so only the per-object work is compared.
 *
 *   node bench/schema-check.js plain|check|passed DUMP.json CACHE_DIR
 *
 * plain   each object through its kind's compiled validator (the function the kubernetes-models
 *         package ships, as fleetsynth's worker finds it), in this thread: nothing else
 * check   fleetsynth's check as synth runs it (lib/synth/schema-validation.ts) with nothing passed
 *         before: each object's JSON to the worker thread, the compiled validator, the strict
 *         unknown-field check, problems back
 * passed  the same check when every object passed before (the synth cache in CACHE_DIR remembers
 *         passes by object hash): what a synth pays for an object that did not change
 *
 * The objects are the Kubernetes documents (`k8s/`) of the floor's input, the 300-cluster fleet's.
 */
const fs = require('fs');
const path = require('path');
const { createHash } = require('crypto');

const [mode, dumpFile, cacheDir] = process.argv.slice(2);
const BUILD = path.join(__dirname, '..', 'build', 'lib', 'synth');

async function main() {
  const { files } = JSON.parse(fs.readFileSync(dumpFile, 'utf8'));
  const objects = files.filter((f) => f.path.startsWith('k8s/') && f.yaml !== undefined).map((f) => ({ file: f.path, object: f.yaml }));
  const kindOf = (o) => `${o.apiVersion}/${o.kind}`;
  const firstOfKind = [...new Map(objects.map((o) => [kindOf(o.object), o])).values()];
  let ms;
  if (mode === 'plain') {
    const { compiledValidator } = await import(path.join(BUILD, 'schema-worker.mjs'));
    const validators = new Map();
    for (const o of firstOfKind) validators.set(kindOf(o.object), await compiledValidator(o.object.apiVersion, o.object.kind));
    const start = process.hrtime.bigint();
    let failed = 0;
    for (const { object } of objects) if (!validators.get(kindOf(object))(object)) failed++;
    ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (failed > 0) throw new Error(`${failed} objects failed their schema`);
  } else {
    const { startSchemaCheck } = require(path.join(BUILD, 'schema-validation.js'));
    const { SynthCache } = require(path.join(BUILD, 'synth-cache.js'));
    // As synth has them: each object's JSON (rendered once), its hash and kind.
    const inputs = objects.map(({ file, object }) => {
      const json = JSON.stringify(object);
      return { file, sha256: createHash('sha256').update(json).digest('hex'), kind: kindOf(object), json: () => json };
    });
    const cache = mode === 'passed' ? new SynthCache(cacheDir) : undefined;
    // Untimed: the worker started and every kind's validator loaded (and, for `passed`, every object passed once).
    const warm = mode === 'passed' ? inputs : firstOfKind.map(({ file, object }) => inputs[objects.findIndex((o) => o.file === file && o.object === object)]);
    if (startSchemaCheck(warm, cache ? { cache } : {})().length > 0) throw new Error('the warm-up check found problems');
    const start = process.hrtime.bigint();
    const problems = startSchemaCheck(inputs, cache ? { cache } : {})();
    ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (problems.length > 0) throw new Error(`${problems.length} problems`);
  }
  process.stdout.write(`${JSON.stringify({ objects: objects.length, kinds: firstOfKind.length, ms })}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e.stack ?? e}\n`);
    process.exit(1);
  },
);
