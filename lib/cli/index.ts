// First: cdktf loads a zip library fleetsynth never uses; see deferred-archiver.ts.
import '../infra/deferred-archiver';
export * from './cli';
export * from './init';
export * from './load-fleet';
export * from './type-check';
