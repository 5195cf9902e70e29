/*
 * The one module that imports cdk8s-plus-28. It gets no more releases upstream; pinned exactly in
 * package.json, and replacing it (a later cdk8s-plus-NN, or plain cdk8s ApiObjects) is a change
 * to this file alone.
 */
export { ConfigMap, Deployment, Namespace } from 'cdk8s-plus-28';
export type { ConfigMapProps, DeploymentProps, NamespaceProps } from 'cdk8s-plus-28';
