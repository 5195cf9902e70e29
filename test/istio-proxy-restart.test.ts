import { kubectlStandIn } from './kubectl-stand-in';
import { readmeBlock } from './readme-block';
import { MESH_SERVER_POD_LABELS, meshClientPod } from '../lib/addons/observability/central-endpoints';

/*
 * The README's restart of the injected workloads after an Istio upgrade (the sh block between
 * `<!-- istio-proxy-restart:begin -->` and `<!-- istio-proxy-restart:end -->`), run as written with bash
 * and a stand-in kubectl. Istio's injection webhook also injects pods labelled `sidecar.istio.io/inject=true`
 * in namespaces without an injection label, through its object selector (istio/istio
 * manifests/charts/istio-control/istio-discovery/templates/mutatingwebhook.yaml): the agents and the stores'
 * gateways are injected that way, and a restart of labelled namespaces only left their proxies a minor behind.
 */
const block = readmeBlock('istio-proxy-restart');

test('the agents and the gateways are injected by the pod label the block selects', () => {
  expect(meshClientPod('10.0.0.0/16', [12345]).labels).toEqual({ 'sidecar.istio.io/inject': 'true' });
  expect(MESH_SERVER_POD_LABELS).toEqual({ 'sidecar.istio.io/inject': 'true' });
  expect(block).toContain('-l sidecar.istio.io/inject=true');
});

test('it restarts the labelled namespaces whole, and the controllers of pods injected by their own label elsewhere, once each', () => {
  const kubectl = kubectlStandIn({
    prints: [
      { prefix: 'get ns -l istio-injection=enabled', stdout: 'checkout podinfo' },
      {
        prefix: 'get pods -A -l sidecar.istio.io/inject=true',
        stdout: [
          'mimir ReplicaSet mimir-gateway-7c9d8f6b5',
          'mimir ReplicaSet mimir-gateway-7c9d8f6b5',
          'metrics StatefulSet metrics-agent',
          'logs DaemonSet log-agent',
          'checkout ReplicaSet checkout-5f7b9c',
          '',
        ].join('\n'),
      },
      { prefix: '-n mimir get replicaset mimir-gateway-7c9d8f6b5', stdout: 'mimir-gateway' },
    ],
  });
  kubectl.run(`istioctl() { :; }\n${block}`);
  const restarts = kubectl.calls().filter((c) => c.includes('restart')).map((c) => c.join(' '));
  expect(restarts.sort()).toEqual([
    '-n checkout rollout restart deployment,statefulset,daemonset',
    '-n logs rollout restart DaemonSet/log-agent',
    '-n metrics rollout restart StatefulSet/metrics-agent',
    '-n mimir rollout restart Deployment/mimir-gateway',
    '-n podinfo rollout restart deployment,statefulset,daemonset',
  ]);
});
