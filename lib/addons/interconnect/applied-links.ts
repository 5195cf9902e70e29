import { Problem, StackOutputValues } from '../../fleet';

/*
 * Which links of a pair stack are applied: the stack outputs the names of the links it holds, once
 * every resource of theirs exists (the output depends on all of them, so a failed apply leaves it
 * as it was). The user saves `terraform output -json` of the stack as
 * `terraform-outputs/interconnect-<pair>.json`, as for any stack; the mesh moves a pair of clusters
 * onto their internal east-west gateways only once their link is listed there.
 */

/** The pair stack's output listing its applied links. */
export const INTERCONNECT_LINKS_OUTPUT = 'interconnect_links';

/**
 * The applied links a pair stack's outputs list, or undefined while it has none (not applied, or
 * applied before this output existed). A value that is not a list of link names is a problem.
 */
export function appliedLinks(values: StackOutputValues | undefined, report?: { readonly file: string; readonly problems: Problem[] }): ReadonlySet<string> | undefined {
  if (!values || !(INTERCONNECT_LINKS_OUTPUT in values)) return undefined;
  const value = values[INTERCONNECT_LINKS_OUTPUT];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0)) {
    report?.problems.push({ path: `${report.file}: ${INTERCONNECT_LINKS_OUTPUT}.value`, message: 'not the list of link names the interconnect stack outputs', given: JSON.stringify(value) ?? 'nothing', allowed: 'a list of link names, e.g. ["aws-prod-gcp-prod"]' });
    return undefined;
  }
  return new Set(value as string[]);
}
