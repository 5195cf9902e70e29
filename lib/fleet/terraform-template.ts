/**
 * Terraform's JSON syntax reads every string of an expression as a template: "${…}" interpolates and
 * "%{…}" is a directive (hashicorp/terraform v1.11.4 website/docs/language/syntax/json.mdx, "Expression
 * Mapping"); in a backend block, where no reference is allowed, `terraform init` fails on one. CDKTF
 * writes a string given to a resource or a backend as it is (no escaping), so a value that reaches a stack
 * from the fleet or from an outputs file must hold neither sequence, or Terraform would evaluate it:
 * fail the plan on an undeclared reference, or run a function (`${file("…")}` reads a file of the runner).
 */
const TEMPLATE_SEQUENCE = /[$%]\{/;

/** A cdktf token's own text (`${TfToken[TOKEN.7]}`, lib/fleet/placeholder-text.ts): cdktf replaces it at synth with what the token produces. */
const CDKTF_TOKEN = /\$\{TfToken\[[^\]]*\]\}/g;

/** Whether Terraform would read part of `value` as a template sequence (a cdktf token's text is cdktf's to resolve). */
export function holdsTerraformTemplate(value: string): boolean {
  return TEMPLATE_SEQUENCE.test(value.replace(CDKTF_TOKEN, ''));
}

/** The problem's message for a value that holds one: `where` is what Terraform does with the value. */
export function terraformTemplateMessage(where: string): string {
  return `holds a Terraform template sequence ("\${" or "%{"): ${where}`;
}
