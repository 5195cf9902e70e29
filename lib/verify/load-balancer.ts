/**
 * A Service of type LoadBalancer, whose health waits on the cloud: gitops-engine pkg/health/health_service.go
 * getCorev1ServiceHealth (argo-cd v3.4.4) keeps it Progressing until `status.loadBalancer.ingress` is set, and
 * never reports it Degraded. A sync waiting for one (in any wave but its last) therefore neither fails nor
 * retries when the cloud gives no address (no subnet for it, a quota, a static address in the wrong place): it
 * waits for good, and while it does Argo CD applies no newer commit to that Application.
 */
import { identityOf, isRecord } from './kube-kinds';

export const IGNORE_HEALTHCHECK_ANNOTATION = 'argocd.argoproj.io/ignore-healthcheck';

export const AWAITS_ADDRESS = 'a LoadBalancer Service is Progressing until its cloud gives it an address';

export function isLoadBalancerService(object: Record<string, any>): boolean {
  const id = identityOf(object);
  return id.group === '' && id.kind === 'Service' && isRecord(object.spec) && object.spec.type === 'LoadBalancer';
}

/** Whether an object is left out of its Application's health (argo-cd controller/health.go setApplicationHealth); its sync still waits for it. */
export function ignoresHealthCheck(object: Record<string, any>): boolean {
  return isRecord(object.metadata) && isRecord(object.metadata.annotations) && object.metadata.annotations[IGNORE_HEALTHCHECK_ANNOTATION] === 'true';
}
