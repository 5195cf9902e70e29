import { Construct } from 'constructs';
import { SYNC_WAVE, syncWave } from '../argocd/sync-wave';
import { PropsCheck } from '../props-check';
import { Namespace } from '../plus';
import { CriticalPodsQuota } from '../critical-pods';
import { ISTIO_NAMESPACE, NETWORK_LABEL } from './istio-version';

export interface IstioSystemNamespaceProps {
  /** The cluster's Istio network (multi-network mesh). */
  readonly network: string;
  /** @default SYNC_WAVE.namespaces */
  readonly syncWave?: number;
}

/**
 * `istio-system`, labelled with the cluster's network so istiod and the gateways know it, with the quota that
 * admits istiod and the east-west gateway at the platform's priority on GKE (critical-pods.ts): a ResourceQuota
 * after its Namespace in the same wave (Argo CD's kind order), both in the cluster's bootstrap stage, before Istio.
 */
export class IstioSystemNamespace extends Construct {
  constructor(scope: Construct, id: string, props: IstioSystemNamespaceProps) {
    super(scope, id);
    new PropsCheck('IstioSystemNamespace').name('network', props.network, 'label').done();
    new Namespace(this, 'Resource', {
      metadata: { name: ISTIO_NAMESPACE, labels: { [NETWORK_LABEL]: props.network }, annotations: syncWave(props.syncWave ?? SYNC_WAVE.namespaces) },
    });
    new CriticalPodsQuota(this, 'CriticalPods', { namespace: ISTIO_NAMESPACE, syncWave: props.syncWave ?? SYNC_WAVE.namespaces });
  }
}
