import { ChartImage, chartImageValues, HelmValues, ImageMirrors } from '../../fleet';

/**
 * The images Argo CD's chart runs with fleetsynth's values (argo-helm argo-cd-10.1.1 charts/argo-cd/values.yaml):
 * every Argo CD component and the Redis secret-init job take `global.image.repository` (each component's own is
 * empty: `default .Values.global.image.repository .Values.<component>.image.repository`), Redis its own,
 * each `<repository>:<tag>` (templates/<component>/deployment.yaml, redis-secret-init/job.yaml). Dex (argocd-install.ts),
 * Redis HA, the Redis exporter and the server's extensions are off.
 */
export const ARGOCD_IMAGES: readonly ChartImage[] = [
  { image: 'quay.io/argoproj/argocd', at: 'global.image.repository', spelling: 'image' },
  { image: 'ecr-public.aws.com/docker/library/redis', at: 'redis.image.repository', spelling: 'image' },
];

/** Argo CD's values that point its images at the management cluster's mirrors (merge them into `argoCdHelmValues`'s `extra`). */
export function argoCdImageValues(mirrors: ImageMirrors | undefined): HelmValues {
  return chartImageValues(mirrors, ARGOCD_IMAGES);
}
