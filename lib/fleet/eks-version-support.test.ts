import { CATALOG_CHECKED_ON, CLOUD_CATALOG } from './cloud-catalog';
import { EKS_SUPPORT_CALENDAR, EKS_SUPPORT_NOTICE_DAYS, eksExtendedSupportWarnings, eksInExtendedSupport } from './eks-version-support';

const cluster = (name: string, cloud: 'aws' | 'gcp' | 'azure', kubernetesVersion: string) => ({ name, cloud, kubernetesVersion });

describe('EKS minors in extended support (EKS release calendar, read against the catalog\'s date)', () => {
  test('the calendar: 1.32 and 1.33 left standard support in 2026 (EKS User Guide), 1.34 on 2026-12-02', () => {
    expect(EKS_SUPPORT_CALENDAR['1.32']).toEqual({ standardSupportEnds: '2026-03-23', extendedSupportEnds: '2027-03-23' });
    expect(EKS_SUPPORT_CALENDAR['1.33']).toEqual({ standardSupportEnds: '2026-07-29', extendedSupportEnds: '2027-07-29' });
    expect(CLOUD_CATALOG.aws.kubernetesVersions.filter((v) => eksInExtendedSupport(v))).toEqual(['1.32', '1.33']);
  });

  test('extended support starts on the day standard support ends (its billing starts at the beginning of that day) and is over on the date it ends', () => {
    expect(eksInExtendedSupport('1.34', '2026-12-01')).toBe(false);
    expect(eksInExtendedSupport('1.34', '2026-12-02')).toBe(true);
    expect(eksInExtendedSupport('1.34', '2027-12-02')).toBe(false);
    // A minor not on the calendar seen: never said to be in extended support.
    expect(eksInExtendedSupport('1.36', '2030-01-01')).toBe(false);
  });

  test('warns for each EKS cluster at such a minor: the price, the end, and the minor to move to; none for GKE or AKS at the same minor', () => {
    const warnings = eksExtendedSupportWarnings({ clusters: [cluster('aws-old', 'aws', '1.32'), cluster('aws-new', 'aws', '1.35'), cluster('gcp-old', 'gcp', '1.33')] });
    expect(warnings).toEqual([
      `EKS cluster aws-old: Kubernetes 1.32 is in EKS extended support (its standard support ended 2026-03-23; EKS's calendar as of ${CATALOG_CHECKED_ON}), ` +
        'which AWS bills at $0.60 per cluster per hour instead of $0.10, until 2027-03-23, when EKS upgrades the control plane itself, outside Git: ' +
        'raise kubernetesVersion one minor at a time to 1.34 or later before then',
    ]);
  });

  test('the same fleet gives the same warnings whatever the clock says: only the date passed (the catalog\'s by default) counts', () => {
    const fleet = { clusters: [cluster('aws-prod', 'aws', '1.34')] };
    expect(eksExtendedSupportWarnings(fleet, '2026-10-01')).toEqual([]);
    expect(eksExtendedSupportWarnings(fleet, '2026-12-02')).toEqual([expect.stringMatching(/^EKS cluster aws-prod: Kubernetes 1.34 is in EKS extended support .* to 1.35 or later before then$/)]);
  });

  test(`warns ahead, within ${EKS_SUPPORT_NOTICE_DAYS} days of the catalog's date, of a minor leaving standard support (1.34 on 2026-12-02), naming the minor that stays in it`, () => {
    const fleet = { clusters: [cluster('aws-prod', 'aws', '1.34'), cluster('aws-next', 'aws', '1.35')] };
    expect(eksExtendedSupportWarnings(fleet)).toEqual([
      `EKS cluster aws-prod: Kubernetes 1.34 leaves EKS standard support on 2026-12-02 (EKS's calendar as of ${CATALOG_CHECKED_ON}); from then AWS bills its extended support at $0.60 per cluster per hour instead of $0.10: ` +
        'raise kubernetesVersion to 1.35 before then to stay in standard support',
    ]);
    // 31 days ahead: not yet; the day before: still.
    expect(eksExtendedSupportWarnings(fleet, '2026-11-01')).toEqual([]);
    expect(eksExtendedSupportWarnings(fleet, '2026-12-01')).toHaveLength(1);
  });
});
