import { meshNetworks } from './mesh-networks';

const PUBLIC = { registryServiceName: 'istio-eastwestgateway.istio-system.svc.cluster.local', port: 15443 };
const PRIVATE = { registryServiceName: 'istio-eastwestgateway-private.istio-system.svc.cluster.local', port: 15443 };
const members = [
  { cluster: 'gcp-prod', network: 'gcp-prod-net' },
  { cluster: 'aws-prod', network: 'aws-prod-net' },
  { cluster: 'mgmt', network: 'mgmt-net' },
];

describe('meshNetworks (an istiod\'s global.meshNetworks)', () => {
  test('every network\'s endpoints come from the registry of its cluster, and its gateway is the public east-west Service by default', () => {
    expect(meshNetworks(members)).toEqual({
      'aws-prod-net': { endpoints: [{ fromRegistry: 'aws-prod' }], gateways: [PUBLIC] },
      'gcp-prod-net': { endpoints: [{ fromRegistry: 'gcp-prod' }], gateways: [PUBLIC] },
      'mgmt-net': { endpoints: [{ fromRegistry: 'mgmt' }], gateways: [PUBLIC] },
    });
  });

  test('a cluster reached privately is reached through its internal east-west Service only (never both: Istio would spread traffic over them)', () => {
    const networks = meshNetworks(members, new Set(['mgmt']));
    expect(networks['mgmt-net'].gateways).toEqual([PRIVATE]);
    expect(networks['aws-prod-net'].gateways).toEqual([PUBLIC]);
  });

  test('the same bytes in any definition order', () => {
    expect(JSON.stringify(meshNetworks([...members].reverse()))).toBe(JSON.stringify(meshNetworks(members)));
  });
});
