import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SYNC_WAVE, syncWave } from '../../k8s/argocd/sync-wave';
import { Namespace } from '../../k8s/plus';
import { GatewayService } from './central-endpoints';

/**
 * On a workload cluster, the central store's gateway Service as a name only: same name and
 * namespace as on the management cluster, no selector, no endpoints here. It makes the name
 * resolve in this cluster, and Istio merges it with the management cluster's Service of the same
 * name, whose endpoints it reaches through that cluster's east-west gateway
 * (istio.io/latest/docs/ops/configuration/traffic-management/multicluster/).
 */
export class CentralGatewayStub extends Construct {
  constructor(scope: Construct, id: string, gateway: GatewayService) {
    super(scope, id);
    new Namespace(this, 'Namespace', { metadata: { name: gateway.namespace, annotations: syncWave(SYNC_WAVE.namespaces) } });
    // A plain object: cdk8s-plus' Service adds a selector of its own.
    new ApiObject(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: gateway.name, namespace: gateway.namespace, annotations: syncWave(SYNC_WAVE.clusterConfig) },
      spec: { type: 'ClusterIP', ports: [{ name: gateway.portName, port: gateway.port, protocol: 'TCP' }] },
    });
  }
}
