import { parse } from 'yaml';
import { OutputIndex } from './output-index';

/** A cluster's istiod Application, in the management cluster's `argocd/` folder or its cluster root's `argocd/clusters/<cluster>/`. */
const ISTIOD_APPLICATION = /^k8s\/[^/]+\/[^/]+\/argocd\/(?:clusters\/[^/]+\/)?application\.argoproj\.io_([a-z0-9.-]+)-istiod\.yaml$/;

/** What is read of an istiod Application (lib/k8s/istio/istio-installation.ts writes it). */
interface IstiodApplicationDocument {
  readonly spec?: {
    readonly destination?: { readonly name?: unknown };
    readonly source?: { readonly chart?: unknown; readonly targetRevision?: unknown; readonly helm?: { readonly valuesObject?: { readonly meshConfig?: { readonly trustDomain?: unknown }; readonly global?: { readonly meshID?: unknown } } } };
  };
}

/** An istiod Application of a previous synth's output, as far as it reads as one. */
export interface PreviousIstiod {
  readonly file: string;
  /** The cluster it installs istiod on (its destination). */
  readonly cluster: string;
  /** The istiod chart's version: the Istio release. */
  readonly version?: string;
  readonly trustDomain?: string;
  readonly meshID?: string;
}

/** Every istiod Application of the previous output (its index, its files through `read`), by file name. */
export function previousIstiods(previous: OutputIndex, read: (path: string) => string | undefined): PreviousIstiod[] {
  const found: PreviousIstiod[] = [];
  for (const file of Object.keys(previous.files).filter((p) => ISTIOD_APPLICATION.test(p)).sort()) {
    let app: IstiodApplicationDocument | null | undefined;
    try {
      app = parse(read(file) ?? '') as typeof app;
    } catch {
      continue;
    }
    const source = app?.spec?.source;
    if (source?.chart !== 'istiod') continue;
    const destination = app?.spec?.destination?.name;
    const values = source.helm?.valuesObject;
    const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const fields = { version: text(source.targetRevision), trustDomain: text(values?.meshConfig?.trustDomain), meshID: text(values?.global?.meshID) };
    found.push({
      file,
      cluster: typeof destination === 'string' ? destination : ISTIOD_APPLICATION.exec(file)![1],
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    });
  }
  return found;
}
