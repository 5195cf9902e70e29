import { stringify, type ScalarTag } from 'yaml';

/*
 * Strings that Go's YAML reader takes for numbers, which the `yaml` library writes unquoted.
 *
 * Argo CD, Helm and kubectl read YAML with go-yaml v2 (sigs.k8s.io/yaml's goyaml.v2). A plain scalar
 * that starts with a sign or a digit is resolved with every `_` removed, through Go's
 * `strconv.ParseInt(plain, 0, 64)`, `ParseUint`, then `ParseFloat` for what its float pattern matches
 * (goyaml.v2 resolve.go, `case 'D', 'S'`). Base 0 takes Go's prefixes `0x`, `0X`, `0o`, `0O`, `0b`, `0B`
 * (strconv docs), which YAML 1.1 does not have, so `yaml` writes `0o755`, `0X1F`, `0B101`, `1e5_` as they
 * are, and Go reads 493, 31, 5, 100000: a Helm value reaches the chart as a number, a label value makes
 * the apply fail (a number in a map of strings). A tag that claims those strings makes `yaml` quote them
 * (stringifyString: a string that a default tag's `test` matches is quoted).
 */

/** goyaml.v2's float pattern (resolve.go yamlStyleFloat), applied after the underscores are removed. */
const GO_YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** What strconv.ParseInt and ParseUint take with base 0: a sign, then decimal, or a 0x/0o/0b prefixed, or a 0-led octal number. */
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)$/;

/** Whether go-yaml v2 reads this plain scalar as a number. */
export function goYamlReadsAsNumber(text: string): boolean {
  // Only a sign or a digit first takes this path (resolve.go resolveTable: 'S', 'D'); `.5` and the like `yaml` quotes already.
  if (!/^[-+0-9]/.test(text)) return false;
  const plain = text.replace(/_/g, '');
  return GO_INT.test(plain) || GO_YAML_FLOAT.test(plain);
}

/** A RegExp whose `test` is goYamlReadsAsNumber: what `yaml` asks a tag before it writes a string plain. */
class GoYamlNumber extends RegExp {
  constructor() {
    super('^[-+0-9]');
  }

  override test(text: string): boolean {
    return goYamlReadsAsNumber(text);
  }
}

/**
 * A tag for stringify only (`customTags`): it claims the strings Go reads as numbers, so that `yaml`
 * quotes them; it never resolves anything fleetsynth parses (no document is parsed with it).
 */
const GO_YAML_NUMBER: ScalarTag = { tag: 'tag:yaml.org,2002:int', default: true, test: new GoYamlNumber(), resolve: (text: string) => text };

/** The options every YAML fleetsynth writes for Go readers adds: Go's numbers quoted. */
export const GO_YAML_STRINGIFY: { readonly customTags: ScalarTag[] } = { customTags: [GO_YAML_NUMBER] };

/** Helm values as YAML (Argo CD's values file, the apps' values): keys sorted, YAML 1.1 as Helm parses it (`yes`/`on` strings quoted), Go's numbers quoted, no wrapping. */
export const helmValuesYaml = (values: unknown): string => stringify(values, { lineWidth: 0, sortMapEntries: true, version: '1.1', ...GO_YAML_STRINGIFY });
