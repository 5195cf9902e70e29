import { CATALOG_CHECKED_ON, CLOUD_CATALOG } from './cloud-catalog';
import type { ResolvedCluster } from './resolve-fleet';

/*
 * EKS gives a minor 14 months of standard support, then 12 of extended support "at an additional cost
 * per cluster hour"; at its end EKS creates no cluster at it and upgrades existing control planes itself
 * (EKS User Guide, versioning/kubernetes-versions.adoc). Extended support is billed "a total of $0.60
 * per cluster per hour", against "$0.10 per cluster per hour" in standard support (AWS Containers blog,
 * "Amazon EKS extended support for Kubernetes versions pricing"). The catalog offers every minor EKS
 * creates clusters at, extended ones included (cloud-catalog.ts), so synth warns about the cost and the
 * deadline: whether to pay it is the user's choice, not an error.
 *
 * Whether a minor is in extended support is read against the day the catalog was checked
 * (CATALOG_CHECKED_ON), never the clock: the same fleet gives the same warnings on any day, and bumping
 * the catalog's date is what moves a minor into extended support here.
 */

/** The last days of a minor's standard and extended support on EKS, UTC, as `YYYY-MM-DD`. */
export interface EksSupportDates {
  /** Extended support, and its billing, starts at the beginning of this day. */
  readonly standardSupportEnds: string;
  readonly extendedSupportEnds: string;
}

/**
 * EKS's release calendar for the minors the catalog offers: 1.32 and 1.33 from the EKS User Guide's
 * table (awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc at 8596db85c9ea),
 * 1.34 and 1.35 from the same calendar as AWS's own samples copy it (aws-samples sample-apex-skills,
 * eks-operation-review cluster-lifecycle.md, verified 2026-04-24). A minor without a row (1.36: not on the
 * calendar seen) gets no warning.
 */
export const EKS_SUPPORT_CALENDAR: Readonly<Record<string, EksSupportDates>> = {
  '1.32': { standardSupportEnds: '2026-03-23', extendedSupportEnds: '2027-03-23' },
  '1.33': { standardSupportEnds: '2026-07-29', extendedSupportEnds: '2027-07-29' },
  '1.34': { standardSupportEnds: '2026-12-02', extendedSupportEnds: '2027-12-02' },
  '1.35': { standardSupportEnds: '2027-03-27', extendedSupportEnds: '2028-03-27' },
};

/** Whether EKS has `version` in extended support on `day` (`YYYY-MM-DD`). */
export function eksInExtendedSupport(version: string, day: string = CATALOG_CHECKED_ON): boolean {
  const dates = EKS_SUPPORT_CALENDAR[version];
  return dates !== undefined && day >= dates.standardSupportEnds && day < dates.extendedSupportEnds;
}

/** How far ahead of the catalog's date a coming end of standard support is warned about. */
export const EKS_SUPPORT_NOTICE_DAYS = 30;

const daysFrom = (from: string, to: string): number => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/**
 * One warning per EKS cluster at a minor in extended support on `day` (the catalog's date): what it costs, until
 * when, and the minor to move to; and one per EKS cluster at a minor whose standard support ends within
 * EKS_SUPPORT_NOTICE_DAYS of it (1.34 on 2026-12-02, four days after the catalog's check of 2026-11-28): a fleet
 * synthesized in those days would otherwise start paying extended support with no word from synth until the
 * catalog moves.
 */
export function eksExtendedSupportWarnings(fleet: { readonly clusters: readonly Pick<ResolvedCluster, 'name' | 'cloud' | 'kubernetesVersion'>[] }, day: string = CATALOG_CHECKED_ON): string[] {
  const standardOn = (d: string) => CLOUD_CATALOG.aws.kubernetesVersions.find((v) => EKS_SUPPORT_CALENDAR[v] !== undefined && !eksInExtendedSupport(v, d) && d < EKS_SUPPORT_CALENDAR[v].standardSupportEnds);
  return fleet.clusters
    .filter((c) => c.cloud === 'aws' && EKS_SUPPORT_CALENDAR[c.kubernetesVersion] !== undefined)
    .flatMap((c) => {
      const dates = EKS_SUPPORT_CALENDAR[c.kubernetesVersion];
      if (eksInExtendedSupport(c.kubernetesVersion, day)) {
        const standard = standardOn(day);
        return [
          `EKS cluster ${c.name}: Kubernetes ${c.kubernetesVersion} is in EKS extended support (its standard support ended ${dates.standardSupportEnds}; EKS's calendar as of ${day}), ` +
            `which AWS bills at $0.60 per cluster per hour instead of $0.10, until ${dates.extendedSupportEnds}, when EKS upgrades the control plane itself, outside Git` +
            (standard ? `: raise kubernetesVersion one minor at a time to ${standard} or later before then` : ''),
        ];
      }
      const left = daysFrom(day, dates.standardSupportEnds);
      if (left < 0 || left > EKS_SUPPORT_NOTICE_DAYS) return [];
      const standard = standardOn(dates.standardSupportEnds);
      return [
        `EKS cluster ${c.name}: Kubernetes ${c.kubernetesVersion} leaves EKS standard support on ${dates.standardSupportEnds} (EKS's calendar as of ${day}); from then AWS bills its extended support at $0.60 per cluster per hour instead of $0.10` +
          (standard ? `: raise kubernetesVersion to ${standard} before then to stay in standard support` : ''),
      ];
    });
}
