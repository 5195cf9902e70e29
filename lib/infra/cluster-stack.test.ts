import { fleet } from '../../test/full-fleet';
import { TERRAFORM_OUTPUT } from '../fleet';
import { toStableJson } from '../synth/serialize';
import { outputsMap } from '../../test/outputs-fixture';
import { synthExampleStack } from '../../test/stack-fixture';

describe('ClusterStack', () => {
  test.each(fleet.clusters.map((c) => c.name))('%s: declares every output the Kubernetes layer reads back, pins its provider, and matches its snapshot', (name) => {
    // As rendered once the management cluster's outputs exist (workload stacks then hold Argo CD's access).
    const tf = synthExampleStack(name, outputsMap(['mgmt']));
    const required = [TERRAFORM_OUTPUT.clusterName, TERRAFORM_OUTPUT.endpoint, TERRAFORM_OUTPUT.caCertificate, TERRAFORM_OUTPUT.oidcIssuer];
    expect(Object.keys(tf.output)).toEqual(expect.arrayContaining(required));
    // Argo CD manages its own cluster in-cluster: only workload clusters get (and output) an identity for it.
    const workload = fleet.clusters.find((c) => c.name === name)!.role === 'workload';
    expect(TERRAFORM_OUTPUT.argocdIdentity in tf.output).toBe(workload);
    expect(TERRAFORM_OUTPUT.argocdTrusts in tf.output).toBe(workload);
    // The example's management cluster is on EKS with an EKS workload: it outputs Argo CD's own role.
    expect(TERRAFORM_OUTPUT.argocdControllerRoleArn in tf.output).toBe(!workload);
    for (const provider of Object.values(tf.terraform.required_providers) as { version: string }[]) expect(provider.version).toMatch(/^\d+\.\d+\.\d+$/);
    // use_lockfile is generally available from 1.11.0 (experimental in 1.10); the azurerm backend's Entra ID auth
    // needs no Resource Manager read from 1.11.2 on (1.11.0 and 1.11.1 read the storage account at every init).
    expect(tf.terraform.required_version).toBe('>= 1.11.2');
    expect(toStableJson(tf)).toMatchSnapshot();
  });
});
