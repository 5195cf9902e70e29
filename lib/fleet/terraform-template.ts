/**
 * Terraform's JSON syntax reads every string of an expression as a template: "${…}" interpolates and
 * "%{…}" is a directive (hashicorp/terraform v1.11.4 website/docs/language/syntax/json.mdx, "Expression
 * Mapping"; not in a `terraform` block, backends included, whose strings are taken literally: same
 * file, "`terraform` blocks"). CDKTF writes a string given to a resource as it is (no escaping), so a
 * value that reaches a resource from the fleet or from an outputs file must hold neither sequence, or
 * Terraform would evaluate it: fail the plan on an undeclared reference, or run a function (`${file("…")}` reads a file of the runner).
 */
const TEMPLATE_SEQUENCE = /[$%]\{/;

/** Whether Terraform would read part of `value` as a template sequence. */
export function holdsTerraformTemplate(value: string): boolean {
  return TEMPLATE_SEQUENCE.test(value);
}

/** The problem's message for a value that holds one: `where` is what Terraform does with the value. */
export function terraformTemplateMessage(where: string): string {
  return `holds a Terraform template sequence ("\${" or "%{"): ${where}`;
}
