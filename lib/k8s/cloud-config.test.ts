import { App, Chart, Testing } from 'cdk8s';
import { CloudConfig } from './cloud-config';

function synth(props: Partial<ConstructorParameters<typeof CloudConfig>[2]> = {}) {
  const chart = new Chart(new App(), 'test');
  new CloudConfig(chart, 'cc', { clusterName: 'aws-prod', cloud: 'aws', region: 'us-west-2', kubernetesVersion: '1.35', ...props });
  return Testing.synth(chart);
}

describe('CloudConfig', () => {
  test('carries cloud, region, name and version, and the peers\' regions per cloud', () => {
    // GIVEN peers on two clouds, one region listed twice
    const [cm] = synth({ peerRegions: { gcp: ['us-central1'], azure: ['westeurope', 'eastus', 'eastus'], aws: [] } });
    // THEN
    expect(cm.metadata).toEqual({ name: 'cloud-config', namespace: 'kube-system' });
    expect(cm.data).toEqual({
      cloud: 'aws',
      region: 'us-west-2',
      'cluster-name': 'aws-prod',
      'kubernetes-version': '1.35',
      'gcp-region': 'us-central1',
      'azure-region': 'eastus,westeurope',
    });
    expect(cm).toMatchSnapshot();
  });

  test('leaves cluster-endpoint out while the endpoint is unknown', () => {
    const [cm] = synth();
    expect(Object.keys(cm.data)).not.toContain('cluster-endpoint');
    expect(JSON.stringify(cm)).not.toContain('undefined');
  });

  test('writes cluster-endpoint once it is known', () => {
    const [cm] = synth({ clusterEndpoint: 'https://ABC.gr7.us-west-2.eks.amazonaws.com' });
    expect(cm.data['cluster-endpoint']).toBe('https://ABC.gr7.us-west-2.eks.amazonaws.com');
  });

  test('takes a name and namespace', () => {
    const [cm] = synth({ name: 'cloud', namespace: 'platform' });
    expect(cm.metadata).toEqual({ name: 'cloud', namespace: 'platform' });
  });
});
