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
// @kubernetes-models/prometheus-operator 6.0.0: generated from prometheus-operator's Go API types (monitoring.coreos.com v1, v1alpha1, v1beta1).
// @kubernetes-models/external-secrets 2.0.0 (external-secrets.io v1, v1alpha1) and @kubernetes-models/cert-manager 6.0.0.
const PACKAGES = ['kubernetes-models', '@kubernetes-models/argo-cd', '@kubernetes-models/istio', '@kubernetes-models/prometheus-operator', '@kubernetes-models/external-secrets', '@kubernetes-models/cert-manager'];

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
    loaded.set(key, file ? { validate: (await import(pathToFileURL(file).href)).validate, file } : undefined);
  }
  return loaded.get(key);
}

/**
 * Every property name the compiled validator of a kind (and the validators it imports) knows: each
 * checked property appears as `instancePath+"/<name>"`. A superset of the names declared at any one
 * object, used to tell a free-form object from one whose every key is undeclared.
 */
const namesByFile = new Map();
function propertyNames(file) {
  if (namesByFile.has(file)) return namesByFile.get(file);
  const names = new Set();
  namesByFile.set(file, names);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/\+"\/([^"\/]+)"/g)) names.add(m[1].replace(/~1/g, '/').replace(/~0/g, '~'));
  for (const m of text.matchAll(/import\{[^}]*\}from"([^"]+)"/g)) {
    let dep;
    try {
      dep = m[1].startsWith('.') ? join(dirname(file), m[1]) : fileURLToPath(import.meta.resolve(m[1].endsWith('.js') ? m[1] : `${m[1]}.js`));
    } catch {
      continue;
    }
    if (existsSync(dep)) for (const n of propertyNames(dep)) names.add(n);
  }
  return names;
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
function unknownFields(validate, doc, candidates) {
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
    if (errored.size === 0) {
      // Either free-form (Helm values, annotations-like maps of anything) or every key is undeclared:
      // poison every name the schema knows, at this object; if any of them errors, properties are
      // declared here and none of the keys given is one of them.
      const second = structuredClone(doc);
      const at = pointer === '' ? second : valueAt(second, pointer);
      for (const name of candidates) if (!(name in at)) at[name] = POISON;
      validate(second);
      const declared = (validate.errors ?? []).some((e) => e.instancePath.startsWith(`${pointer}/`));
      if (declared) for (const k of keys) found.push(`${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      return;
    }
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
  const schema = await validatorFor(object?.apiVersion, object?.kind);
  const validate = schema?.validate;
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
  for (const pointer of unknownFields(validate, object, propertyNames(schema.file))) {
    problems.push({ path: `${file}: ${pointerToPath(pointer)}`, message: `${what}: unknown field (strict mode)`, allowed: 'only fields the upstream schema declares' });
  }
}
process.stdout.write(JSON.stringify(problems));
