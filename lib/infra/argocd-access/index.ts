export * from './aws';
export * from './azure';
export * from './gcp';
