export * from './addon';
export * from './fleet';
export * from './fleet-addons';
export * from './registry';
export * from './secrets';
