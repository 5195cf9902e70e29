/**
 * A cdktf token's text (`Fn.*`, `Lazy`, `Token.asString`): a key into the token map of the thread that
 * made it, which only cdktf resolves, in a Terraform stack (cdktf 0.21 lib/tokens/private/encoding.js:
 * `${TfToken[`, `#{TfToken[` in a list, `&{TfToken[` as a map's key). Anywhere else it is written as it is.
 */
export const CDKTF_TOKEN_TEXT = /[$#&]\{TfToken\[/;

/** What the fleet's checks say of a cdktf token, as text or as a number, wherever it is. */
export const CDKTF_TOKEN_PROBLEM = 'holds a cdktf token (Fn, Lazy, Token.asString, Token.asNumber): only a Terraform stack resolves one, so its encoding would be written as the value';

const double = new Float64Array(1);
const doubleWords = new Uint32Array(double.buffer);
/**
 * Whether a number is a cdktf token's (Token.asNumber, or an element of Token.asNumberList): its top 16
 * bits are 0xfdff, or 0xfbff in a list (cdktf 0.21 lib/tokens/private/encoding.js DOUBLE_TOKEN_MARKER_BITS,
 * extractTokenDouble; little-endian, as cdktf assumes). Outside a Terraform stack it is written as the
 * double it is (about -8.1e298; -1.9e289 in a list). Read here, without loading cdktf: the up-to-date
 * check fingerprints the fleet with the render cache, which must not load cdktf.
 */
export function isCdktfNumberToken(n: number): boolean {
  double[0] = n;
  const top = doubleWords[1] >>> 16;
  return top === 0xfdff || top === 0xfbff;
}

/**
 * Text that reads as a value nobody knew: `undefined`, `NaN`, `[object Object]` or a cdktf token's text
 * anywhere in it, or exactly `null`, `Infinity` or `-Infinity`. The output check (lib/synth/placeholders.ts)
 * refuses it in every generated document; the fleet's checks refuse it first where the user wrote it
 * (labels, Helm values).
 */
export const PLACEHOLDER_TEXT = new RegExp(`\\bundefined\\b|\\bNaN\\b|\\[object Object\\]|^null$|^Infinity$|^-Infinity$|${CDKTF_TOKEN_TEXT.source}`);

export function looksLikePlaceholder(text: string): boolean {
  return PLACEHOLDER_TEXT.test(text);
}
