// Parses Mermaid texts with Mermaid's own parser (mermaid.parse: the flowchart jison grammar and
// its FlowDB), for tests. mermaid is an ES module that sanitizes labels with DOMPurify, which needs a
// DOM; in Node DOMPurify loads unsupported (no sanitize), so it is given identity functions here:
// label sanitizing is not what is checked, the grammar is. JSON array of texts in on stdin, one
// `{ ok, diagramType?, error? }` per text out.
import { readFileSync } from 'node:fs';
import DOMPurify from 'dompurify';

Object.assign(DOMPurify, { sanitize: (text) => text, addHook: () => undefined, removeHook: () => undefined, removeHooks: () => undefined, removeAllHooks: () => undefined });
const { default: mermaid } = await import('mermaid');

const results = [];
for (const text of JSON.parse(readFileSync(0, 'utf8'))) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, diagramType: parsed.diagramType });
  } catch (e) {
    results.push({ ok: false, error: String(e?.message ?? e) });
  }
}
process.stdout.write(JSON.stringify(results));
