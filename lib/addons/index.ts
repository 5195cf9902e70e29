// First: cdktf loads a zip library fleetsynth never uses; see deferred-archiver.ts.
import '../infra/deferred-archiver';
export * from './addon';
export * from './fleet';
export * from './fleet-addons';
export * from './registry';
export * from './secrets';
