export * from './convergence';
export { BUILT_IN_KINDS, builtInKind } from './kube-kinds';
export type { KindInfo } from './kube-kinds';
