import { ARGOCD_NAMESPACE, clusterManifestFolder, managementCluster, ResolvedFleet, rootAppName } from '../fleet';
import { parseObject } from './cluster-selection';
import { OutputIndex } from './output-index';
import type { ReadPrevious } from './app-removal-guard';

/** The running root app as the previous synth wrote it into the management cluster's `argocd/` folder. */
export interface PreviousRoot {
  /** `<management folder>/argocd`, relative to the output folder. */
  readonly folder: string;
  /** Its `spec.source` fields as written; a field that is not a string is undefined. */
  readonly source: { readonly repoURL?: string; readonly targetRevision?: string; readonly path?: string };
}

/**
 * The root app `<fleet>-root` the previous synth wrote for the fleet's (current) management cluster;
 * undefined without a previous synth, or when it wrote no root there (another management cluster:
 * management-switch-guard.ts) or one that cannot be read.
 */
export function previousRoot(fleet: ResolvedFleet, previous: OutputIndex | undefined, read: ReadPrevious): PreviousRoot | undefined {
  if (!previous) return undefined;
  const folder = `${clusterManifestFolder(managementCluster(fleet))}/${ARGOCD_NAMESPACE}`;
  const file = `${folder}/application.argoproj.io_${rootAppName(fleet)}.yaml`;
  if (!(file in previous.files)) return undefined;
  const text = read(file);
  const root = (text === undefined ? undefined : parseObject(text)) as { spec?: { source?: Record<string, unknown> } } | undefined;
  const source = root?.spec?.source;
  if (source === undefined || source === null || typeof source !== 'object') return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { folder, source: { repoURL: str(source.repoURL), targetRevision: str(source.targetRevision), path: str(source.path) } };
}
