import { parse } from 'yaml';
import { OutputIndex } from './output-index';
import { rememberedAnswer, SynthCache } from './synth-cache';

/** A cluster's istiod Application, in the management cluster's `argocd/` folder or its cluster root's `argocd/clusters/<cluster>/`. */
const ISTIOD_APPLICATION = /^k8s\/[^/]+\/[^/]+\/argocd\/(?:clusters\/[^/]+\/)?application\.argoproj\.io_([a-z0-9.-]+)-istiod\.yaml$/;

/** What is read of an istiod Application (lib/k8s/istio/istio-installation.ts writes it). */
interface IstiodApplicationDocument {
  readonly spec?: {
    readonly destination?: { readonly name?: unknown };
    readonly source?: { readonly chart?: unknown; readonly targetRevision?: unknown; readonly helm?: { readonly valuesObject?: { readonly meshConfig?: { readonly trustDomain?: unknown }; readonly global?: { readonly meshID?: unknown; readonly caAddress?: unknown } } } };
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
  /** The CA its proxies ask for certificates (`global.caAddress`, istio-csr's with platform.secrets); none when istiod is the CA. */
  readonly caAddress?: string;
}

/**
 * Every istiod Application of the previous output (its index, its files through `read`), by file name.
 * Read once per synth, for every guard that needs them (mesh-trust-guard.ts, istio-version-step-guard.ts).
 * Each istiod Application lists every cluster's network, so parsing them all grows with the square of
 * the fleet (~0.4 s at 300 clusters): with `cache`, the result is kept under the hash of the files' names
 * and bytes (and fleetsynth's code), so an edit that leaves them as they were does not parse them again.
 */
export function previousIstiods(previous: OutputIndex | undefined, read: (path: string) => string | undefined, cache?: SynthCache): PreviousIstiod[] {
  if (!previous) return [];
  const files = Object.keys(previous.files).filter((p) => ISTIOD_APPLICATION.test(p)).sort();
  const texts = files.map((file) => read(file));
  return rememberedAnswer(cache, 'previous-istiods', [files, texts], () =>
    files.flatMap((file, i) => {
      const istiod = istiodOf(file, texts[i]);
      return istiod ? [istiod] : [];
    }),
  );
}

function istiodOf(file: string, text: string | undefined): PreviousIstiod | undefined {
  let app: IstiodApplicationDocument | null | undefined;
  try {
    app = parse(text ?? '') as typeof app;
  } catch {
    return undefined;
  }
  const source = app?.spec?.source;
  if (source?.chart !== 'istiod') return undefined;
  const destination = app?.spec?.destination?.name;
  const values = source.helm?.valuesObject;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const fields = { version: str(source.targetRevision), trustDomain: str(values?.meshConfig?.trustDomain), meshID: str(values?.global?.meshID), caAddress: str(values?.global?.caAddress) };
  return {
    file,
    cluster: typeof destination === 'string' ? destination : ISTIOD_APPLICATION.exec(file)![1],
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  };
}
