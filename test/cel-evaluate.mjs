// Evaluates a CEL expression (the Common Expression Language Kubernetes admission policies use) on
// objects, with @marcbachmann/cel-js, for tests. An ES module, so it runs in a child process.
// `{ expression, objects }` as JSON in on stdin; one `{ value }` or `{ error }` per object out.
import { readFileSync } from 'node:fs';
import { parse } from '@marcbachmann/cel-js';

const { expression, objects } = JSON.parse(readFileSync(0, 'utf8'));
const program = parse(expression);
const results = objects.map((object) => {
  try {
    return { value: program({ object }) };
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
});
process.stdout.write(JSON.stringify(results));
