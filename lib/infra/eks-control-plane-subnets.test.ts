import { spawnSync } from 'child_process';
import { TERRAFORM_ENV, withBuiltinTerraform } from '../../test/terraform-builtin';
import { tempDir } from '../../test/tree';
import { resourcesOf, synthExampleStack } from '../../test/stack-fixture';
import { EKS_CONTROL_PLANE_REFUSED_ZONE_IDS } from './eks-control-plane-subnets';

/*
 * EKS creates no control plane in the zone ids use1-az3, usw1-az2 and cac1-az3 (amazon-eks-user-guide
 * latest/ug/networking/network-reqs.adoc, "Subnet requirements for clusters": UnsupportedAvailabilityZoneException
 * at CreateCluster), and which zone name is which id differs per account. The stack reads each zone's id at
 * plan and leaves those zones out of the cluster's subnets (nodes still run there); the plan fails when
 * fewer than two zones are left.
 */
describe('EKS control-plane subnets (aws-prod: us-west-2a, b, c)', () => {
  const tf = synthExampleStack('aws-prod');
  const [cluster] = resourcesOf(tf, 'aws_eks_cluster');
  const zones = tf.data.aws_availability_zone as Record<string, { name: string }>;
  const zoneData = (zone: string) => `data.aws_availability_zone.${Object.entries(zones).find(([, z]) => z.name === zone)![0]}`;
  const subnet = (zone: string) => `aws_subnet.${Object.entries(tf.resource.aws_subnet as Record<string, any>).find(([, s]) => s.tags.Name === `aws-prod-net-private-${zone}`)![0]}`;
  const ZONES = ['us-west-2a', 'us-west-2b', 'us-west-2c'];

  test('each zone\'s id is read at plan, and the cluster\'s subnets are the private subnets of the zones whose id EKS accepts', () => {
    expect(Object.values(zones).map((z) => z.name).sort()).toEqual(ZONES);
    const refused = JSON.stringify([...EKS_CONTROL_PLANE_REFUSED_ZONE_IDS]).replace(/,/g, ', ');
    expect(cluster.vpc_config.subnet_ids).toBe(`\${compact([${ZONES.map((z) => `contains(${refused}, ${zoneData(z)}.zone_id) ? "" : ${subnet(z)}.id`).join(', ')}])}`);
    // Still ignored after creation: the control plane keeps the subnets it was created with.
    expect(cluster.lifecycle.ignore_changes).toEqual(['vpc_config[0].subnet_ids']);
  });

  /** The emitted expression, evaluated by Terraform with each zone's id and subnet id in place of the references. */
  function evaluate(expression: string, ids: Readonly<Record<string, string>>): string {
    let literal = expression.slice(2, -1);
    for (const z of ZONES) literal = literal.split(`${zoneData(z)}.zone_id`).join(JSON.stringify(ids[z])).split(`${subnet(z)}.id`).join(JSON.stringify(`subnet-${z.slice(-1)}`));
    const run = spawnSync('terraform', ['console'], { cwd: tempDir('fleetsynth-tf-'), input: literal, encoding: 'utf8', env: TERRAFORM_ENV });
    if (run.status !== 0) throw new Error(run.stderr);
    return run.stdout.replace(/\s+/g, ' ').trim();
  }

  withBuiltinTerraform('as Terraform evaluates them: a zone that is use1-az3 in this account is left out; the precondition holds with two zones left and fails with one', () => {
    const allAccepted = { 'us-west-2a': 'usw2-az1', 'us-west-2b': 'usw2-az2', 'us-west-2c': 'usw2-az3' };
    const oneRefused = { ...allAccepted, 'us-west-2b': 'use1-az3' };
    const twoRefused = { ...oneRefused, 'us-west-2c': 'cac1-az3' };
    expect(evaluate(cluster.vpc_config.subnet_ids, allAccepted)).toBe('tolist([ "subnet-a", "subnet-b", "subnet-c", ])');
    expect(evaluate(cluster.vpc_config.subnet_ids, oneRefused)).toBe('tolist([ "subnet-a", "subnet-c", ])');
    const [precondition] = cluster.lifecycle.precondition;
    expect(evaluate(precondition.condition, allAccepted)).toBe('true');
    expect(evaluate(precondition.condition, oneRefused)).toBe('true');
    expect(evaluate(precondition.condition, twoRefused)).toBe('false');
    expect(precondition.error_message).toContain('us-west-2a, us-west-2b, us-west-2c');
  });
});
