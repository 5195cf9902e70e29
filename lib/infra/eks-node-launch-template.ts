import { Construct } from 'constructs';
import { EksAmiType } from '../fleet';
import { LaunchTemplate } from './providers/aws';

/**
 * The root device of the AMI of each AMI type fleetsynth gives a node group. Every AL2023 EKS AMI
 * (x86_64, arm64 and NVIDIA come from one Packer template) has its root volume at /dev/xvda
 * (awslabs/amazon-eks-ami v20260724 templates/al2023/template.json, ami_block_device_mappings). A
 * mapping for another name would add a second, unused volume and leave the root volume as the AMI
 * has it, unencrypted. A Record: an AMI type added to EksAmiType must say its device here, the volume
 * that holds images, container layers and emptyDirs: for Bottlerocket (not offered) that is its second,
 * data volume, not its root of a few GiB (bottlerocket-os/bottlerocket#4799: a Bottlerocket node has two volumes).
 */
export const EKS_ROOT_DEVICE: Readonly<Record<EksAmiType, string>> = {
  AL2023_x86_64_STANDARD: '/dev/xvda',
  AL2023_ARM_64_STANDARD: '/dev/xvda',
  AL2023_x86_64_NVIDIA: '/dev/xvda',
};

/**
 * The root volume's type. EKS's own launch template (a group without one) gives nodes gp2 whatever
 * the AMI says (aws/containers-roadmap#1417, open; bottlerocket-os/bottlerocket#4799, 2026), while the
 * AL2023 AMIs are built on gp3 (amazon-eks-ami templates/al2023/variables-default.json volume_type).
 * gp3: a 3,000 IOPS and 125 MiB/s baseline at any size where gp2 has 3 IOPS per GiB (300 at the
 * default 100 GiB, bursting), for about 20 % less per GiB (EBS User Guide, "Amazon EBS volume types").
 */
export const EKS_ROOT_VOLUME_TYPE = 'gp3';

/**
 * The instance metadata options of every node: IMDSv2 only and a PUT response hop limit of 1, so that
 * a pod on the pod network cannot get a token and with it the node role's credentials (the node
 * role's ECR, CNI and worker rights); host-network pods (the VPC CNI, kube-proxy, the Pod Identity
 * agent) still reach IMDS. That is what EKS's own launch template gives AL2023 nodes ("the default hop
 * count for managed node groups is set to 1": amazon-eks-user-guide latest/ug/nodes/al2023.adoc;
 * hashicorp/terraform-provider-aws#38516), and a custom template must say it: left out, an instance
 * gets the AMI's or the account's defaults, a hop limit of 2 for an AMI with ImdsSupport v2.0 (EC2 API
 * Reference, Image.ImdsSupport) or what ModifyInstanceMetadataDefaults set. Platform pods take AWS
 * credentials from Pod Identity (the EBS CSI controller, the Cluster Autoscaler) or IRSA, not IMDS, and
 * the EBS CSI node plugin reads its instance's metadata from the Kubernetes API when IMDS is out of
 * reach (kubernetes-sigs/aws-ebs-csi-driver v1.64.0 pkg/cloud/metadata/metadata.go DefaultMetadataSources).
 */
export const EKS_NODE_METADATA_OPTIONS = { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 } as const;

const EKS_LAUNCH_TEMPLATE_NAME_PREFIX_MAX = 99;

export interface EksNodeLaunchTemplateProps {
  readonly clusterName: string;
  /** The node pool whose groups launch from it (one group per zone). */
  readonly poolName: string;
  /** The pool's AMI type, which says the root device's name. */
  readonly amiType: EksAmiType;
  /** The root volume's size in GiB: with a launch template, the node group takes no disk_size. */
  readonly diskSizeGb: number;
}

/**
 * The launch template a pool's managed node groups launch their nodes from: the root volume encrypted,
 * its size and type, and the metadata options; nothing else, so EKS still picks the AMI of the group's
 * ami_type, writes the user data that joins the node, and gives it the cluster security group. EKS
 * encrypts node volumes only through a launch template or the account's EBS encryption by default
 * (amazon-eks-user-guide latest/ug/nodes/managed-node-groups.adoc); a launch template must leave out the
 * subnet, the IAM instance profile and shutdown behaviour, and the disk size moves into it from the
 * node group (nodes/launch-templates.adoc). `encrypted` without a key uses the region's default EBS key,
 * aws/ebs unless the account set a customer managed one (README, "Terraform: the stacks that create the
 * clusters"). One per pool: every zone's group of it launches the same machine.
 *
 * A change (the disk size) is a new version of the template (terraform-provider-aws internal/service/ec2
 * ec2_launch_template.go: CreateLaunchTemplateVersion, latest_version recomputed), which each group
 * takes in place, as a rolling update of its nodes (internal/service/eks/node_group.go: a
 * launch_template change is UpdateNodegroupVersion; only its id and name are ForceNew).
 */
export class EksNodeLaunchTemplate extends LaunchTemplate {
  constructor(scope: Construct, id: string, props: EksNodeLaunchTemplateProps) {
    // A generated name, as launch template names are unique in the account and region. In a fleet it has at
    // most 63 + 1 + 34 + 1 characters (a cluster name is a DNS label, a pool name fits an EKS group's name
    // prefix): the provider's limit for a prefix (terraform-provider-aws internal/verify/validate.go
    // ValidLaunchTemplateName: 99, the name at most 125).
    const namePrefix = `${props.clusterName}-${props.poolName}-`;
    if (namePrefix.length > EKS_LAUNCH_TEMPLATE_NAME_PREFIX_MAX) {
      throw new Error(`launch template name prefix ${namePrefix} is ${namePrefix.length} characters: the aws provider takes at most ${EKS_LAUNCH_TEMPLATE_NAME_PREFIX_MAX} (a shorter cluster or pool name)`);
    }
    super(scope, id, {
      namePrefix,
      description: `nodes of pool ${props.poolName} of EKS cluster ${props.clusterName}`,
      blockDeviceMappings: [
        {
          deviceName: EKS_ROOT_DEVICE[props.amiType],
          ebs: { volumeSize: props.diskSizeGb, volumeType: EKS_ROOT_VOLUME_TYPE, encrypted: 'true', deleteOnTermination: 'true' },
        },
      ],
      metadataOptions: { ...EKS_NODE_METADATA_OPTIONS },
    });
  }
}
