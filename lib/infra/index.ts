export * from './aks-cluster';
export * from './aws-network';
export * from './azure-network';
export * from './backend';
export * from './cluster-stack';
export * from './eks-cluster';
export * from './gcp-network';
export * from './gke-cluster';
