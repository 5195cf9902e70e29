import { CATALOG_CHECKED_ON, CLOUD_CATALOG } from './cloud-catalog';

/**
 * The end of community support of each AKS minor: "End of life" in the AKS Kubernetes release calendar
 * (MicrosoftDocs/azure-aks-docs articles/aks/supported-kubernetes-versions.md, fb060ab, 2026-08-21;
 * a month alone means its last day). After it a minor has platform support only, in which AKS creates
 * no cluster ("Can I create a new 1.xx.x cluster during the platform support window? No").
 */
const AKS_END_OF_LIFE: Readonly<Record<string, string>> = {
  '1.34': '2026-11-30',
  '1.35': '2027-03-31',
  '1.36': '2027-06-30',
  '1.37': '2027-10-31',
};

const DAY_MS = 24 * 60 * 60 * 1000;

describe('the Kubernetes minors the catalog offers', () => {
  // Within a month of its end a minor is a poor start: AKS removes it region by region around that date
  // (a release reaches every region in up to 10 business days, same page), and a cluster created at it
  // needs a minor upgrade at once.
  test('every AKS minor offered is in community support for a month after the catalog was checked', () => {
    const shortLived = CLOUD_CATALOG.azure.kubernetesVersions.filter((v) => {
      const end = AKS_END_OF_LIFE[v];
      return end === undefined || Date.parse(end) - Date.parse(CATALOG_CHECKED_ON) < 30 * DAY_MS;
    });
    expect(shortLived).toEqual([]);
  });

  test('AKS 1.34 is not offered: its community support ends 2026-11-30', () => {
    expect(CLOUD_CATALOG.azure.kubernetesVersions).not.toContain('1.34');
  });

  // Every GKE stack enrolls in the Regular channel (lib/infra/gke-cluster.ts), and GKE refuses a master version
  // outside it; Regular offers 1.34 to 1.36 (GKE release notes, "Current versions"), 1.32 and 1.33 the Extended
  // channel only.
  test('GKE offers the minors of the Regular channel only', () => {
    expect(CLOUD_CATALOG.gcp.kubernetesVersions).toEqual(['1.34', '1.35', '1.36']);
  });
});
