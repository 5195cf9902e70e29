import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SYNC_WAVE, syncWave } from '../argocd/sync-wave';

/** The label on a namespace whose pods must carry Istio's sidecar (the fleet apps' namespaces). */
export const SIDECAR_REQUIRED_LABEL = 'fleetsynth.io/sidecar-required';

export const SIDECAR_REQUIRED_POLICY = 'fleetsynth-sidecar-required';

/**
 * Admitted: a pod Istio's injector has processed, or one it is told to leave alone. The injector
 * marks every pod it injects with the `sidecar.istio.io/status` annotation (istio
 * pkg/kube/inject/webhook.go; Istio's own CNI plugin tests for it the same way, cni/pkg/plugin), and
 * skips pods labelled or annotated `sidecar.istio.io/inject: "false"` (its webhook's objectSelector,
 * and injectRequired) and pods on the host network. Validating admission runs after every mutating
 * webhook, so an injected pod is judged with its annotation.
 */
export const SIDECAR_REQUIRED_EXPRESSION = [
  "(has(object.metadata.annotations) && 'sidecar.istio.io/status' in object.metadata.annotations)",
  "(has(object.metadata.labels) && 'sidecar.istio.io/inject' in object.metadata.labels && object.metadata.labels['sidecar.istio.io/inject'] == 'false')",
  "(has(object.metadata.annotations) && 'sidecar.istio.io/inject' in object.metadata.annotations && object.metadata.annotations['sidecar.istio.io/inject'] == 'false')",
  '(has(object.spec.hostNetwork) && object.spec.hostNetwork)',
].join(' || ');

export interface SidecarRequiredPolicyProps {
  /** @default SYNC_WAVE.admissionPolicies: before the namespaces it guards exist */
  readonly syncWave?: number;
}

/**
 * Pods in the fleet apps' namespaces are created only with Istio's sidecar. A pod created before
 * istiod's injection webhook exists would start without one and stay outside the mesh (no mTLS
 * identity, unreachable through the east-west gateways, no telemetry) until someone restarts it.
 * An ApplicationSet generates a cluster's Applications as soon as the cluster is registered (the
 * ApplicationSet controller watches cluster Secrets: argo-cd
 * applicationset/controllers/clustereventhandler.go), and explicit app Applications are in the
 * fleet root's last wave, beside the cluster's own root: either is minutes before its istiod. Their
 * namespace (and this policy, a wave before it) comes from the cluster's bootstrap stage. With this policy such a pod is refused, and its
 * ReplicaSet retries until the webhook injects it: late instead of wrong.
 *
 * A ValidatingAdmissionPolicy (admissionregistration.k8s.io/v1, GA since Kubernetes 1.30; every
 * version fleetsynth supports) needs no webhook of its own, so nothing else has to run first.
 */
export class SidecarRequiredPolicy extends Construct {
  constructor(scope: Construct, id: string, props: SidecarRequiredPolicyProps = {}) {
    super(scope, id);
    const annotations = syncWave(props.syncWave ?? SYNC_WAVE.admissionPolicies);
    new ApiObject(this, 'Policy', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: SIDECAR_REQUIRED_POLICY, annotations },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: { resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'] }] },
        validations: [{
          expression: SIDECAR_REQUIRED_EXPRESSION,
          reason: 'Forbidden',
          message: 'pods in this namespace run with the Istio sidecar, and the injector has not processed this one (is istiod up?); its controller retries. '
            + 'To run a pod without the sidecar, label it sidecar.istio.io/inject: "false"',
        }],
      },
    });
    new ApiObject(this, 'Binding', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: SIDECAR_REQUIRED_POLICY, annotations },
      spec: {
        policyName: SIDECAR_REQUIRED_POLICY,
        validationActions: ['Deny'],
        matchResources: { namespaceSelector: { matchLabels: { [SIDECAR_REQUIRED_LABEL]: 'true' } } },
      },
    });
  }
}
