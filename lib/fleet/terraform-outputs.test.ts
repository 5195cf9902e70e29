import { completeFleetOutputs } from '../synth/fake-outputs';
import { fleetAddons } from '../addons';
import { fullTestFleet } from '../../test/full-fleet';
import { resolveFleet } from './resolve-fleet';
import { parseStackOutputs, parseTerraformOutputs, stackOutputJson, terraformOutputJson } from './terraform-outputs';

describe('terraformOutputJson (what `terraform output -json` prints)', () => {
  test('reads back as the same outputs, for every cloud and every platform service\'s own outputs', () => {
    const definition = fullTestFleet();
    const fleet = resolveFleet(definition);
    const { outputs } = completeFleetOutputs(fleet, new Map(), new Map(), fleetAddons(definition).addons);
    expect(outputs.size).toBe(fleet.clusters.length);
    for (const cluster of fleet.clusters) {
      const o = outputs.get(cluster.name)!;
      const json = JSON.parse(JSON.stringify(terraformOutputJson(o)));
      expect(Object.values(json).every((e: any) => e.sensitive === false && 'value' in e)).toBe(true);
      // every field as it was (the parse also keeps every named output in `values`)
      expect(parseTerraformOutputs(json, `${cluster.name}.json`, cluster)).toMatchObject(o);
    }
  });
});

describe('stackOutputJson (an add-on stack\'s `terraform output -json`)', () => {
  test('parses back to the same values, lists and strings alike', () => {
    const values = { interconnect_links: ['a-aws-b-gcp', 'c-aws-b-gcp'], zone_id: 'Z123' };
    const json = JSON.parse(JSON.stringify(stackOutputJson(values)));
    expect(json.interconnect_links).toEqual({ sensitive: false, type: ['list', 'string'], value: ['a-aws-b-gcp', 'c-aws-b-gcp'] });
    expect(parseStackOutputs(json, 'x.json')).toEqual(values);
    // An object's type names its attributes' types, as Terraform prints it.
    expect(stackOutputJson({ links: { a: ['x'] } }).links).toEqual({ sensitive: false, type: ['object', { a: ['list', 'string'] }], value: { a: ['x'] } });
  });
});

/** The richest test fleet's management cluster and its outputs, as if every stack were applied. */
function managementOutputs() {
  const definition = fullTestFleet();
  const fleet = resolveFleet(definition);
  const mgmt = fleet.clusters.find((c) => c.role === 'management')!;
  return { mgmt, o: completeFleetOutputs(fleet, new Map(), new Map(), fleetAddons(definition).addons).outputs.get(mgmt.name)! };
}

describe('values Terraform would evaluate', () => {
  // Terraform's JSON syntax parses a string in an expression as a template (hashicorp/terraform v1.11.4
  // website/docs/language/syntax/json.mdx, "Expression Mapping"), and synth copies outputs into other stacks.
  test('fails when a cluster stack\'s output holds "${" or "%{", naming file and output', () => {
    const { mgmt, o } = managementOutputs();
    const hostile = { ...o, oidcIssuer: `${o.oidcIssuer}\${file("~/.aws/credentials")}`, argocdControllerRoleArn: 'arn:aws:iam::111122223333:role/x%{endif}' };
    const problems = parseTerraformOutputs(JSON.parse(JSON.stringify(terraformOutputJson(hostile))), 'terraform-outputs/mgmt.json', mgmt);
    expect(Array.isArray(problems) && problems.map((p) => p.path).sort()).toEqual(['terraform-outputs/mgmt.json: argocd_controller_role_arn.value', 'terraform-outputs/mgmt.json: oidc_issuer_url.value']);
    expect((problems as { message: string }[])[0].message).toMatch(/^holds a Terraform template sequence/);
  });

  test('fails when a fleet-wide stack\'s output holds one in a list, an object or an object\'s key', () => {
    const json = stackOutputJson({ links: { 'a-b': ['vpn-1', 'x${path.cwd}'], '${k}': ['vpn-2'] }, zone: 'Z1' });
    const problems = parseStackOutputs(JSON.parse(JSON.stringify(json)), 'terraform-outputs/x.json');
    expect(Array.isArray(problems) && problems.map((p) => p.path)).toEqual(['terraform-outputs/x.json: links.value.a-b[1]', 'terraform-outputs/x.json: links.value key "${k}"']);
    expect(parseStackOutputs(JSON.parse(JSON.stringify(stackOutputJson({ cost: '$5 {a}', links: { 'a-b': ['vpn-1'] } }))), 'x.json')).toEqual({ cost: '$5 {a}', links: { 'a-b': ['vpn-1'] } });
  });

  // External Secrets parses a remote secret's template data as a Go template (external-secrets helm-chart-2.9.0
  // runtime/template/v2/template.go, default left delimiter "{{"), and the peers' endpoints are copied into it.
  test('fails when a cluster\'s endpoint holds "{{", which External Secrets would evaluate in its peers\' remote secrets', () => {
    const definition = fullTestFleet();
    const fleet = resolveFleet(definition);
    const aws = fleet.clusters.find((c) => c.cloud === 'aws' && c.role === 'workload')!;
    const o = completeFleetOutputs(fleet, new Map(), new Map(), fleetAddons(definition).addons).outputs.get(aws.name)!;
    const problems = parseTerraformOutputs(JSON.parse(JSON.stringify(terraformOutputJson({ ...o, endpoint: `${o.endpoint}/{{.token}}` }))), `terraform-outputs/${aws.name}.json`, aws);
    expect(problems).toEqual([expect.objectContaining({ path: `terraform-outputs/${aws.name}.json: cluster_endpoint.value`, message: expect.stringMatching(/^holds "\{\{": copied into the template of each mesh peer's remote secret/) })]);
    // A lone brace is no action.
    expect(Array.isArray(parseTerraformOutputs(JSON.parse(JSON.stringify(terraformOutputJson({ ...o, endpoint: `${o.endpoint}/{x}` }))), 'x.json', aws))).toBe(false);
  });
});

describe('values no Terraform output holds (invisible-characters.ts)', () => {
  test('fails when an output holds an invisible character, in a cluster stack\'s or a fleet-wide stack\'s file', () => {
    const { mgmt, o } = managementOutputs();
    // A zero-width space in the endpoint would be copied into Argo CD's cluster secrets as the server's address.
    const edited = { ...o, endpoint: o.endpoint.replace('https://', 'https://\u200b') };
    const problems = parseTerraformOutputs(JSON.parse(JSON.stringify(terraformOutputJson(edited))), 'terraform-outputs/mgmt.json', mgmt) as { path: string; message: string; given: string }[];
    expect(problems.map((p) => [p.path, p.message])).toEqual([['terraform-outputs/mgmt.json: cluster_endpoint.value', expect.stringMatching(/^holds an invisible character, U\+200B \(ZERO WIDTH SPACE\) at character 9: .*; terraform output -json writes none$/)]]);
    expect(problems[0].given).toContain('https://\\u200b');
    const links = parseStackOutputs(JSON.parse(JSON.stringify(stackOutputJson({ links: { 'a-b': ['vpn-1\u202e'] } }))), 'terraform-outputs/x.json');
    expect(Array.isArray(links) && links.map((p) => p.path)).toEqual(['terraform-outputs/x.json: links.value.a-b[0]']);
  });

  test('a multi-line output keeps its line breaks', () => {
    expect(parseStackOutputs(JSON.parse(JSON.stringify(stackOutputJson({ note: 'line one\nline two\r\n\tend' }))), 'x.json')).toEqual({ note: 'line one\nline two\r\n\tend' });
  });
});
