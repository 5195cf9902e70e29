// First: cdktf loads a zip library fleetsynth never uses; see deferred-archiver.ts.
import './infra/deferred-archiver';
export * from './fleet';
export * from './k8s';
export * from './infra';
export * from './addons';
export * from './synth';
export * from './verify';
