import { Problem, show } from './fleet-error';

/** Collects problems while a validator walks a definition. */
export class Problems {
  readonly list: Problem[] = [];
  add(path: string, message: string, given?: unknown, allowed?: string): void {
    this.list.push({ path, message, ...(given !== undefined || allowed !== undefined ? { given: show(given) } : {}), ...(allowed !== undefined ? { allowed } : {}) });
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
export { LETTER_DNS_LABEL as DNS_LABEL, DNS1123_SUBDOMAIN as DNS_SUBDOMAIN } from './dns-names';
// https://, ssh:// and scp-like git@host:org/repo; no credentials in the URL (they belong in Argo CD's repo secret).
export const GIT_URL = /^(https:\/\/[a-z0-9.-]+(:\d+)?\/[^\s@]+|ssh:\/\/([a-z0-9_.-]+@)?[a-z0-9.-]+(:\d+)?\/\S+|[a-z0-9_.-]+@[a-z0-9.-]+:[^\s/][^\s]*)$/i;
