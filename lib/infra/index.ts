export * from './backend';
export * from './cluster-stack';
