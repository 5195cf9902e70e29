import { Construct } from 'constructs';
import { Problem, StackOutputValues } from '../../fleet';
import { TerraformOutput, TerraformResource } from '../../infra/cdktf';

/*
 * Which links of a pair stack are applied. The stack outputs, per link it holds, the ids of every
 * resource of that link. Terraform writes an output only when it can evaluate it: when a resource it
 * refers to failed to apply, or is tainted, the output keeps its previous value (none on a first
 * apply). A fixed value with `depends_on` would not do: Terraform writes it even when a dependency
 * failed (hashicorp/terraform#16609; test: applied-links.test.ts). The user saves
 * `terraform output -json` of the stack as `terraform-outputs/interconnect-<pair>.json`, as for any
 * stack; the mesh moves the two clusters of a link onto their internal east-west gateways only once
 * the link is listed there.
 */

/** The pair stack's output: link name → ids of the link's resources. */
export const INTERCONNECT_LINKS_OUTPUT = 'interconnect_links';

/** Declares the output over the links' constructs (every Terraform resource under each). */
export function appliedLinksOutput(stack: Construct, links: readonly { readonly name: string; readonly scope: Construct }[]): TerraformOutput {
  const ids = (scope: Construct) => scope.node.findAll().filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c)).map((r) => r.getStringAttribute('id'));
  return new TerraformOutput(stack, INTERCONNECT_LINKS_OUTPUT, { value: Object.fromEntries(links.map((l) => [l.name, ids(l.scope)])), staticId: true });
}

const isIdList = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every((id) => typeof id === 'string' && id.length > 0);

/**
 * The applied links a pair stack's outputs list, or undefined while it has none (not applied, or
 * applied before this output existed). A value of another shape is a problem.
 */
export function appliedLinks(values: StackOutputValues | undefined, report?: { readonly file: string; readonly problems: Problem[] }): ReadonlySet<string> | undefined {
  if (!values || !(INTERCONNECT_LINKS_OUTPUT in values)) return undefined;
  const value = values[INTERCONNECT_LINKS_OUTPUT];
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.values(value).every(isIdList)) {
    report?.problems.push({ path: `${report.file}: ${INTERCONNECT_LINKS_OUTPUT}.value`, message: 'not the map of applied links the interconnect stack outputs', given: JSON.stringify(value) ?? 'nothing', allowed: 'link name → the ids of its resources, e.g. {"aws-prod-gcp-prod": ["vpn-0123…", …]}' });
    return undefined;
  }
  return new Set(Object.keys(value));
}
