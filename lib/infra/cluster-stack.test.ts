import { fleet } from '../../apps/fleet';
import { TERRAFORM_OUTPUT } from '../fleet';
import { toStableJson } from '../synth/serialize';
import { synthExampleStack } from '../../test/stack-fixture';

describe('ClusterStack', () => {
  test.each(fleet.clusters.map((c) => c.name))('%s: declares every output the Kubernetes layer reads back, pins its provider, and matches its snapshot', (name) => {
    const tf = synthExampleStack(name);
    const required = [TERRAFORM_OUTPUT.clusterName, TERRAFORM_OUTPUT.endpoint, TERRAFORM_OUTPUT.caCertificate, TERRAFORM_OUTPUT.oidcIssuer, TERRAFORM_OUTPUT.argocdIdentity];
    expect(Object.keys(tf.output)).toEqual(expect.arrayContaining(required));
    const [provider] = Object.values(tf.terraform.required_providers) as { version: string }[];
    expect(provider.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(tf.terraform.required_version).toBe('>= 1.10.0');
    expect(toStableJson(tf)).toMatchSnapshot();
  });
});
