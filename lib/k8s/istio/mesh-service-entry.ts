import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MESH_RESOURCE_ANNOTATIONS } from '../argocd/sync-wave';
import { EXTERNAL_HOST_ALLOWED, externalHostProblem, WILDCARD_PORT_ALLOWED, wildcardPortProblem } from '../../fleet';
import { PropsCheck } from '../props-check';
import { ISTIO_NAMESPACE } from './istio-version';

export interface ServiceEntryPort {
  readonly number: number;
  readonly name: string;
  readonly protocol: 'HTTP' | 'HTTPS' | 'HTTP2' | 'GRPC' | 'TCP' | 'TLS';
}

export interface ServiceEntryEndpoint {
  readonly address: string;
  /** `region[/zone[/subzone]]`: what locality failover orders by. */
  readonly locality: string;
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

/**
 * An external service served from several places: a `MESH_EXTERNAL` ServiceEntry with one endpoint
 * per place and its locality. Its endpoints carry no Istio network: Envoy dials them directly (only
 * endpoints of the mesh are routed through east-west gateways, and those admit only `*.local`), and
 * the client's own TLS passes through (no Istio mTLS toward a server outside the mesh).
 */
export class MeshServiceEntry extends Construct {
  constructor(scope: Construct, id: string, props: MeshServiceEntryProps) {
    super(scope, id);
    // The host rules of the fleet's external mesh services (wildcards and uppercase letters included): lib/fleet/mesh-host.ts.
    const hostProblem = externalHostProblem(props.host);
    const check = new PropsCheck(`ServiceEntry[${props.name}]`).name('name', props.name, 'label').check('host', hostProblem === undefined, hostProblem ?? '', props.host, EXTERNAL_HOST_ALLOWED);
    check.check('ports', props.ports.length > 0, 'needs at least one port', props.ports, '[{ number, name, protocol }]');
    props.ports.forEach((p, i) => {
      const why = wildcardPortProblem(props.host, p);
      if (why) check.fail(`ports[${i}].protocol`, why, p.protocol, WILDCARD_PORT_ALLOWED);
    });
    check.check('endpoints', props.endpoints.length > 0, 'needs at least one endpoint', props.endpoints, '[{ address, locality }]');
    props.endpoints.forEach((e, i) => check.nonEmpty(`endpoints[${i}].locality`, e.locality).nonEmpty(`endpoints[${i}].address`, e.address));
    check.done();
    new ApiObject(this, 'Resource', {
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: props.name, namespace: props.namespace ?? ISTIO_NAMESPACE, annotations: { ...MESH_RESOURCE_ANNOTATIONS } },
      spec: {
        hosts: [props.host],
        location: 'MESH_EXTERNAL',
        ports: props.ports.map((p) => ({ number: p.number, name: p.name, protocol: p.protocol })),
        resolution: props.resolution,
        endpoints: props.endpoints.map((e) => ({ address: e.address, locality: e.locality, ...(e.weight !== undefined ? { weight: e.weight } : {}) })),
      },
    });
  }
}
