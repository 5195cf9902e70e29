export * from './cloud-config';
export * from './cluster-chart';
