import { Construct } from 'constructs';
import { DataAwsEc2InstanceTypeOfferings } from './providers/aws';

/** A Terraform precondition: the condition, and the plan's error when it is false. */
export interface Precondition {
  readonly condition: string;
  readonly errorMessage: string;
}

/**
 * The zones each instance type of a cluster's pools is offered in, read at plan (one data
 * aws_ec2_instance_type_offerings per type, location type availability-zone: DescribeInstanceTypeOfferings;
 * terraform-provider-aws internal/service/ec2/ec2_instance_type_offerings_data_source.go), and the
 * precondition of a pool's node group in one zone. A pool is a node group per zone, each in its zone's
 * subnet only (lib/fleet/eks-node-groups.ts), and CreateNodegroup refuses an instance type its zone does
 * not offer: "Your requested instance type (m4.xlarge) is not supported in your requested Availability
 * Zone (us-west-2d)" (InvalidRequestException: awslabs/ec2-spot-workshops#154, eksctl-io/eksctl#6461),
 * common for GPU and older families, and which zone letter offers what differs per account. Without the
 * precondition the apply fails there, after the cluster was created; with it, the plan fails first.
 */
export class EksInstanceTypeZones extends Construct {
  private readonly offerings = new Map<string, DataAwsEc2InstanceTypeOfferings>();

  /** The precondition that `instanceType` is offered in `zone`, for the node group of `pool` there. */
  offeredIn(instanceType: string, zone: string, pool: string): Precondition {
    let offering = this.offerings.get(instanceType);
    if (!offering) {
      // "." is not allowed in a Terraform name.
      offering = new DataAwsEc2InstanceTypeOfferings(this, instanceType.replace(/\./g, '_'), {
        locationType: 'availability-zone',
        filter: [{ name: 'instance-type', values: [instanceType] }],
      });
      this.offerings.set(instanceType, offering);
    }
    return {
      condition: `\${contains(${offering.fqn}.locations, ${JSON.stringify(zone)})}`,
      errorMessage: `EC2 does not offer ${instanceType} in ${zone} in this account, and the node group of pool ${pool} there launches in that zone only: EKS would refuse it. Give the pool another machineType, or the cluster zones that offer it (aws ec2 describe-instance-type-offerings --location-type availability-zone --filters Name=instance-type,Values=${instanceType}).`,
    };
  }
}
