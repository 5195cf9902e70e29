/*
 * AWS provider classes, each from its deep path: the package root loads every one of the
 * provider's ~1,500 resource modules (seconds and hundreds of MiB); deep paths load what we use.
 * This file and its two siblings are the only places a provider package is imported.
 */
export { AwsProvider } from '@cdktf/provider-aws/lib/provider';
export { AutoscalingGroupTagA as AutoscalingGroupTag } from '@cdktf/provider-aws/lib/autoscaling-group-tag';
export { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
export { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
export { DataAwsCloudwatchLogGroups } from '@cdktf/provider-aws/lib/data-aws-cloudwatch-log-groups';
export { DataAwsAvailabilityZone } from '@cdktf/provider-aws/lib/data-aws-availability-zone';
export { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
export { DataAwsEc2InstanceTypeOfferings } from '@cdktf/provider-aws/lib/data-aws-ec2-instance-type-offerings';
export { DataAwsIamOpenidConnectProvider } from '@cdktf/provider-aws/lib/data-aws-iam-openid-connect-provider';
export { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
export { Eip } from '@cdktf/provider-aws/lib/eip';
export { EksAccessEntry } from '@cdktf/provider-aws/lib/eks-access-entry';
export { EksAccessPolicyAssociation } from '@cdktf/provider-aws/lib/eks-access-policy-association';
export { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
export { EksCluster } from '@cdktf/provider-aws/lib/eks-cluster';
export { EksNodeGroup } from '@cdktf/provider-aws/lib/eks-node-group';
export { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
export { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
export { IamRole } from '@cdktf/provider-aws/lib/iam-role';
export { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
export { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
export { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
export { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
export { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
export { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
export { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
export { Route } from '@cdktf/provider-aws/lib/route';
export { RouteTable } from '@cdktf/provider-aws/lib/route-table';
export { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
export { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
export { Subnet } from '@cdktf/provider-aws/lib/subnet';
export { Vpc } from '@cdktf/provider-aws/lib/vpc';
export { VpcIpv4CidrBlockAssociation } from '@cdktf/provider-aws/lib/vpc-ipv4-cidr-block-association';
// Interconnect (lib/addons/interconnect) and global DNS (lib/addons/global-dns).
export { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
export { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
export { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
export { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
export { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
export { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
export { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
