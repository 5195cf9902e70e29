import { Construct } from 'constructs';
import { requireCidr, subdivide } from '../fleet';
import { Eip, InternetGateway, NatGateway, Route, RouteTable, RouteTableAssociation, Subnet, Vpc, VpcIpv4CidrBlockAssociation } from './providers/aws';

export interface AwsNetworkProps {
  /** VPC Name tag; also the Istio network name. */
  readonly name: string;
  /** EKS cluster the subnets are tagged for (load balancer discovery). */
  readonly clusterName: string;
  /** VPC range: cut into 8 equal subnets, private ones first (zone i gets subnet i, public subnet 4 + i). */
  readonly cidr: string;
  /** Secondary VPC range for pods (VPC CNI custom networking, see EksCluster), cut into 4 subnets, one per zone. */
  readonly podCidr: string;
  /** 1 to 4 zones. */
  readonly zones: readonly string[];
}

/** A VPC with private and public subnets per zone, one NAT gateway per zone, and pod subnets. */
export class AwsNetwork extends Construct {
  readonly vpc: Vpc;
  readonly privateSubnets: Subnet[] = [];
  readonly publicSubnets: Subnet[] = [];
  /** One per zone, in zone order: where the VPC CNI puts pod addresses (EksCluster's ENIConfigs). */
  readonly podSubnets: { readonly zone: string; readonly subnet: Subnet }[] = [];
  /** The NAT gateways' Elastic IPs: the network's static egress addresses. */
  readonly natIps: Eip[] = [];
  /** One per zone; the private and pod subnets of that zone use it. */
  readonly privateRouteTables: RouteTable[] = [];

  constructor(scope: Construct, id: string, props: AwsNetworkProps) {
    super(scope, id);
    if (props.zones.length < 1 || props.zones.length > 4) throw new Error(`aws network ${props.name}: 1 to 4 zones allowed, given ${props.zones.length}`);
    const ranges = subdivide(requireCidr(props.cidr), 3);
    const podRanges = subdivide(requireCidr(props.podCidr), 2);
    const clusterTag = { [`kubernetes.io/cluster/${props.clusterName}`]: 'shared' };

    this.vpc = new Vpc(this, 'vpc', { cidrBlock: props.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: props.name } });
    const pods = new VpcIpv4CidrBlockAssociation(this, 'pod-range', { vpcId: this.vpc.id, cidrBlock: props.podCidr });
    const igw = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: { Name: props.name } });
    // Separate aws_route resources rather than inline routes: inline blocks list every route attribute.
    const publicRoutes = new RouteTable(this, 'public', { vpcId: this.vpc.id, tags: { Name: `${props.name}-public` } });
    new Route(this, 'public-default', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });

    props.zones.forEach((zone, i) => {
      const pub = new Subnet(this, `public-${zone}`, {
        vpcId: this.vpc.id,
        availabilityZone: zone,
        cidrBlock: ranges[4 + i].text,
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.name}-public-${zone}`, 'kubernetes.io/role/elb': '1', ...clusterTag },
      });
      new RouteTableAssociation(this, `public-${zone}-routes`, { subnetId: pub.id, routeTableId: publicRoutes.id });
      const eip = new Eip(this, `nat-${zone}-ip`, { domain: 'vpc', tags: { Name: `${props.name}-nat-${zone}` } });
      const nat = new NatGateway(this, `nat-${zone}`, { allocationId: eip.id, subnetId: pub.id, tags: { Name: `${props.name}-${zone}` }, dependsOn: [igw] });
      const privateRoutes = new RouteTable(this, `private-${zone}-table`, { vpcId: this.vpc.id, tags: { Name: `${props.name}-private-${zone}` } });
      new Route(this, `private-${zone}-default`, { routeTableId: privateRoutes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      const priv = new Subnet(this, `private-${zone}`, {
        vpcId: this.vpc.id,
        availabilityZone: zone,
        cidrBlock: ranges[i].text,
        tags: { Name: `${props.name}-private-${zone}`, 'kubernetes.io/role/internal-elb': '1', ...clusterTag },
      });
      new RouteTableAssociation(this, `private-${zone}-routes`, { subnetId: priv.id, routeTableId: privateRoutes.id });
      const pod = new Subnet(this, `pods-${zone}`, {
        vpcId: pods.vpcId,
        availabilityZone: zone,
        cidrBlock: podRanges[i].text,
        // The ENIConfigs select these subnets. The tag also keeps pods here should custom networking
        // ever be turned off: subnet discovery then prefers tagged subnets (aws/amazon-vpc-cni-k8s README,
        // "CNI role tag"; with custom networking on, pkg/awsutils/awsutils.go ignores it).
        tags: { Name: `${props.name}-pods-${zone}`, 'kubernetes.io/role/cni': '1', ...clusterTag },
        dependsOn: [pods],
      });
      new RouteTableAssociation(this, `pods-${zone}-routes`, { subnetId: pod.id, routeTableId: privateRoutes.id });
      this.publicSubnets.push(pub);
      this.privateSubnets.push(priv);
      this.podSubnets.push({ zone, subnet: pod });
      this.natIps.push(eip);
      this.privateRouteTables.push(privateRoutes);
    });
  }
}
