// First: cdktf loads a zip library fleetsynth never uses; see deferred-archiver.ts.
import './deferred-archiver';
export * from './argocd-access';
export * from './aks-cluster';
export * from './aws-network';
export * from './azure-network';
export * from './azure-public-ip-zones';
export * from './backend';
export * from './cluster-stack';
export * from './eks-cluster';
export * from './gcp-network';
export * from './gcp-project-services';
export * from './gke-cluster';
export * from './stack-file';
