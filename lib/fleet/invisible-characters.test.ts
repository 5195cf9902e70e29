import { escapeInvisible, invisibleCharacterProblem, withoutInvisible } from './invisible-characters';
import { FleetError, show } from './fleet-error';

describe('invisible characters', () => {
  test.each([
    ['NUL', '\u0000', 'U+0000 (NULL)'],
    ['a tab', '\t', 'U+0009 (CHARACTER TABULATION)'],
    ['a line feed', '\n', 'U+000A (LINE FEED)'],
    ['ESC', '\u001b', 'U+001B (ESCAPE)'],
    // Go's net/url refuses it in a URL (golang/go src/net/url/url.go stringContainsCTLByte: b < ' ' || b == 0x7f).
    ['DEL', '\u007f', 'U+007F (DELETE)'],
    // go-yaml reads it as a line break (sigs.k8s.io/yaml goyaml.v2/yamlprivateh.go is_break).
    ['NEL', '\u0085', 'U+0085 (NEXT LINE)'],
    ['a C1 control', '\u0090', 'U+0090 (a control character)'],
    ['a zero-width space', '\u200b', 'U+200B (ZERO WIDTH SPACE)'],
    ['a zero-width non-joiner', '\u200c', 'U+200C (ZERO WIDTH NON-JOINER)'],
    ['a zero-width joiner', '\u200d', 'U+200D (ZERO WIDTH JOINER)'],
    ['a byte order mark', '\ufeff', 'U+FEFF (ZERO WIDTH NO-BREAK SPACE (byte order mark))'],
    ['a right-to-left override', '\u202e', 'U+202E (RIGHT-TO-LEFT OVERRIDE)'],
    ['a left-to-right embedding', '\u202a', 'U+202A (LEFT-TO-RIGHT EMBEDDING)'],
    ['a first strong isolate', '\u2068', 'U+2068 (FIRST STRONG ISOLATE)'],
    ['a pop directional isolate', '\u2069', 'U+2069 (POP DIRECTIONAL ISOLATE)'],
    ['a line separator', '\u2028', 'U+2028 (LINE SEPARATOR)'],
    ['a paragraph separator', '\u2029', 'U+2029 (PARAGRAPH SEPARATOR)'],
    ['a soft hyphen', '\u00ad', 'U+00AD (SOFT HYPHEN)'],
    ['a lone surrogate', '\ud800', 'U+D800 (a lone surrogate, half of a UTF-16 pair)'],
    ['a tag character', '\u{e0041}', 'U+E0041 (an invisible format character)'],
  ])('fails when a name or URL holds %s, naming it and where', (_, ch, name) => {
    expect(invisibleCharacterProblem(`https://git.example.com/ac${ch}me/gitops.git`)).toBe(
      `holds an invisible character, ${name} at character 27: it reads as another value than the one written`,
    );
  });

  test('names each different character once, the first with its place', () => {
    expect(invisibleCharacterProblem('a\u200bb\u202ec\u200b')).toBe(
      'holds an invisible character, U+200B (ZERO WIDTH SPACE) at character 2, and U+202E (RIGHT-TO-LEFT OVERRIDE): it reads as another value than the one written',
    );
  });

  test.each([
    ['ASCII', 'https://github.com/acme/platform-gitops.git'],
    ['letters of other scripts', 'équipe-日本-команда'],
    ['a no-break space (visible as a space; the fields that refuse whitespace say so)', 'a\u00a0b'],
  ])('accepts %s', (_, text) => {
    expect(invisibleCharacterProblem(text)).toBeUndefined();
  });

  describe('in free text (Helm values, a PEM certificate)', () => {
    test.each([
      ['tabs and line breaks', 'a:\tb\r\nc\n'],
      ['an emoji sequence (ZWJ)', 'team \u{1f469}\u200d\u{1f4bb}'],
      ['Persian with a zero-width non-joiner', 'می\u200cخواهم'],
      ['Hebrew with a right-to-left mark', 'שלום\u200f!'],
    ])('accepts %s', (_, text) => {
      expect(invisibleCharacterProblem(text, true)).toBeUndefined();
    });

    test.each([
      ['NUL', '\u0000', 'U+0000'],
      ['DEL, which go-yaml refuses in the whole file', '\u007f', 'U+007F'],
      ['NEL, a line break to go-yaml', '\u0085', 'U+0085'],
      ['a line separator, a line break to go-yaml', '\u2028', 'U+2028'],
      ['a right-to-left override, which reorders what the reviewer of dist/ sees', '\u202e', 'U+202E'],
      ['a right-to-left isolate', '\u2067', 'U+2067'],
      ['a zero-width space', '\u200b', 'U+200B'],
      ['a byte order mark', '\ufeff', 'U+FEFF'],
    ])('fails when it holds %s', (_, ch, code) => {
      expect(invisibleCharacterProblem(`line one\nline${ch} two`, true)).toMatch(new RegExp(`^holds an invisible character, ${code.replace('+', '\\+')} .* at character 14`));
    });

    test('suggests the text without them, line breaks kept', () => {
      expect(withoutInvisible('a\u202e\nb\u200d', true)).toBe('a\nb\u200d');
      expect(withoutInvisible('a\u202e\nb\u200d')).toBe('ab');
    });
  });

  describe('shown escaped wherever a problem is printed', () => {
    test('escapes each as \\uXXXX, a character beyond U+FFFF as its surrogate pair', () => {
      expect(escapeInvisible('a\u202eb\u200b\u007f\u{e0041}é')).toBe('a\\u202eb\\u200b\\u007f\\udb40\\udc41é');
    });

    test('a value given is shown with the character escaped, as JSON writes it', () => {
      const shown = show('gi\u202etops');
      expect(shown).toBe('"gi\\u202etops"');
      expect(JSON.parse(shown)).toBe('gi\u202etops');
    });

    test('the path, message and value of a problem are printed with the character escaped', () => {
      const error = new FleetError([{ path: 'clusters[aws\u202eprod].name', message: 'x \u200b', given: 'y\u2066', allowed: 'z\u0085' }]);
      expect(error.problems[0]).toEqual({ path: 'clusters[aws\\u202eprod].name', message: 'x \\u200b', given: 'y\\u2066', allowed: 'z\\u0085' });
      expect(error.message).not.toMatch(/[\u202e\u200b\u2066\u0085]/);
    });
  });
});
