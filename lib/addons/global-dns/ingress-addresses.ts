import { Construct } from 'constructs';
import { Fn } from '../../infra/cdktf';
import { Eip } from '../../infra/providers/aws';
import { PublicIp, RoleAssignment } from '../../infra/providers/azurerm';
import { ComputeAddress } from '../../infra/providers/google';
import { azurePublicIpZones } from '../../infra/azure-public-ip-zones';


export interface AwsIngressAddressesProps {
  readonly name: string;
  /** One Elastic IP per zone: the load balancer takes one per subnet it spans, a public subnet per zone here. */
  readonly zones: readonly string[];
}

/** Elastic IPs for an internet-facing NLB, one per zone. */
export class AwsIngressAddresses extends Construct {
  readonly addresses: readonly Eip[];
  /** Comma-separated public IPs and allocation ids, in zone order. */
  readonly ips: string;
  readonly allocationIds: string;

  constructor(scope: Construct, id: string, props: AwsIngressAddressesProps) {
    super(scope, id);
    this.addresses = props.zones.map((zone) => new Eip(this, `ip-${zone}`, { domain: 'vpc', tags: { Name: `${props.name}-${zone}` } }));
    this.ips = Fn.join(',', this.addresses.map((a) => a.publicIp));
    this.allocationIds = Fn.join(',', this.addresses.map((a) => a.allocationId));
  }
}

export interface GcpIngressAddressProps {
  readonly name: string;
  readonly region: string;
}

/** A regional static external IPv4 address, for an external passthrough Network Load Balancer in the region. */
export class GcpIngressAddress extends Construct {
  readonly address: ComputeAddress;

  constructor(scope: Construct, id: string, props: GcpIngressAddressProps) {
    super(scope, id);
    this.address = new ComputeAddress(this, 'address', { name: props.name, region: props.region, addressType: 'EXTERNAL', networkTier: 'PREMIUM', ipVersion: 'IPV4' });
  }
}

export interface AzureIngressAddressProps {
  readonly name: string;
  readonly resourceGroupName: string;
  /** The resource group's id: the cluster identity gets Network Contributor on it. */
  readonly resourceGroupId: string;
  readonly location: string;
  readonly zones: readonly string[];
  /** Principal id of the AKS cluster's (control-plane) identity, which creates the load balancer. */
  readonly clusterPrincipalId: string;
}

/**
 * A static, zone-redundant Standard public IP for the AKS load balancer, in the cluster's resource
 * group (not the node resource group AKS manages), and the role that lets AKS use it: the cluster
 * identity needs Network Contributor on the IP's resource group
 * (learn.microsoft.com/azure/aks/static-ip, "Create a service using the static IP address").
 */
export class AzureIngressAddress extends Construct {
  readonly address: PublicIp;

  constructor(scope: Construct, id: string, props: AzureIngressAddressProps) {
    super(scope, id);
    this.address = new PublicIp(this, 'address', {
      name: props.name,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      allocationMethod: 'Static',
      // The AKS standard load balancer takes only Standard SKU public IPs.
      sku: 'Standard',
      zones: azurePublicIpZones(props.location, props.zones),
      // zones is ForceNew (azurerm public_ip_resource.go) and Azure refuses to delete a public IP the load
      // balancer's frontend still holds (PublicIPAddressCannotBeDeleted): a zone edit of the cluster would
      // fail its apply. The address keeps the zones it was made in, which serve nodes in any zone.
      lifecycle: { ignoreChanges: ['zones'] },
    });
    new RoleAssignment(this, 'network-contributor', {
      scope: props.resourceGroupId,
      roleDefinitionName: 'Network Contributor',
      principalId: props.clusterPrincipalId,
      principalType: 'ServicePrincipal',
    });
  }
}
