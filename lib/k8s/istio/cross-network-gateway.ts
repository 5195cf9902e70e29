import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MESH_RESOURCE_ANNOTATIONS } from '../argocd/sync-wave';
import { ISTIO_NAMESPACE } from './istio-version';

export interface CrossNetworkGatewayProps {
  /** @default 'cross-network-gateway' */
  readonly name?: string;
  /** Labels of the east-west gateway pods. @default { istio: 'eastwestgateway' } */
  readonly selector?: Readonly<Record<string, string>>;
}

/** Exposes every `*.local` service to the other networks on 15443, mTLS passed through (AUTO_PASSTHROUGH). */
export class CrossNetworkGateway extends Construct {
  constructor(scope: Construct, id: string, props: CrossNetworkGatewayProps = {}) {
    super(scope, id);
    new ApiObject(this, 'Resource', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: props.name ?? 'cross-network-gateway', namespace: ISTIO_NAMESPACE, annotations: { ...MESH_RESOURCE_ANNOTATIONS } },
      spec: {
        selector: { ...(props.selector ?? { istio: 'eastwestgateway' }) },
        servers: [{ port: { number: 15443, name: 'tls', protocol: 'TLS' }, tls: { mode: 'AUTO_PASSTHROUGH' }, hosts: ['*.local'] }],
      },
    });
  }
}
