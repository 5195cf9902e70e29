/** The minor of a `1.<minor>` version (Kubernetes `1.35`, Istio `1.30.3`), or undefined for anything else. */
export function minorOf(version: unknown): number | undefined {
  const m = typeof version === 'string' ? /^1\.(\d+)/.exec(version) : null;
  return m ? Number(m[1]) : undefined;
}
