export * from './cli';
export * from './init';
export * from './load-fleet';
export * from './type-check';
