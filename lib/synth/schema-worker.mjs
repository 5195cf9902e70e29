// Validates Kubernetes objects against the upstream schemas that ship, compiled, in the
// kubernetes-models npm packages. Those packages are ES modules only, so this runs as its own
// Node process (see schema-validation.ts): JSON objects in on stdin, JSON problems out on stdout.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Packages holding upstream schemas, in the layout every kubernetes-models package shares:
 * `<package>/<apiVersion>/<Kind>.js` is the model of a top-level kind (it sets `this.kind="<Kind>"`)
 * and imports its compiled validator from `_schemas/`. Any kind one of them serves is checked; any
 * other kind is an error (no unchecked object reaches dist/).
 */
const PACKAGES = ['kubernetes-models', '@kubernetes-models/argo-cd', '@kubernetes-models/istio', '@kubernetes-models/external-secrets', '@kubernetes-models/cert-manager'];

const packageRoot = (name) => dirname(fileURLToPath(import.meta.resolve(name)));
const roots = PACKAGES.map((name) => [name, packageRoot(name)]);
const loaded = new Map();

/** The compiled schema module of a kind, found through its model file, or undefined. */
function schemaModule(root, apiVersion, kind) {
  if (!/^[A-Za-z0-9.-]+(\/[A-Za-z0-9]+)?$/.test(apiVersion) || !/^[A-Za-z0-9]+$/.test(kind)) return undefined;
  const model = join(root, apiVersion, `${kind}.js`);
  if (!existsSync(model)) return undefined;
  const text = readFileSync(model, 'utf8');
  if (!text.includes(`this.kind="${kind}"`) || !text.includes(`this.apiVersion="${apiVersion}"`)) return undefined;
  const m = /from"\.\.\/(?:\.\.\/)?_schemas\/([A-Za-z0-9]+)\.js"/.exec(text);
  return m ? join(root, '_schemas', `${m[1]}.js`) : undefined;
}

async function validatorFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!loaded.has(key)) {
    const file = roots.map(([, root]) => schemaModule(root, apiVersion, kind)).find(Boolean);
    loaded.set(key, file ? (await import(pathToFileURL(file).href)).validate : undefined);
  }
  return loaded.get(key);
}

const pointerToPath = (pointer) =>
  pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? (acc ? `${acc}.${s}` : s) : `${acc}[${s}]`), '');

function describe(e) {
  const p = e.params ?? {};
  switch (e.keyword) {
    case 'required': return { message: `missing required field "${p.missingProperty}"`, field: e.instancePath ? `${e.instancePath}/${p.missingProperty}` : `/${p.missingProperty}` };
    case 'type': return { message: `must be of type ${p.type}` };
    case 'enum': return { message: 'not an allowed value', allowed: (p.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ') };
    case 'const': return { message: 'not the allowed value', allowed: JSON.stringify(p.allowedValue) };
    case 'format': return { message: `must be a ${p.format}` };
    case 'pattern': return { message: 'does not match the pattern', allowed: p.pattern };
    default: return { message: `fails ${e.keyword} ${JSON.stringify(p)}` };
  }
}

const valueAt = (doc, pointer) => pointer.split('/').slice(1).reduce((v, s) => (v == null ? undefined : v[s.replace(/~1/g, '/').replace(/~0/g, '~')]), doc);
const POISON = Symbol('probe'); // fails every JSON Schema type check

/**
 * Unknown fields. The compiled validators check the fields a schema declares and ignore others,
 * so: poison every child of an object at once; a declared child errors, an undeclared one does
 * not. An object where no child errors is free-form (e.g. Helm valuesObject) and is skipped.
 */
function unknownFields(validate, doc) {
  const found = [];
  const walk = (node, pointer) => {
    if (Array.isArray(node)) return node.forEach((v, i) => walk(v, `${pointer}/${i}`));
    if (node === null || typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.length === 0) return;
    const probe = structuredClone(doc);
    const target = pointer === '' ? probe : valueAt(probe, pointer);
    for (const k of keys) target[k] = POISON;
    validate(probe);
    const errored = new Set((validate.errors ?? []).map((e) => e.instancePath).filter((p) => p.startsWith(`${pointer}/`)).map((p) => p.slice(pointer.length + 1).split('/')[0].replace(/~1/g, '/').replace(/~0/g, '~')));
    if (errored.size === 0) return; // free-form object: every key is allowed
    for (const k of keys) {
      const child = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (errored.has(k)) walk(node[k], child);
      else found.push(child);
    }
  };
  walk(doc, '');
  return found;
}

const input = JSON.parse(readFileSync(0, 'utf8'));
const problems = [];
for (const { file, object } of input) {
  const what = `${object?.kind ?? '?'} ${object?.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object?.metadata?.name ?? '?'}`;
  const validate = await validatorFor(object?.apiVersion, object?.kind);
  if (!validate) {
    problems.push({ path: file, message: `${what}: no upstream schema for ${object?.apiVersion}/${object?.kind}`, allowed: `a kind served by ${PACKAGES.join(', ')}` });
    continue;
  }
  if (!validate(object)) {
    for (const e of validate.errors ?? []) {
      const d = describe(e);
      const pointer = d.field ?? e.instancePath;
      problems.push({ path: `${file}: ${pointerToPath(pointer) || '(object)'}`, message: `${what}: ${d.message}`, ...(e.keyword !== 'required' ? { given: JSON.stringify(valueAt(object, e.instancePath)) ?? 'nothing' } : {}), ...(d.allowed ? { allowed: d.allowed } : {}) });
    }
  }
  for (const pointer of unknownFields(validate, object)) {
    problems.push({ path: `${file}: ${pointerToPath(pointer)}`, message: `${what}: unknown field (strict mode)`, allowed: 'only fields the upstream schema declares' });
  }
}
process.stdout.write(JSON.stringify(problems));
