import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MESH_RESOURCE_ANNOTATIONS } from '../../k8s/argocd/sync-wave';
import { INGRESS_GATEWAY_LABELS, INGRESS_NAMESPACE } from './ingress-gateway';

export interface GlobalEndpointRoutesProps {
  /** Names the Gateway and the VirtualService. */
  readonly name: string;
  readonly host: string;
  /** The `kubernetes.io/tls` Secret (in the gateway's namespace) with the host's certificate. */
  readonly tlsSecretName: string;
  readonly backend: { readonly service: string; readonly namespace: string; readonly port: number };
  /** @default 'istio-ingress' */
  readonly namespace?: string;
  /** @default the ingress gateway's labels (istio: ingressgateway) */
  readonly selector?: Readonly<Record<string, string>>;
}

/**
 * What the ingress gateway serves for one public host: a Gateway terminating TLS with the host's
 * certificate (credentialName: a Secret beside the gateway, istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/)
 * and redirecting plain HTTP to HTTPS, and a VirtualService sending the host to the backend Service.
 */
export class GlobalEndpointRoutes extends Construct {
  constructor(scope: Construct, id: string, props: GlobalEndpointRoutesProps) {
    super(scope, id);
    const namespace = props.namespace ?? INGRESS_NAMESPACE;
    const metadata = { name: props.name, namespace, annotations: { ...MESH_RESOURCE_ANNOTATIONS } };
    // `./host`: only VirtualServices of the Gateway's own namespace may bind to the host (istio
    // pilot/pkg/model/gateway.go sanitizeServerHostNamespace; the Gateway API reference, `hosts`).
    // A bare host lets a VirtualService in any namespace bind to this Gateway and add routes for it.
    const hosts = [`./${props.host}`];
    new ApiObject(this, 'Gateway', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata,
      spec: {
        selector: { ...(props.selector ?? INGRESS_GATEWAY_LABELS) },
        servers: [
          { port: { number: 443, name: `https-${props.name}`, protocol: 'HTTPS' }, hosts, tls: { mode: 'SIMPLE', credentialName: props.tlsSecretName } },
          { port: { number: 80, name: `http-${props.name}`, protocol: 'HTTP' }, hosts, tls: { httpsRedirect: true } },
        ],
      },
    });
    new ApiObject(this, 'VirtualService', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata,
      spec: {
        hosts: [props.host],
        gateways: [`${namespace}/${props.name}`],
        http: [{ route: [{ destination: { host: `${props.backend.service}.${props.backend.namespace}.svc.cluster.local`, port: { number: props.backend.port } } }] }],
      },
    });
  }
}
