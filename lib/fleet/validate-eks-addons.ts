import { CLOUD_CATALOG } from './cloud-catalog';
import { EKS_ADDON_VERSIONS_CHECKED_ON, missingEksAddonVersions } from './eks-addon-versions';
import { isRecord, Problems } from './problems';

/**
 * What an EKS stack needs from the fleet beyond the catalog: a pinned version of every managed
 * add-on for the cluster's minor, and a pool that always has a node. CoreDNS and the EBS CSI
 * controller are Deployments: Terraform waits for their add-ons to become ACTIVE, which needs a
 * node (EKS User Guide, managing-coredns); the Cluster Autoscaler runs on the cluster's own nodes too,
 * so with every pool at minSize 0 nothing would ever scale up.
 */
export function checkEksAddons(p: Problems, path: string, c: Readonly<Record<string, unknown>>): void {
  if (c.cloud !== 'aws') return;
  const version = c.kubernetesVersion;
  // An unknown minor is reported by the catalog check already.
  if (typeof version === 'string' && CLOUD_CATALOG.aws.kubernetesVersions.includes(version)) {
    const missing = missingEksAddonVersions(version);
    if (missing.length > 0) {
      p.add(`${path}.kubernetesVersion`, `no pinned version of the EKS add-on${missing.length > 1 ? 's' : ''} ${missing.join(', ')} for Kubernetes ${version} yet (lib/fleet/eks-addon-versions.ts, checked ${EKS_ADDON_VERSIONS_CHECKED_ON})`, version, 'a minor with a complete row there; add one from `aws eks describe-addon-versions --kubernetes-version <minor>`');
    }
  }
  const pools = Array.isArray(c.nodePools) ? c.nodePools.filter(isRecord) : [];
  if (pools.length > 0 && !pools.some((pool) => typeof pool.minSize === 'number' && pool.minSize >= 1)) {
    p.add(`${path}.nodePools`, 'an EKS cluster needs a pool with minSize of at least 1: CoreDNS, the EBS CSI controller and the Cluster Autoscaler run on it', pools.map((pool) => pool.name), 'at least one pool with minSize >= 1');
  }
}
