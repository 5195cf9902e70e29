// Validates Kubernetes objects against the upstream schemas that ship, compiled, in the
// kubernetes-models npm packages. Those packages are ES modules only, so this module runs in a
// worker thread of its own (see schema-validation.ts): JSON objects in, JSON problems out.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';

/**
 * Packages holding upstream schemas, in the layout every kubernetes-models package shares:
 * `<package>/<apiVersion>/<Kind>.js` is the model of a top-level kind (it sets `this.kind="<Kind>"`)
 * and imports its compiled validator from `_schemas/`. Any kind one of them serves is checked; any
 * other kind is an error (no unchecked object reaches dist/).
 */
// @kubernetes-models/prometheus-operator 6.0.0: generated from prometheus-operator's Go API types (monitoring.coreos.com v1, v1alpha1, v1beta1).
// @kubernetes-models/external-secrets 2.0.0 (external-secrets.io v1, v1alpha1) and @kubernetes-models/cert-manager 6.0.0.
export const PACKAGES = ['kubernetes-models', '@kubernetes-models/argo-cd', '@kubernetes-models/istio', '@kubernetes-models/prometheus-operator', '@kubernetes-models/external-secrets', '@kubernetes-models/cert-manager'];

const packageRoot = (name) => dirname(fileURLToPath(import.meta.resolve(name)));
let roots;
const loaded = new Map();

/** The compiled schema module of a kind, found through its model file, or undefined. */
function schemaModule(root, apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[A-Za-z0-9.-]+(\/[A-Za-z0-9]+)?$/.test(apiVersion) || !/^[A-Za-z0-9]+$/.test(kind)) return undefined;
  const model = join(root, apiVersion, `${kind}.js`);
  if (!existsSync(model)) return undefined;
  const text = readFileSync(model, 'utf8');
  if (!text.includes(`this.kind="${kind}"`) || !text.includes(`this.apiVersion="${apiVersion}"`)) return undefined;
  const m = /from"\.\.\/(?:\.\.\/)?_schemas\/([A-Za-z0-9]+)\.js"/.exec(text);
  return m ? join(root, '_schemas', `${m[1]}.js`) : undefined;
}

/** Counts a step of work for the thread waiting on this worker (set when this runs as the worker). */
let step = () => undefined;

async function validatorFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!loaded.has(key)) {
    roots ??= PACKAGES.map((name) => [name, packageRoot(name)]);
    const file = roots.map(([, root]) => schemaModule(root, apiVersion, kind)).find(Boolean);
    loaded.set(key, file ? { validate: (await import(pathToFileURL(file).href)).validate, file } : undefined);
    step();
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

/** Every name `propertyNames` finds, each set to POISON: what a quiet node is probed with. */
const poisonedByFile = new Map();
function poisonedNames(file) {
  if (!poisonedByFile.has(file)) poisonedByFile.set(file, Object.fromEntries([...propertyNames(file)].map((name) => [name, POISON])));
  return poisonedByFile.get(file);
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

const unescapeSegment = (s) => (s.includes('~') ? s.replace(/~1/g, '/').replace(/~0/g, '~') : s);
const escapeSegment = (k) => (k.includes('~') || k.includes('/') ? k.replace(/~/g, '~0').replace(/\//g, '~1') : k);
const valueAt = (doc, pointer) => pointer.split('/').slice(1).reduce((v, s) => (v == null ? undefined : v[unescapeSegment(s)]), doc);
const POISON = Symbol('probe'); // fails every JSON Schema type check

/** The object nodes at or below `node` that are not inside another one (arrays are looked through), with their pointers. */
function objectNodes(node, pointer, into) {
  if (Array.isArray(node)) node.forEach((v, i) => objectNodes(v, `${pointer}/${i}`, into));
  else if (node !== null && typeof node === 'object' && Object.keys(node).length > 0) into.push({ pointer, node });
  return into;
}

/**
 * For each error of the last validation, the probed node it falls under (by pointer) and the first
 * segment below it (the child it concerns, unescaped). Nodes of one round never contain each other.
 */
function erroredChildren(errors, byPointer) {
  const children = new Map();
  for (const e of errors ?? []) {
    let at = e.instancePath;
    for (let cut = at.lastIndexOf('/'); cut >= 0; cut = at.lastIndexOf('/')) {
      const parent = at.slice(0, cut);
      if (byPointer.has(parent)) {
        if (!children.has(parent)) children.set(parent, new Set());
        children.get(parent).add(unescapeSegment(at.slice(cut + 1)));
        break;
      }
      at = parent;
    }
  }
  return children;
}

/**
 * Unknown fields. The compiled validators check the fields a schema declares and ignore others,
 * so: poison every child of an object at once; a declared child errors, an undeclared one does
 * not. An object where no child errors is free-form (e.g. Helm valuesObject) and is skipped.
 *
 * Probed a level at a time: every object node of one level (nodes whose parents were found
 * declared in the level before) is poisoned in the same validation, then restored. That is one
 * validation per level of nesting instead of one per object node (a PrometheusRule of 1,000 nodes
 * took 1,000 validations of itself), and no copy of the document per probe. The nodes of a level
 * never contain one another, so each error belongs to exactly one of them.
 */
function unknownFields(validate, object, candidates) {
  const found = [];
  const doc = structuredClone(object);
  let level = objectNodes(doc, '', []);
  while (level.length > 0) {
    const byPointer = new Map(level.map((n) => [n.pointer, n]));
    for (const n of level) {
      n.saved = Object.keys(n.node).map((k) => [k, n.node[k]]);
      for (const [k] of n.saved) n.node[k] = POISON;
    }
    validate(doc);
    const errored = erroredChildren(validate.errors, byPointer);
    for (const n of level) for (const [k, v] of n.saved) n.node[k] = v;

    // Nodes where no child errored: free-form (Helm values, maps of anything), or every key is
    // undeclared. Poison every name the schema knows at them; where any of those errors,
    // properties are declared there and none of the keys given is one of them.
    const quiet = level.filter((n) => !errored.has(n.pointer));
    if (quiet.length > 0) {
      // Each quiet node is swapped, in its parent, for a copy holding its own keys plus every other
      // name poisoned (copying a prepared object is far cheaper than adding and deleting each name).
      const swapped = quiet.map((n) => {
        const probe = Object.assign({}, candidates, n.node);
        if (n.pointer === '') {
          for (const k of Object.keys(candidates)) if (!(k in n.node)) n.node[k] = POISON;
          return () => { for (const k of Object.keys(candidates)) if (probe[k] === POISON && n.node[k] === POISON) delete n.node[k]; };
        }
        const parent = valueAt(doc, n.pointer.slice(0, n.pointer.lastIndexOf('/')));
        const key = unescapeSegment(n.pointer.slice(n.pointer.lastIndexOf('/') + 1));
        parent[key] = probe;
        return () => { parent[key] = n.node; };
      });
      validate(doc);
      const declared = erroredChildren(validate.errors, new Map(quiet.map((n) => [n.pointer, n])));
      for (const restore of swapped) restore();
      for (const n of quiet) if (declared.has(n.pointer)) for (const k of Object.keys(n.node)) found.push(`${n.pointer}/${escapeSegment(k)}`);
    }

    const next = [];
    for (const n of level) {
      const children = errored.get(n.pointer);
      if (!children) continue;
      for (const k of Object.keys(n.node)) {
        const child = `${n.pointer}/${escapeSegment(k)}`;
        if (children.has(k)) objectNodes(n.node[k], child, next);
        else found.push(child);
      }
    }
    level = next;
  }
  return found.length > 0 ? inDocumentOrder(object, new Set(found)) : found;
}

/** The pointers of `found`, in the order a depth-first walk of the document meets them (keys in their order). */
function inDocumentOrder(doc, found) {
  const ordered = [];
  const walk = (node, pointer) => {
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Array.isArray(node) ? node.map((v, i) => [String(i), v]) : Object.entries(node)) {
      const child = `${pointer}/${escapeSegment(k)}`;
      if (found.has(child)) ordered.push(child);
      else walk(v, child);
    }
  };
  walk(doc, '');
  return ordered;
}

/**
 * Whether the compiled validator of a file (or one it imports) has a combinator: only there can
 * whether a location declares a property depend on values rather than on where it is.
 */
const combinatorsByFile = new Map();
function hasCombinators(file) {
  if (combinatorsByFile.has(file)) return combinatorsByFile.get(file);
  combinatorsByFile.set(file, false);
  const text = readFileSync(file, 'utf8');
  let found = /keyword:"(oneOf|anyOf|not|if|then|else|contains|dependencies|dependentSchemas|unevaluatedProperties)"/.test(text);
  for (const m of text.matchAll(/import\{[^}]*\}from"(\.[^"]+)"/g)) if (!found && hasCombinators(join(dirname(file), m[1]))) found = true;
  combinatorsByFile.set(file, found);
  return found;
}

/**
 * `unknownFields`, remembered by the shape of the object (its keys and array lengths, every
 * primitive value replaced by its type) for schemas without combinators: there, which children of
 * a location a schema declares depends only on the location, and a poisoned child fails whatever
 * its siblings hold. So objects made by the same code (one per cluster) are probed once.
 */
const unknownByShape = new Map();
function unknownFieldsOf(file, validate, object) {
  if (hasCombinators(file)) return unknownFields(validate, object, poisonedNames(file));
  const key = `${file}\u0000${JSON.stringify(object, (_, v) => (v !== null && typeof v === 'object' ? v : typeof v))}`;
  let found = unknownByShape.get(key);
  if (!found) {
    found = unknownFields(validate, object, poisonedNames(file));
    unknownByShape.set(key, found);
  }
  return found;
}

/** The compiled validator of a kind alone (undefined when none serves it): what the bench compares the strict check with. */
export async function compiledValidator(apiVersion, kind) {
  return (await validatorFor(apiVersion, kind))?.validate;
}

/**
 * Problems of each object ({file, json}), in order; `index` is the object's place in the input.
 * Each object is parsed as its turn comes and let go after its check: the objects of a big fleet,
 * parsed all at once, were held together for the whole check (README, Performance).
 */
export async function validateObjects(input) {
  const problems = [];
  for (let index = 0; index < input.length; index++) {
    const { file, json } = input[index];
    const object = JSON.parse(json);
    const what = `${object?.kind ?? '?'} ${object?.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object?.metadata?.name ?? '?'}`;
    const schema = await validatorFor(object?.apiVersion, object?.kind);
    const validate = schema?.validate;
    if (!validate) {
      problems.push({ index, path: file, message: `${what}: no upstream schema for ${object?.apiVersion}/${object?.kind}`, allowed: `a kind served by ${PACKAGES.join(', ')}` });
      continue;
    }
    if (!validate(object)) {
      for (const e of validate.errors ?? []) {
        const d = describe(e);
        const pointer = d.field ?? e.instancePath;
        problems.push({ index, path: `${file}: ${pointerToPath(pointer) || '(object)'}`, message: `${what}: ${d.message}`, ...(e.keyword !== 'required' ? { given: JSON.stringify(valueAt(object, e.instancePath)) ?? 'nothing' } : {}), ...(d.allowed ? { allowed: d.allowed } : {}) });
      }
    }
    for (const pointer of unknownFieldsOf(schema.file, validate, object)) {
      problems.push({ index, path: `${file}: ${pointerToPath(pointer)}`, message: `${what}: unknown field (strict mode)`, allowed: 'only fields the upstream schema declares' });
    }
  }
  return problems;
}

// As a worker thread (schema-validation.ts): each request on the port is answered on it, then the
// shared flag is raised for the thread waiting: { batches: n } with { problems } or { error }, the
// check's objects being the next n messages on the batch port, each [{ file, json }]; { warm:
// ['<apiVersion>/<kind>'] } (loads those validators ahead, answers nothing). The batches are taken
// off their port one at a time, as each is checked: a big fleet's objects, received in one message,
// were all held (their JSON) until the whole check was done.
if (!isMainThread && workerData?.fleetsynthSchemaWorker) {
  const { port, batches, flag } = workerData;
  // Each step counted for the waiting thread, which takes a worker that counts none for long for dead.
  step = () => Atomics.add(flag, 1, 1);
  port.on('message', async (request) => {
    if (request.warm) {
      for (const key of request.warm) {
        const cut = key.lastIndexOf('/');
        await validatorFor(key.slice(0, cut), key.slice(cut + 1)).catch(() => undefined);
      }
      return;
    }
    let reply;
    let taken = 0;
    try {
      const problems = [];
      for (let offset = 0; taken < request.batches; taken++) {
        const batch = receiveMessageOnPort(batches)?.message;
        if (!Array.isArray(batch)) throw new Error(`batch ${taken + 1} of ${request.batches} is missing`);
        for (const p of await validateObjects(batch)) problems.push({ ...p, index: p.index + offset });
        offset += batch.length;
        step();
      }
      reply = { problems };
    } catch (e) {
      reply = { error: e?.stack ?? String(e) };
    }
    // What a failed check left on the batch port is not the next check's.
    for (; taken < request.batches; taken++) receiveMessageOnPort(batches);
    port.postMessage(reply);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
}
