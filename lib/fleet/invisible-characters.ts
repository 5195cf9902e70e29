/*
 * Characters a reader of the fleet, of `git diff dist/` or of an error message cannot see, and which no
 * field of the fleet means: control characters (C0, DEL, C1), format characters (zero-width spaces and
 * joiners, the byte order mark, bidirectional embeddings, overrides and isolates, soft hyphen, tags) and
 * the line and paragraph separators. Pasted from a chat, a web page or a PDF, they make a repository URL,
 * a path or a name that reads right and is another, and bidirectional overrides make the reviewed diff
 * show other text than the file holds (CVE-2021-42574, "Trojan Source"). What refuses them downstream:
 *  - Go's net/url, which Argo CD, Vault's clients and every Go consumer parse URLs with, refuses any byte
 *    below 0x20 and 0x7f ("net/url: invalid control character in URL": golang/go src/net/url/url.go,
 *    parse, stringContainsCTLByte); the other characters it takes and percent-encodes, so Argo CD would
 *    clone a repository, and the nodes pull from a registry path, that is not the one that reads alike;
 *  - go-yaml, which Argo CD, Helm and kubectl read our YAML with, refuses DEL and the C1 controls but NEL
 *    ("control characters are not allowed": sigs.k8s.io/yaml goyaml.v2/readerc.go), and reads NEL, U+2028 and
 *    U+2029 as line breaks (goyaml.v2/yamlprivateh.go is_break): the `yaml` library writes all of them
 *    unescaped, so one in a value makes the whole file unreadable, or a different value;
 *  - Kubernetes names, label keys and values allow none (apimachinery validation, [-A-Za-z0-9_.]).
 * Free text (Helm values, a PEM certificate, a jq expression) keeps tabs and line breaks, and the
 * zero-width joiners and marks that real text needs (emoji sequences, Persian and Indic scripts): see
 * INVISIBLE_IN_TEXT.
 */

/**
 * Everything that is no visible part of an identifier, a URL or a path; with the lone surrogates (half
 * a UTF-16 pair, which a TypeScript fleet can hold and UTF-8 cannot: written to a file it becomes U+FFFD)
 * and the noncharacters U+FFFE and U+FFFF (go-yaml's reader refuses them, as it does the controls).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\ufffe\uffff]/u;
/**
 * In free text: controls but tab, line feed and carriage return; LS and PS; bidirectional embeddings,
 * overrides and isolates; and the zero-width space, word joiner, invisible operators and byte order mark,
 * which no script needs. Kept: the joiners (ZWJ, ZWNJ) and the directional marks (LRM, RLM, ALM) that
 * emoji, Indic, Persian and Arabic text use, the soft hyphen, and tag characters (subdivision flags).
 */
const INVISIBLE_IN_TEXT = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}\ufffe\uffff\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
const ALLOWED_IN_TEXT = new Set(['\t', '\n', '\r']);

/** Names of the ones met in practice, as the Unicode standard names them (or as its control aliases). */
const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NULL', 0x09: 'CHARACTER TABULATION', 0x0a: 'LINE FEED', 0x0b: 'LINE TABULATION', 0x0c: 'FORM FEED',
  0x0d: 'CARRIAGE RETURN', 0x1b: 'ESCAPE', 0x7f: 'DELETE', 0x85: 'NEXT LINE', 0xad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK', 0x180e: 'MONGOLIAN VOWEL SEPARATOR', 0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER', 0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR', 0x2029: 'PARAGRAPH SEPARATOR', 0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING', 0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE', 0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE (byte order mark)',
};

/** `U+202E (RIGHT-TO-LEFT OVERRIDE)`: how a message names the character. */
export function characterName(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[codePoint] ?? (codePoint >= 0xd800 && codePoint <= 0xdfff ? 'a lone surrogate, half of a UTF-16 pair' : codePoint >= 0xfffe && codePoint <= 0xffff ? 'a noncharacter' : /\p{Cc}/u.test(String.fromCodePoint(codePoint)) ? 'a control character' : 'an invisible format character');
  return `${hex} (${name})`;
}

/**
 * The problem with invisible characters in `text`, or undefined: which one and where, counted in
 * characters from 1. `freeText` for values that are text to show (Helm values, a certificate), which
 * keep tabs, line breaks and the joiners of real scripts.
 */
export function invisibleCharacterProblem(text: string, freeText = false): string | undefined {
  if (!(freeText ? INVISIBLE_IN_TEXT : INVISIBLE).test(text)) return undefined;
  const characters = [...text];
  const first = characters.findIndex((ch) => refused(ch, freeText));
  if (first < 0) return undefined;
  const found = [...new Set(characters.filter((ch) => refused(ch, freeText)).map((ch) => ch.codePointAt(0)!))];
  const more = found.length > 1 ? `, and ${found.slice(1).map(characterName).join(', ')}` : '';
  return `holds an invisible character, ${characterName(found[0])} at character ${first + 1}${more}: it reads as another value than the one written`;
}

/** The text without the characters invisibleCharacterProblem refuses: what to suggest instead. */
export function withoutInvisible(text: string, freeText = false): string {
  return [...text].filter((ch) => !refused(ch, freeText)).join('');
}

function refused(ch: string, freeText: boolean): boolean {
  return freeText ? INVISIBLE_IN_TEXT.test(ch) && !ALLOWED_IN_TEXT.has(ch) : INVISIBLE.test(ch);
}

const ESCAPED = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\ufffe\uffff]/gu;

/**
 * The text with every invisible character written as a JavaScript escape (`\u202e`), for messages: a
 * path or a value printed with a right-to-left override in it would show reordered, or with a zero-width
 * space, as a value it is not. Within a JSON string the escape is the same character.
 */
export function escapeInvisible(text: string): string {
  // Each UTF-16 unit: a character beyond U+FFFF (a tag) as its surrogate pair, as JSON writes one.
  return text.replace(ESCAPED, (ch) => [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}
