import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MESH_RESOURCE_ANNOTATIONS } from '../argocd/sync-wave';
import { ISTIO_NAMESPACE } from './istio-version';

/** Mesh-wide strict mTLS: a `default` PeerAuthentication in the root namespace. */
export class MeshMtls extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new ApiObject(this, 'Resource', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: ISTIO_NAMESPACE, annotations: { ...MESH_RESOURCE_ANNOTATIONS } },
      spec: { mtls: { mode: 'STRICT' } },
    });
  }
}
