/**
 * Text that reads as a value nobody knew: `undefined`, `NaN` or `[object Object]` anywhere in it, or
 * exactly `null`, `Infinity` or `-Infinity`. The output check (lib/synth/placeholders.ts) refuses it in
 * every generated document; the fleet's checks refuse it first where the user wrote it (labels, Helm values).
 */
export const PLACEHOLDER_TEXT = /\bundefined\b|\bNaN\b|\[object Object\]|^null$|^Infinity$|^-Infinity$/;

export function looksLikePlaceholder(text: string): boolean {
  return PLACEHOLDER_TEXT.test(text);
}
