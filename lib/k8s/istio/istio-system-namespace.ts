import { Construct } from 'constructs';
import { SYNC_WAVE, syncWave } from '../argocd/sync-wave';
import { PropsCheck } from '../props-check';
import { Namespace } from '../plus';
import { ISTIO_NAMESPACE, NETWORK_LABEL } from './istio-version';

export interface IstioSystemNamespaceProps {
  /** The cluster's Istio network (multi-network mesh). */
  readonly network: string;
  /** @default SYNC_WAVE.namespaces */
  readonly syncWave?: number;
}

/** `istio-system`, labelled with the cluster's network so istiod and the gateways know it. */
export class IstioSystemNamespace extends Construct {
  constructor(scope: Construct, id: string, props: IstioSystemNamespaceProps) {
    super(scope, id);
    new PropsCheck('IstioSystemNamespace').name('network', props.network, 'label').done();
    new Namespace(this, 'Resource', {
      metadata: { name: ISTIO_NAMESPACE, labels: { [NETWORK_LABEL]: props.network }, annotations: syncWave(props.syncWave ?? SYNC_WAVE.namespaces) },
    });
  }
}
