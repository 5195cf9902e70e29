import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MESH_RESOURCE_ANNOTATIONS } from '../argocd/sync-wave';
import { PropsCheck } from '../props-check';
import { ISTIO_NAMESPACE } from './istio-version';

export interface ServiceEntryPort {
  readonly number: number;
  readonly name: string;
  readonly protocol: 'HTTP' | 'HTTPS' | 'HTTP2' | 'GRPC' | 'TCP' | 'TLS';
}

export interface ServiceEntryEndpoint {
  readonly address: string;
  /** `region[/zone[/subzone]]`. */
  readonly locality: string;
  readonly network: string;
  /** @default equal share */
  readonly weight?: number;
}

export interface MeshServiceEntryProps {
  readonly name: string;
  /** @default 'istio-system' (mesh-wide) */
  readonly namespace?: string;
  readonly host: string;
  readonly ports: readonly ServiceEntryPort[];
  readonly resolution: 'DNS' | 'STATIC';
  readonly endpoints: readonly ServiceEntryEndpoint[];
}

/** A service served from several clouds: one ServiceEntry with an endpoint per cloud, each with its locality and network. */
export class MeshServiceEntry extends Construct {
  constructor(scope: Construct, id: string, props: MeshServiceEntryProps) {
    super(scope, id);
    const check = new PropsCheck(`ServiceEntry[${props.name}]`).name('name', props.name, 'label').name('host', props.host);
    check.check('ports', props.ports.length > 0, 'needs at least one port', props.ports, '[{ number, name, protocol }]');
    check.check('endpoints', props.endpoints.length > 0, 'needs at least one endpoint', props.endpoints, '[{ address, locality, network }]');
    props.endpoints.forEach((e, i) => check.nonEmpty(`endpoints[${i}].locality`, e.locality).name(`endpoints[${i}].network`, e.network, 'label'));
    check.done();
    new ApiObject(this, 'Resource', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: props.name, namespace: props.namespace ?? ISTIO_NAMESPACE, annotations: { ...MESH_RESOURCE_ANNOTATIONS } },
      spec: {
        hosts: [props.host],
        location: 'MESH_INTERNAL',
        ports: props.ports.map((p) => ({ number: p.number, name: p.name, protocol: p.protocol })),
        resolution: props.resolution,
        endpoints: props.endpoints.map((e) => ({ address: e.address, locality: e.locality, network: e.network, ...(e.weight !== undefined ? { weight: e.weight } : {}) })),
      },
    });
  }
}
