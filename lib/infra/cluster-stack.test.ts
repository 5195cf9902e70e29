import { fleet } from '../../apps/fleet';
import { TERRAFORM_OUTPUT } from '../fleet';
import { toStableJson } from '../synth/serialize';
import { synthExampleStack } from '../../test/stack-fixture';

describe('ClusterStack', () => {
  test.each(fleet.clusters.map((c) => c.name))('%s: declares every output the Kubernetes layer reads back, pins its provider, and matches its snapshot', (name) => {
    const tf = synthExampleStack(name);
    const required = [TERRAFORM_OUTPUT.clusterName, TERRAFORM_OUTPUT.endpoint, TERRAFORM_OUTPUT.caCertificate, TERRAFORM_OUTPUT.oidcIssuer];
    expect(Object.keys(tf.output)).toEqual(expect.arrayContaining(required));
    // Argo CD manages its own cluster in-cluster: only workload clusters get (and output) an identity for it.
    const workload = fleet.clusters.find((c) => c.name === name)!.role === 'workload';
    expect(TERRAFORM_OUTPUT.argocdIdentity in tf.output).toBe(workload);
    const [provider] = Object.values(tf.terraform.required_providers) as { version: string }[];
    expect(provider.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(tf.terraform.required_version).toBe('>= 1.10.0');
    expect(toStableJson(tf)).toMatchSnapshot();
  });
});
