import { FleetRender, globalExpect, ObjectQuery } from './render-for-test';

/*
 * Jest matchers in the style of cdktf's (`toHaveResourceWithProperties`): on a FleetRender,
 * `expect(render).toHaveObject(query, partial?)`, `.toHaveResource(stack, type, partial?)` and
 * `.toHaveOutput(stack, name)`. A partial matches when every field it gives matches (objects
 * recursively, arrays element by element and of the same length); jest's asymmetric matchers
 * (`expect.any(String)`, `expect.stringMatching(…)`) work anywhere in it.
 */

interface MatcherResult {
  pass: boolean;
  message(): string;
}

/** Whether `actual` has every field `partial` gives, recursively. */
export function matchesPartial(actual: unknown, partial: unknown): boolean {
  if (partial !== null && typeof partial === 'object' && typeof (partial as { asymmetricMatch?: unknown }).asymmetricMatch === 'function') {
    return (partial as { asymmetricMatch(a: unknown): boolean }).asymmetricMatch(actual);
  }
  if (Array.isArray(partial)) return Array.isArray(actual) && actual.length === partial.length && partial.every((p, i) => matchesPartial(actual[i], p));
  if (partial !== null && typeof partial === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(partial).every(([k, v]) => matchesPartial((actual as Record<string, unknown>)[k], v));
  }
  return Object.is(actual, partial);
}

function render(received: unknown, matcher: string): FleetRender {
  if (!(received instanceof FleetRender)) throw new Error(`${matcher}: expect(…) takes what renderForTest returns`);
  return received;
}

const show = (v: unknown) => JSON.stringify(v);

export const fleetMatchers = {
  toHaveObject(received: unknown, query: ObjectQuery, partial?: Record<string, unknown>): MatcherResult {
    const r = render(received, 'toHaveObject');
    const candidates = r.objects(query);
    const matching = partial === undefined ? candidates : candidates.filter((c) => matchesPartial(c.object, partial));
    const pass = matching.length > 0;
    const what = `an object ${show(query)}${partial === undefined ? '' : ` with ${show(partial)}`}`;
    return {
      pass,
      message: () => {
        if (pass) return `expected no ${what}; found ${matching.map((m) => m.path).join(', ')}`;
        if (candidates.length > 0) return `expected ${what}; ${candidates.length} match the query but not the fields: ${candidates.slice(0, 5).map((c) => c.path).join(', ')}`;
        const near = r.objects({ ...(query.cluster ? { cluster: query.cluster } : {}), ...(query.kind ? { kind: query.kind } : {}) });
        return `expected ${what}; there is none${near.length > 0 ? `. Of that cluster and kind there are: ${near.slice(0, 10).map((n) => `${n.object.metadata.namespace ? `${n.object.metadata.namespace}/` : ''}${n.object.metadata.name}`).join(', ')}` : ''}`;
      },
    };
  },

  toHaveResource(received: unknown, stack: string, type: string, partial?: Record<string, unknown>): MatcherResult {
    const r = render(received, 'toHaveResource');
    const candidates = r.resources(stack, type);
    const matching = partial === undefined ? candidates : candidates.filter((c) => matchesPartial(c.values, partial));
    const pass = matching.length > 0;
    const what = `a ${type} in stack ${stack}${partial === undefined ? '' : ` with ${show(partial)}`}`;
    return {
      pass,
      message: () =>
        pass
          ? `expected no ${what}; found ${matching.map((m) => m.address).join(', ')}`
          : `expected ${what}; ${candidates.length === 0 ? `the stack has none (its types: ${[...new Set(r.resources(stack).map((x) => x.type))].join(', ')})` : `it has ${candidates.map((c) => c.address).join(', ')}, none with those values`}`,
    };
  },

  toHaveOutput(received: unknown, stack: string, name: string): MatcherResult {
    const r = render(received, 'toHaveOutput');
    const outputs = r.outputs(stack);
    const pass = Object.hasOwn(outputs, name);
    return {
      pass,
      message: () => (pass ? `expected stack ${stack} to have no output ${name}` : `expected stack ${stack} to have an output ${name}; it has ${Object.keys(outputs).join(', ') || 'none'}`),
    };
  },
};

/** Registers the matchers with jest's `expect` (done on import of fleetsynth/testing when a global `expect` exists). */
export function setupJest(): void {
  globalExpect().extend(fleetMatchers);
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The render has a Kubernetes object matching the query (cluster, kind, apiVersion, namespace, name) and, when given, these fields. */
      toHaveObject(query: ObjectQuery, partial?: Record<string, unknown>): R;
      /** The stack has a resource of this Terraform type and, when given, with these values. */
      toHaveResource(stack: string, type: string, partial?: Record<string, unknown>): R;
      /** The stack declares this output. */
      toHaveOutput(stack: string, name: string): R;
    }
  }
}
