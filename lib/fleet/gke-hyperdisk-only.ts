import { ResolvedFleet } from './resolve-fleet';

/**
 * Compute Engine machine series that attach no Persistent Disk (pd-standard, pd-balanced, pd-ssd), only
 * Hyperdisk, as Google's own PD CSI driver lists each series' disk types for its node labeler
 * (kubernetes-sigs/gcp-compute-persistent-disk-csi-driver 761f9706, deploy/kubernetes/overlays/node-labeler/configmap.yaml,
 * machine-pd-compatibility.json: no pd-* entry for these; deploy/disk_type_labels.sh says the same). Every one
 * lists hyperdisk-balanced, the TPU series ct6e (v6e) and tpu7x too (hyperdisk-balanced and hyperdisk-ml only). N4 and C4A are left out: that list gives them pd-balanced and pd-ssd, where older
 * sources (hashicorp/terraform-provider-google#20247 for C4A, Red Hat's GCP PD CSI notes for N4) say Hyperdisk only.
 * Re-check the list when Google adds a series.
 */
export const GKE_HYPERDISK_ONLY_SERIES: readonly string[] = ['a4', 'a4x', 'c4', 'c4d', 'ct6e', 'g4', 'h4d', 'm4', 'n4a', 'n4d', 'tpu7x', 'x4'];

/** The series of a Compute Engine machine type: `c4d` for `c4d-standard-8`. */
function seriesOf(machineType: string): string {
  return machineType.split('-')[0];
}

/**
 * Series the same list gives balanced Persistent Disk (pd-balanced), GKE's default boot disk from 1.24
 * (GKE docs *Configuring a custom boot disk*), and not only Hyperdisk.
 */
const PD_BALANCED_SERIES: readonly string[] = ['a2', 'a3', 'c2', 'c2d', 'c3', 'c3d', 'e2', 'g2', 'h3', 'm1', 'm2', 'm3', 'n1', 'n2', 'n2d', 't2a', 't2d', 'z3'];

/**
 * The boot disk type a GKE pool of this machine type names: hyperdisk-balanced for a Hyperdisk-only
 * series, pd-balanced (what GKE gives unasked) for one with Persistent Disk, undefined (GKE's choice) for
 * the others (N4, C4A, a series the list lacks). Named, because with a machine type change the provider
 * sends the type it holds in state, or, when the API reports the pool's `boot_disk` (Optional and Computed,
 * so in state), none unless `disk_type` changes, leaving the type to GKE (v6.50.0
 * google/services/container/node_config.go, UpdateNodePoolRequest `DiskType: d.Get("node_config.0.disk_type")`,
 * then `req.DiskType = ""` when its old and new values are equal): a pool moved from e2 to c4 would ask for
 * pd-balanced on c4, or keep it, one moved back hyperdisk-balanced on e2. A type named and changed is always sent.
 */
export function gkeBootDiskType(machineType: string): 'hyperdisk-balanced' | 'pd-balanced' | undefined {
  const series = seriesOf(machineType);
  if (GKE_HYPERDISK_ONLY_SERIES.includes(series)) return 'hyperdisk-balanced';
  return PD_BALANCED_SERIES.includes(series) ? 'pd-balanced' : undefined;
}

/**
 * GKE clusters with a pool of a Hyperdisk-only series. GKE's default StorageClass (`standard-rwo`) makes
 * balanced Persistent Disks, created in the zone of the node the pod was scheduled to
 * (WaitForFirstConsumer), and Compute Engine attaches none to such a node: the pod never starts. Warned,
 * not refused: a pool whose pods claim no volume, or name a Hyperdisk StorageClass, is fine.
 */
export function gkeHyperdiskOnlyWarnings(fleet: Pick<ResolvedFleet, 'clusters'>): string[] {
  return fleet.clusters.flatMap((c) => {
    if (c.cloud !== 'gcp') return [];
    const pools = c.nodePools.filter((p) => gkeBootDiskType(p.machineType) === 'hyperdisk-balanced');
    if (pools.length === 0) return [];
    const stores = c.role === 'management' ? ' (with Observability on, Mimir\'s, Loki\'s and Grafana\'s)' : '';
    return [
      `cluster ${c.name}: ${pools.map((p) => `pool ${p.name} (${p.machineType})`).join(', ')} attach only Hyperdisk, and GKE's default StorageClass standard-rwo makes balanced Persistent Disks: ` +
        `a pod with such a PersistentVolumeClaim${stores} that lands there stays ContainerCreating, its disk never attached; ` +
        `give those claims a StorageClass of type hyperdisk-balanced, keep those pods off the pool (a taint), or give it a series that attaches Persistent Disk (e2, n2, n2d, c3)`,
    ];
  });
}
