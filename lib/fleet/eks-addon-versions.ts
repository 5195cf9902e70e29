/*
 * The EKS managed add-ons every EKS stack installs, pinned per Kubernetes minor: what runs is what
 * was reviewed, and a cluster upgrade moves them in the same commit. Maintained by hand like
 * lib/fleet/cloud-catalog.ts; a minor the catalog offers without a complete row here is a
 * validation error for clusters on it (validate-eks-addons.ts), never a guess.
 *
 * To add or bump a row: `aws eks describe-addon-versions --kubernetes-version <minor> --addon-name <name>`
 * (EKS User Guide, addon-compat), then review `git diff dist/`.
 *
 * Sources, read 2026-11-26:
 * - kube-proxy, coredns: the per-minor "latest version" tables of the EKS User Guide
 *   (docs.aws.amazon.com/ja_jp/eks/latest/userguide/managing-kube-proxy.md and managing-coredns.md,
 *   the newest copies seen, listing 1.31-1.36).
 * - vpc-cni, eks-pod-identity-agent, aws-ebs-csi-driver: AWS publishes no per-minor table for these
 *   (the VPC CNI table seen stops at 1.33 with v1.20.1-eksbuild.3). The versions below are the 1.35
 *   defaults of `describe-addon-versions` as mirrored by LocalStack Pro 2026.5.0, and are in use on
 *   EKS 1.30-1.35 clusters in public configurations (vpc-cni on 1.30, 1.33, 1.34, 1.35; the Pod
 *   Identity agent on 1.32, 1.34, 1.35; the EBS CSI driver on 1.34, 1.35). Nothing found for 1.36:
 *   not pinned, so EKS 1.36 clusters are refused until someone checks.
 */

export const EKS_MANAGED_ADDONS = ['vpc-cni', 'kube-proxy', 'eks-pod-identity-agent', 'coredns', 'aws-ebs-csi-driver'] as const;
export type EksManagedAddon = (typeof EKS_MANAGED_ADDONS)[number];

export const EKS_ADDON_VERSIONS_CHECKED_ON = '2026-11-26';

const COMMON = { 'vpc-cni': 'v1.21.1-eksbuild.7', 'eks-pod-identity-agent': 'v1.3.10-eksbuild.2', 'aws-ebs-csi-driver': 'v1.57.1-eksbuild.1' } as const;

export const EKS_ADDON_VERSIONS: Readonly<Record<string, Partial<Record<EksManagedAddon, string>>>> = {
  '1.32': { ...COMMON, 'kube-proxy': 'v1.32.13-eksbuild.16', coredns: 'v1.11.4-eksbuild.40' },
  '1.33': { ...COMMON, 'kube-proxy': 'v1.33.10-eksbuild.13', coredns: 'v1.12.4-eksbuild.18' },
  '1.34': { ...COMMON, 'kube-proxy': 'v1.34.6-eksbuild.13', coredns: 'v1.13.2-eksbuild.11' },
  '1.35': { ...COMMON, 'kube-proxy': 'v1.35.3-eksbuild.13', coredns: 'v1.14.3-eksbuild.3' },
  '1.36': { 'kube-proxy': 'v1.36.0-eksbuild.14', coredns: 'v1.14.3-eksbuild.3' },
};

/** The add-ons a Kubernetes minor has no pinned version of (all of them for an unknown minor). */
export function missingEksAddonVersions(kubernetesVersion: string): EksManagedAddon[] {
  const row = EKS_ADDON_VERSIONS[kubernetesVersion] ?? {};
  return EKS_MANAGED_ADDONS.filter((a) => !row[a]);
}

/** The pinned version of every managed add-on for a minor; validation guarantees there is one. */
export function eksAddonVersions(kubernetesVersion: string): Readonly<Record<EksManagedAddon, string>> {
  const missing = missingEksAddonVersions(kubernetesVersion);
  if (missing.length > 0) throw new Error(`no pinned EKS add-on version for Kubernetes ${kubernetesVersion}: ${missing.join(', ')}`);
  return EKS_ADDON_VERSIONS[kubernetesVersion] as Record<EksManagedAddon, string>;
}
