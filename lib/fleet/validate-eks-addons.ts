import { blockingTaints, corednsTolerates, ebsCsiControllerTolerates } from './blocking-taints';
import { asText } from './fleet-error';
import { CLOUD_CATALOG } from './cloud-catalog';
import { EKS_ADDON_VERSIONS_CHECKED_ON, missingEksAddonVersions } from './eks-addon-versions';
import { isRecord, Problems } from './problems';

/**
 * What an EKS stack needs from the fleet beyond the catalog: a pinned version of every managed
 * add-on for the cluster's minor, and a pool that always has a node those add-ons can run on.
 * CoreDNS and the EBS CSI controller are Deployments: Terraform waits for their add-ons to become
 * ACTIVE, which needs a node (EKS User Guide, managing-coredns); the Cluster Autoscaler runs on the
 * cluster's own nodes too, so with every pool at minSize 0 nothing would ever scale up.
 */
export function checkEksAddons(p: Problems, path: string, c: Readonly<Record<string, unknown>>): void {
  if (c.cloud !== 'aws') return;
  const version = c.kubernetesVersion;
  // An unknown minor is reported by the catalog check already.
  if (typeof version === 'string' && CLOUD_CATALOG.aws.kubernetesVersions.includes(version)) {
    const missing = missingEksAddonVersions(version);
    if (missing.length > 0) {
      p.add(`${path}.kubernetesVersion`, `no pinned version of the EKS add-on${missing.length > 1 ? 's' : ''} ${missing.join(', ')} for Kubernetes ${version} yet (lib/fleet/eks-addon-versions.ts, checked ${EKS_ADDON_VERSIONS_CHECKED_ON})`, version, `${pinnedMinors().join(', ')} (the minors with a complete row there; another needs its row, from \`aws eks describe-addon-versions --kubernetes-version <minor>\`)`);
    }
  }
  const pools = Array.isArray(c.nodePools) ? c.nodePools.filter(isRecord) : [];
  const running = pools.filter((pool) => typeof pool.minSize === 'number' && pool.minSize >= 1);
  if (pools.length > 0 && running.length === 0) {
    p.add(`${path}.nodePools`, 'an EKS cluster needs a pool with minSize of at least 1: CoreDNS, the EBS CSI controller and the Cluster Autoscaler run on it', pools.map((pool) => pool.name), 'at least one pool with minSize >= 1');
  } else if (running.length > 0 && !running.some((pool) => blockingTaints(pool).length === 0)) {
    // The coredns add-on tolerates only CriticalAddonsOnly and the control-plane taint, the EBS CSI
    // controller CriticalAddonsOnly (blocking-taints.ts), the cluster-autoscaler chart nothing
    // (kubernetes/autoscaler charts/cluster-autoscaler values.yaml `tolerations: []`), nor does istiod:
    // an add-on without a node stays DEGRADED, which the provider waits out until its 20-minute
    // create timeout (terraform-provider-aws internal/service/eks/addon.go, waitAddonCreated). On a
    // pool tainted CriticalAddonsOnly the add-ons run, and the others still have no node.
    const addonsRun = running.some((pool) => blockingTaints(pool).every((t) => corednsTolerates(t) && ebsCsiControllerTolerates(t)));
    p.add(
      `${path}.nodePools`,
      addonsRun
        ? 'every pool with minSize of at least 1 has a NoSchedule or NoExecute taint: CoreDNS and the EBS CSI controller tolerate CriticalAddonsOnly and run there, but istiod, the platform\'s other pods and the Cluster Autoscaler tolerate none: they would stay Pending, and nothing would scale the other pools up from their minSize'
        : 'every pool with minSize of at least 1 has a NoSchedule or NoExecute taint: CoreDNS, the EBS CSI controller and the Cluster Autoscaler tolerate none of them, so their add-ons would never become ACTIVE and terraform apply would time out',
      running.map((pool) => `${asText(pool.name)}: ${blockingTaints(pool).join(', ')}`),
      'at least one pool with minSize >= 1 whose taints are all PreferNoSchedule (or that has none)',
    );
  }
}

/** The EKS minors that have a pinned version of every managed add-on: what a user can pick today. */
function pinnedMinors(): string[] {
  return CLOUD_CATALOG.aws.kubernetesVersions.filter((v) => missingEksAddonVersions(v).length === 0);
}
