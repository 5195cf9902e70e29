import { gkeBootDiskType, gkeHyperdiskOnlyWarnings } from './gke-hyperdisk-only';
import { ResolvedCluster } from './resolve-fleet';

const cluster = (name: string, cloud: string, role: string, machineTypes: string[]) =>
  ({ name, cloud, role, nodePools: machineTypes.map((machineType, i) => ({ name: `p${i}`, machineType })) }) as unknown as ResolvedCluster;

describe('machine series that attach only Hyperdisk', () => {
  test('their pools boot from hyperdisk-balanced; series with Persistent Disk name pd-balanced, GKE\'s default; the others name none', () => {
    for (const type of ['c4-standard-4', 'c4d-highmem-8', 'n4d-standard-2', 'n4a-standard-4', 'h4d-highmem-192-lssd', 'm4-megamem-56', 'x4-960-16t', 'a4-highgpu-8g', 'a4x-highgpu-4g', 'g4-standard-48', 'ct6e-standard-4t', 'tpu7x-standard-4t']) {
      expect([type, gkeBootDiskType(type)]).toEqual([type, 'hyperdisk-balanced']);
    }
    for (const type of ['e2-standard-4', 'n1-standard-2', 'n2-standard-8', 'n2d-standard-4', 'c3-standard-4', 'c3d-standard-8', 't2a-standard-1', 'z3-highmem-88']) {
      expect([type, gkeBootDiskType(type)]).toEqual([type, 'pd-balanced']);
    }
    // n4 and c4a: Google's PD CSI driver lists pd-balanced for them, older sources say Hyperdisk only (see the file's comment).
    for (const type of ['n4-standard-4', 'c4a-standard-4', 'zz9-standard-4']) expect([type, gkeBootDiskType(type)]).toEqual([type, undefined]);
  });

  test('warns for a GKE cluster with such a pool: a claim of the default StorageClass (pd-balanced) never attaches there', () => {
    const warnings = gkeHyperdiskOnlyWarnings({
      clusters: [cluster('gcp-mgmt', 'gcp', 'management', ['e2-standard-4', 'c4-standard-8']), cluster('gcp-prod', 'gcp', 'workload', ['e2-standard-4']), cluster('gcp-fast', 'gcp', 'workload', ['c4d-standard-4'])],
    });
    expect(warnings).toEqual([
      expect.stringMatching(/^cluster gcp-mgmt: pool p1 \(c4-standard-8\) attach only Hyperdisk, .*standard-rwo.*\(with Observability on, Mimir's, Loki's and Grafana's\).*ContainerCreating.*hyperdisk-balanced/),
      expect.stringMatching(/^cluster gcp-fast: pool p0 \(c4d-standard-4\) attach only Hyperdisk, .*PersistentVolumeClaim that lands there/),
    ]);
  });

  test('silent for clusters on other clouds', () => {
    expect(gkeHyperdiskOnlyWarnings({ clusters: [cluster('aws', 'aws', 'management', ['c4-standard-8'])] })).toEqual([]);
  });
});
