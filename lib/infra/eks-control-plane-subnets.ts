import { Construct } from 'constructs';
import { Fn, Token } from './cdktf';
import { DataAwsAvailabilityZone } from './providers/aws';

/**
 * The Availability Zone ids EKS puts no control plane in: "The subnets can't reside in the following
 * Availability Zones" (awsdocs/amazon-eks-user-guide latest/ug/networking/network-reqs.adoc, "Subnet
 * requirements for clusters"); CreateCluster fails with UnsupportedAvailabilityZoneException (EKS API
 * reference). Nodes may run there (same page, "Subnet requirements for nodes" has no such list).
 */
export const EKS_CONTROL_PLANE_REFUSED_ZONE_IDS: readonly string[] = ['use1-az3', 'usw1-az2', 'cac1-az3'];

/** Zones an EKS control plane needs its subnets in, at least (same page: "in at least two different Availability Zones"). */
const EKS_CONTROL_PLANE_MIN_ZONES = 2;

export interface EksControlPlaneSubnetsProps {
  readonly clusterName: string;
  /** The subnets the control plane may have its network interfaces in, each with its zone's name. */
  readonly subnets: readonly { readonly zone: string; readonly subnetId: string }[];
}

/**
 * The subnets an EKS cluster is created with: those given, less the ones in a zone EKS refuses
 * (EKS_CONTROL_PLANE_REFUSED_ZONE_IDS). AWS maps zone names to zone ids per account (us-east-1c is
 * use1-az3 in some accounts only), so the zone's id is read at plan (data aws_availability_zone,
 * ec2:DescribeAvailabilityZones), and `precondition` refuses the plan when fewer than two zones are
 * left, rather than CreateCluster failing after the network is built.
 */
export class EksControlPlaneSubnets extends Construct {
  /** The subnet ids, as a Terraform list. */
  readonly subnetIds: string[];
  /** The cluster resource's precondition: at least two zones EKS accepts. */
  readonly precondition: { readonly condition: string; readonly errorMessage: string };

  constructor(scope: Construct, id: string, props: EksControlPlaneSubnetsProps) {
    super(scope, id);
    const zones = props.subnets.map((s) => new DataAwsAvailabilityZone(this, `zone-${s.zone}`, { name: s.zone }));
    const refused = [...EKS_CONTROL_PLANE_REFUSED_ZONE_IDS];
    this.subnetIds = Token.asList(Fn.compact(props.subnets.map((s, i) => Fn.conditional(Fn.contains(refused, zones[i].zoneId), '', s.subnetId))));
    const zoneIds = zones.map((z) => `${z.fqn}.zone_id`).join(', ');
    this.precondition = {
      // On the zone ids, known at plan, not on the subnet ids, which a new network only knows at apply.
      condition: `\${length(setsubtract([${zoneIds}], ${JSON.stringify(refused)})) >= ${EKS_CONTROL_PLANE_MIN_ZONES}}`,
      errorMessage: `EKS creates no control plane in the Availability Zone ids ${refused.join(', ')} (EKS User Guide, "Subnet requirements for clusters"), and a control plane needs two zones: in this account, fewer than two of the zones of ${props.clusterName} (${props.subnets.map((s) => s.zone).join(', ')}) have another id. Add zones to the cluster (aws ec2 describe-availability-zones shows each zone's id).`,
    };
  }
}
