import { eksAmiType } from './eks-ami-type';

describe('eksAmiType: the AMI type an EKS node group needs for its instance type', () => {
  test.each([
    // x86: Intel, AMD, burstable, storage, high frequency, flex
    ['m7i.large', 'AL2023_x86_64_STANDARD'], ['m7i-flex.large', 'AL2023_x86_64_STANDARD'], ['c7a.xlarge', 'AL2023_x86_64_STANDARD'],
    ['r5dn.2xlarge', 'AL2023_x86_64_STANDARD'], ['t3.medium', 'AL2023_x86_64_STANDARD'], ['t3a.small', 'AL2023_x86_64_STANDARD'],
    ['i4i.large', 'AL2023_x86_64_STANDARD'], ['d3en.xlarge', 'AL2023_x86_64_STANDARD'], ['x2iezn.2xlarge', 'AL2023_x86_64_STANDARD'],
    ['z1d.large', 'AL2023_x86_64_STANDARD'], ['hpc7a.96xlarge', 'AL2023_x86_64_STANDARD'], ['m5.metal', 'AL2023_x86_64_STANDARD'],
    // the metal sizes of a whole host
    ['m7i.metal-24xl', 'AL2023_x86_64_STANDARD'], ['c7a.metal-48xl', 'AL2023_x86_64_STANDARD'], ['m8g.metal-24xl', 'AL2023_ARM_64_STANDARD'],
    // Graviton2 and later: a "g" after the generation
    ['m7g.large', 'AL2023_ARM_64_STANDARD'], ['m6gd.large', 'AL2023_ARM_64_STANDARD'], ['c7gn.xlarge', 'AL2023_ARM_64_STANDARD'],
    ['r7g.large', 'AL2023_ARM_64_STANDARD'], ['t4g.medium', 'AL2023_ARM_64_STANDARD'], ['x2gd.large', 'AL2023_ARM_64_STANDARD'],
    ['im4gn.large', 'AL2023_ARM_64_STANDARD'], ['is4gen.large', 'AL2023_ARM_64_STANDARD'], ['i4g.large', 'AL2023_ARM_64_STANDARD'],
    ['hpc7g.16xlarge', 'AL2023_ARM_64_STANDARD'], ['m8g.large', 'AL2023_ARM_64_STANDARD'],
    // NVIDIA GPUs on x86
    ['g4dn.xlarge', 'AL2023_x86_64_NVIDIA'], ['g5.xlarge', 'AL2023_x86_64_NVIDIA'], ['g6.xlarge', 'AL2023_x86_64_NVIDIA'],
    ['g6e.xlarge', 'AL2023_x86_64_NVIDIA'], ['p3dn.24xlarge', 'AL2023_x86_64_NVIDIA'], ['p4d.24xlarge', 'AL2023_x86_64_NVIDIA'],
    ['p5.48xlarge', 'AL2023_x86_64_NVIDIA'], ['p5en.48xlarge', 'AL2023_x86_64_NVIDIA'],
  ])('%s → %s', (machineType, amiType) => {
    expect(eksAmiType(machineType)).toBe(amiType);
  });

  test.each([
    ['g4ad.xlarge', 'AMD GPU'], ['g5g.xlarge', 'Graviton with NVIDIA'], ['inf2.xlarge', 'Inferentia'], ['trn1.2xlarge', 'Trainium'],
    ['dl1.24xlarge', 'Gaudi'], ['f1.2xlarge', 'FPGA'], ['vt1.3xlarge', 'video transcoding'], ['p2.xlarge', 'NVIDIA K80, not among nodeadm\'s NVIDIA families'],
    ['mac2.metal', 'Mac'], ['p6-b200.48xlarge', 'a name of another shape'], ['u-6tb1.metal', 'a name of another shape'],
    ['a1.large', 'Graviton1, which AL2023 does not support'],
  ])('%s (%s) has none: validation refuses it rather than guess', (machineType) => {
    expect(eksAmiType(machineType)).toBeUndefined();
  });
});
