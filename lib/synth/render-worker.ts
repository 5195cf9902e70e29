/*
 * A render worker thread (render-threads.ts): makes the fleet and its add-ons again from the fleet
 * as written, then takes units from the shared counter and reports each one's result or error,
 * storing results in the cache as this thread's synth would.
 */
// First: the jsii packages load without their inline source maps (inline-source-maps.ts), and cdktf's
// zip library fleetsynth never uses is deferred (deferred-archiver.ts).
import './inline-source-maps';
import '../infra/deferred-archiver';
import { MessagePort, workerData } from 'worker_threads';
import { fleetAddons } from '../addons/fleet-addons';
import { FleetError, resolveFleet } from '../fleet';
import { cacheableDefinition, RenderCache, tracedInputs, unitKeyParts, UsedEntry } from './render-cache';
import { RenderInputs, renderUnit, UnitResult, worthCaching } from './render-fleet';
import { FIRST_ERROR, NEXT, recordFailure, RenderJob, REPORTED, sendableError, WorkerReport } from './render-threads';
import { SynthCache } from './synth-cache';

const { job, shared, port } = workerData as { job: RenderJob; shared: Int32Array; port: MessagePort };

function send(report: WorkerReport): void {
  port.postMessage(report);
  Atomics.add(shared, REPORTED, 1);
  Atomics.notify(shared, REPORTED);
}

function start(): { inputs: RenderInputs; cache?: RenderCache } {
  const { addons, problems } = fleetAddons(job.definition);
  if (problems.length > 0) throw new FleetError(problems);
  const fleet = resolveFleet(job.definition);
  const inputs: RenderInputs = { fleet, outputs: job.outputs, stackOutputs: job.stackOutputs, addons, kubernetesOnly: job.kubernetesOnly };
  return { inputs, ...(job.cacheDir && cacheableDefinition(job.definition) ? { cache: new RenderCache(new SynthCache(job.cacheDir)) } : {}) };
}

let started: ReturnType<typeof start> | undefined;
try {
  started = start();
} catch (e) {
  send({ fatal: sendableError(e) });
}
if (started) {
  const { inputs, cache } = started;
  for (let k = Atomics.add(shared, NEXT, 1); k < job.order.length; k = Atomics.add(shared, NEXT, 1)) {
    const index = job.order[k];
    if (index > Atomics.load(shared, FIRST_ERROR)) {
      send({ unit: index, skipped: true });
      continue;
    }
    const unit = job.units[index];
    try {
      let result: UnitResult;
      let used: UsedEntry | undefined;
      if (cache && worthCaching(unit)) {
        const traced = tracedInputs(inputs);
        result = renderUnit(traced.inputs, unit);
        used = cache.store(unitKeyParts(unit, inputs, job.definition), traced.record, result);
      } else result = renderUnit(inputs, unit);
      send({ unit: index, result, ...(used ? { used } : {}) });
    } catch (e) {
      recordFailure(shared, index);
      send({ unit: index, error: sendableError(e) });
    }
  }
}
port.close();
