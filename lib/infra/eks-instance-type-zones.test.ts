import { spawnSync } from 'child_process';
import { TERRAFORM_ENV, withBuiltinTerraform } from '../../test/terraform-builtin';
import { tempDir } from '../../test/tree';
import { resourcesOf, synthExampleStack } from '../../test/stack-fixture';

/*
 * A pool is a node group per zone, and CreateNodegroup refuses an instance type its zone does not offer
 * ("Your requested instance type (m4.xlarge) is not supported in your requested Availability Zone
 * (us-west-2d)": awslabs/ec2-spot-workshops#154, eksctl-io/eksctl#6461). Each group's precondition checks
 * the offering at plan, with one data aws_ec2_instance_type_offerings per instance type.
 */
describe('EKS node groups: the instance type is offered in the group\'s zone (aws-prod: m7i.large, m7i.xlarge; us-west-2a, b, c)', () => {
  const tf = synthExampleStack('aws-prod');
  const offerings = tf.data.aws_ec2_instance_type_offerings as Record<string, any>;
  const offeringOf = (type: string) => `data.aws_ec2_instance_type_offerings.${Object.entries(offerings).find(([, o]) => o.filter[0].values[0] === type)![0]}`;
  const groups = resourcesOf(tf, 'aws_eks_node_group');
  const typeOf = (g: any) => g.instance_types[0] as string;
  const zoneOf = (g: any) => `us-west-2${g.node_group_name_prefix.split('-').slice(-2, -1)[0]}`;

  test('one offerings data source per instance type, of availability zones, and every group\'s precondition asks for its own zone', () => {
    expect(Object.values(offerings).map((o) => [o.location_type, o.filter]).sort((a, b) => a[1][0].values[0].localeCompare(b[1][0].values[0]))).toEqual([
      ['availability-zone', [{ name: 'instance-type', values: ['m7i.large'] }]],
      ['availability-zone', [{ name: 'instance-type', values: ['m7i.xlarge'] }]],
    ]);
    expect(groups).toHaveLength(6);
    for (const g of groups) {
      expect(g.lifecycle.precondition).toEqual([{
        condition: `\${contains(${offeringOf(typeOf(g))}.locations, "${zoneOf(g)}")}`,
        error_message: expect.stringMatching(new RegExp(`^EC2 does not offer ${typeOf(g)} in ${zoneOf(g)} in this account`)),
      }]);
      // Beside what the group's lifecycle already said.
      expect(g.lifecycle).toMatchObject({ ignore_changes: ['scaling_config[0].desired_size'], create_before_destroy: true });
    }
  });

  withBuiltinTerraform('as Terraform evaluates it: true where the type is offered in the zone, false where it is not', () => {
    const evaluate = (g: any, locations: string[]) => {
      const literal = g.lifecycle.precondition[0].condition.slice(2, -1).split(`${offeringOf(typeOf(g))}.locations`).join(JSON.stringify(locations));
      const run = spawnSync('terraform', ['console'], { cwd: tempDir('fleetsynth-tf-'), input: literal, encoding: 'utf8', env: TERRAFORM_ENV });
      if (run.status !== 0) throw new Error(run.stderr);
      return run.stdout.trim();
    };
    const inC = groups.find((g) => zoneOf(g) === 'us-west-2c')!;
    expect(evaluate(inC, ['us-west-2a', 'us-west-2b', 'us-west-2c', 'us-west-2d'])).toBe('true');
    expect(evaluate(inC, ['us-west-2a', 'us-west-2b', 'us-west-2d'])).toBe('false');
    expect(evaluate(inC, [])).toBe('false');
  });
});
