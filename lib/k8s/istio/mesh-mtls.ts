import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SKIP_DRY_RUN_ON_MISSING_RESOURCE, SYNC_WAVE, syncWave } from '../argocd/sync-wave';
import { ISTIO_NAMESPACE } from './istio-version';

/** Mesh-wide strict mTLS: a `default` PeerAuthentication in the root namespace. */
export class MeshMtls extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new ApiObject(this, 'Resource', {
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: ISTIO_NAMESPACE, annotations: { ...syncWave(SYNC_WAVE.meshResources), ...SKIP_DRY_RUN_ON_MISSING_RESOURCE } },
      spec: { mtls: { mode: 'STRICT' } },
    });
  }
}
