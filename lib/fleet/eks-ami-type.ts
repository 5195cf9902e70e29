/*
 * The AMI type of an EKS managed node group (`ami_type`), from its instance type. Unset, EKS picks
 * AL2023_x86_64_STANDARD on 1.30 and later (EKS User Guide, kubernetes-versions-standard), and
 * CreateNodegroup refuses an arm64 instance type with it ("[t4g.medium] is not a valid instance type
 * for requested amiType AL2023_x86_64_STANDARD"); an NVIDIA instance would start without drivers.
 * Values from the EKS API's AMITypes (API_CreateNodegroup amiType), which terraform-provider-aws
 * validates ami_type against (internal/service/eks/node_group.go: enum.Validate[types.AMITypes]).
 */

export type EksAmiType = 'AL2023_x86_64_STANDARD' | 'AL2023_ARM_64_STANDARD' | 'AL2023_x86_64_NVIDIA';

// Series, generation, attribute letters, an optional "-flex", then the size; a "g" among the attribute
// letters is the processor: AWS Graviton, arm64 (EC2 User Guide, "Amazon EC2 instance type naming conventions").
// The size may have a "-": the metal sizes of a whole host, `metal-24xl`, `metal-48xl` (m7i, c7i, m8g: EC2's API, as
// kubernetes/autoscaler ec2_instance_types.go lists it; aws/amazon-vpc-cni-k8s vpc_ip_resource_limit.go, eks-eni-limits.ts, their ENIs).
const INSTANCE_TYPE = /^([a-z]+)(\d+)([a-z]*)(-flex)?\.[a-z0-9-]+$/;

/** Series of CPU-only families: x86 (Intel, AMD), or Graviton where the attributes have a "g" (m7g, t4g, x2gd, im4gn, is4gen). */
const CPU_SERIES: readonly string[] = ['c', 'd', 'h', 'hpc', 'i', 'im', 'is', 'm', 'r', 't', 'x', 'z'];

/**
 * x86 families with NVIDIA GPUs, which the AL2023 NVIDIA AMI drives: the families nodeadm gives the
 * NVIDIA container runtime (awslabs/amazon-eks-ami nodeadm/internal/containerd/nvidia.go), less g5g (arm64).
 */
export const EKS_NVIDIA_FAMILIES: readonly string[] = ['g4dn', 'g5', 'g6', 'g6e', 'p3', 'p3dn', 'p4d', 'p4de', 'p5', 'p5e', 'p5en'];

/** What `eksAmiType` knows, for messages. */
export const EKS_AMI_TYPE_RULE = `a CPU family of the ${CPU_SERIES.join(', ')} series (x86, or Graviton2 or later with a "g" after the generation: m7i, m7a, m7g, t4g, x2gd; not a1: AL2023 does not run on Graviton1) or an NVIDIA GPU family: ${EKS_NVIDIA_FAMILIES.join(', ')}`;

/**
 * The AMI type a node group of `machineType` needs, or undefined for a family fleetsynth cannot
 * place (other accelerators, Graviton with NVIDIA, Mac, names of another shape): validation refuses
 * those rather than guess. So is a1 (Graviton1): "AL2023 doesn't support A1 instances" (EKS User
 * Guide, nodes/choosing-instance-type), and every minor fleetsynth offers runs AL2023 only.
 */
export function eksAmiType(machineType: string): EksAmiType | undefined {
  const m = INSTANCE_TYPE.exec(machineType);
  if (!m) return undefined;
  const [, series, generation, attributes] = m;
  const family = `${series}${generation}${attributes}`;
  if (EKS_NVIDIA_FAMILIES.includes(family)) return 'AL2023_x86_64_NVIDIA';
  if (!CPU_SERIES.includes(series)) return undefined;
  return attributes.includes('g') ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD';
}
