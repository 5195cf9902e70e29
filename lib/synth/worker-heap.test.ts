import type { WorkerOptions } from 'worker_threads';
import { fleetAddons } from '../addons/fleet-addons';
import { resolveFleet } from '../fleet';
import { fakeOutputs, testFleet } from '../../test/fleets';
import { renderFleet } from './render-fleet';
import { schemaProblems } from './schema-validation';
import { WORKER_RESOURCE_LIMITS } from './worker-heap';

// The module object itself (an `import * as` namespace would be a copy, and spying on it would change nothing).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workerThreads: typeof import('worker_threads') = require('worker_threads');

/** The options of every worker thread started while `run` runs. */
function workersStartedBy(run: () => void): WorkerOptions[] {
  const started: WorkerOptions[] = [];
  const RealWorker = workerThreads.Worker;
  const spy = jest.spyOn(workerThreads, 'Worker').mockImplementation(((file: string, options: WorkerOptions) => {
    started.push(options);
    return new RealWorker(file, options);
  }) as never);
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return started;
}

describe('worker threads get a small young generation', () => {
  test('the limit is a nursery of a few MiB, not V8\'s default for a whole process', () => {
    expect(WORKER_RESOURCE_LIMITS).toEqual({ maxYoungGenerationSizeMb: 8 });
  });

  test('render workers start with it', () => {
    const definition = testFleet();
    const { addons } = fleetAddons(definition);
    const started = workersStartedBy(() => renderFleet(resolveFleet(definition), { outputs: fakeOutputs(definition), addons, definition, threads: 2, workersOnly: true }));
    const renderWorkers = started.filter((o) => (o.workerData as { fleetsynthRenderWorker?: boolean })?.fleetsynthRenderWorker);
    expect(renderWorkers.length).toBeGreaterThan(0);
    expect(renderWorkers.map((o) => o.resourceLimits)).toEqual(renderWorkers.map(() => WORKER_RESOURCE_LIMITS));
  }, 120_000);

  test('the schema check\'s worker starts with it', () => {
    const started = workersStartedBy(() => schemaProblems([{ file: 'x.yaml', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } } as never]));
    const schemaWorkers = started.filter((o) => (o.workerData as { fleetsynthSchemaWorker?: boolean })?.fleetsynthSchemaWorker);
    // Started once per process, and let go after a few idle seconds: this file's first schema check starts it.
    expect(schemaWorkers.map((o) => o.resourceLimits)).toEqual([WORKER_RESOURCE_LIMITS]);
  });
});
