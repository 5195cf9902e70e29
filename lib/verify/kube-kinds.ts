/**
 * Kubernetes kinds a cluster knows before anything is installed on it, and how to read an
 * object's group, kind, name and namespace.
 */

/** A kind as the API server serves it. */
export interface KindInfo {
  /** API group: '' for the core group. */
  readonly group: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

// Every kind Kubernetes 1.34 serves, as `kubectl api-resources` lists it, plus the beta kinds a cluster
// serves once their API is enabled (MutatingAdmissionPolicy*, ClusterTrustBundle, LeaseCandidate), so they
// are never mistaken for custom resources. Source: https://kubernetes.io/docs/reference/generated/kubernetes-api/v1.34/
// Every GA kind of the `kubernetes-models` 5.1.0 package (Kubernetes 1.36.0) is here but the subresources
// (Scale, Eviction, TokenRequest). Kinds, not versions: which minor serves which API version of them is
// served-apis.ts's.
const TABLE: Readonly<Record<string, Readonly<Record<string, boolean>>>> = {
  '': {
    Binding: true,
    ComponentStatus: false,
    ConfigMap: true,
    Endpoints: true,
    Event: true,
    LimitRange: true,
    Namespace: false,
    Node: false,
    PersistentVolume: false,
    PersistentVolumeClaim: true,
    Pod: true,
    PodTemplate: true,
    ReplicationController: true,
    ResourceQuota: true,
    Secret: true,
    Service: true,
    ServiceAccount: true,
  },
  'admissionregistration.k8s.io': {
    MutatingAdmissionPolicy: false,
    MutatingAdmissionPolicyBinding: false,
    MutatingWebhookConfiguration: false,
    ValidatingAdmissionPolicy: false,
    ValidatingAdmissionPolicyBinding: false,
    ValidatingWebhookConfiguration: false,
  },
  'apiextensions.k8s.io': { CustomResourceDefinition: false },
  'apiregistration.k8s.io': { APIService: false },
  apps: { ControllerRevision: true, DaemonSet: true, Deployment: true, ReplicaSet: true, StatefulSet: true },
  'authentication.k8s.io': { SelfSubjectReview: false, TokenReview: false },
  'authorization.k8s.io': { LocalSubjectAccessReview: true, SelfSubjectAccessReview: false, SelfSubjectRulesReview: false, SubjectAccessReview: false },
  autoscaling: { HorizontalPodAutoscaler: true },
  batch: { CronJob: true, Job: true },
  'certificates.k8s.io': { CertificateSigningRequest: false, ClusterTrustBundle: false },
  'coordination.k8s.io': { Lease: true, LeaseCandidate: true },
  'discovery.k8s.io': { EndpointSlice: true },
  'events.k8s.io': { Event: true },
  'flowcontrol.apiserver.k8s.io': { FlowSchema: false, PriorityLevelConfiguration: false },
  'networking.k8s.io': { IPAddress: false, Ingress: true, IngressClass: false, NetworkPolicy: true, ServiceCIDR: false },
  'node.k8s.io': { RuntimeClass: false },
  policy: { PodDisruptionBudget: true },
  'rbac.authorization.k8s.io': { ClusterRole: false, ClusterRoleBinding: false, Role: true, RoleBinding: true },
  'resource.k8s.io': { DeviceClass: false, ResourceClaim: true, ResourceClaimTemplate: true, ResourceSlice: false },
  'scheduling.k8s.io': { PriorityClass: false },
  'storage.k8s.io': { CSIDriver: false, CSINode: false, CSIStorageCapacity: true, StorageClass: false, VolumeAttachment: false, VolumeAttributesClass: false },
};

/** Every built-in kind, sorted by group then kind. */
export const BUILT_IN_KINDS: readonly KindInfo[] = Object.entries(TABLE)
  .flatMap(([group, kinds]) => Object.entries(kinds).map(([kind, namespaced]) => ({ group, kind, namespaced })))
  .sort((a, b) => (a.group === b.group ? cmp(a.kind, b.kind) : cmp(a.group, b.group)));

/** The built-in kind, or undefined when the group/kind is not built in (a custom resource). */
export function builtInKind(group: string, kind: string): KindInfo | undefined {
  const namespaced = TABLE[group]?.[kind];
  return namespaced === undefined ? undefined : { group, kind, namespaced };
}

/** Argo CD's own CRDs, installed with Argo CD on the management cluster (argoproj/argo-cd manifests/crds/). */
export const ARGO_CD_KINDS: readonly KindInfo[] = [
  { group: 'argoproj.io', kind: 'Application', namespaced: true },
  { group: 'argoproj.io', kind: 'ApplicationSet', namespaced: true },
  { group: 'argoproj.io', kind: 'AppProject', namespaced: true },
];

/** The API group of an `apiVersion`: `v1` → '', `apps/v1` → 'apps'. */
export function groupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** `group/Kind` as Argo CD and kubectl print it; the core group is left out. */
export function groupKind(group: string, kind: string): string {
  return group === '' ? kind : `${group}/${kind}`;
}

/** What identifies a Kubernetes object, read leniently (missing fields become ''). */
export interface ObjectIdentity {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** metadata.namespace as written, '' when absent. */
  readonly namespace: string;
}

export function identityOf(object: Record<string, any>): ObjectIdentity {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  return {
    group: groupOf(object.apiVersion),
    kind: typeof object.kind === 'string' ? object.kind : '',
    name: typeof metadata.name === 'string' ? metadata.name : '',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
  };
}

/** The group, kind and scope a CustomResourceDefinition object defines, or undefined if it is not one. */
export function crdDefinedBy(object: Record<string, any>): KindInfo | undefined {
  const id = identityOf(object);
  if (id.group !== 'apiextensions.k8s.io' || id.kind !== 'CustomResourceDefinition') return undefined;
  const spec = isRecord(object.spec) ? object.spec : {};
  const kind = isRecord(spec.names) && typeof spec.names.kind === 'string' ? spec.names.kind : undefined;
  if (typeof spec.group !== 'string' || kind === undefined) return undefined;
  return { group: spec.group, kind, namespaced: spec.scope !== 'Cluster' };
}

export function annotationsOf(object: Record<string, any>): Readonly<Record<string, string>> {
  const a = isRecord(object.metadata) && isRecord(object.metadata.annotations) ? object.metadata.annotations : {};
  return a as Record<string, string>;
}

export function labelsOf(object: Record<string, any>): Readonly<Record<string, string>> {
  const l = isRecord(object.metadata) && isRecord(object.metadata.labels) ? object.metadata.labels : {};
  return l as Record<string, string>;
}

export function isRecord(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Plain code-unit order, like Go's string comparison for ASCII names. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
