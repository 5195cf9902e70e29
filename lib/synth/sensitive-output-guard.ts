import { Problem, show } from '../fleet';

/*
 * The pipeline saves every stack's `terraform output -json` in terraform-outputs/ and commits it
 * (README, "Applying them from a pipeline"). That command prints a sensitive output's value in full:
 * `sensitive` is only a flag beside it (hashicorp/terraform v1.11.4 internal/command/views/output.go,
 * OutputJSON.Output). So no stack may have one: what is secret stays in the state (or goes to a
 * secret store), never in Git. The core's stacks have none; this holds an add-on's outputs to it.
 */

/**
 * Whether Terraform reads an output's `sensitive` as true. It decodes the attribute as a bool
 * (hashicorp/terraform v1.11.4 internal/configs/named_values.go, gohcl.DecodeExpression), and in JSON
 * syntax a string is a template converted to bool: "true", "1" and "${true}" mark it (go-cty convert:
 * "true" and "1" are true, "false" and "0" false; anything else fails at init). An override can write
 * any of them, so everything but false and those two strings counts.
 */
function markedSensitive(sensitive: unknown): boolean {
  return sensitive !== undefined && sensitive !== null && sensitive !== false && sensitive !== 'false' && sensitive !== '0';
}

/** A problem per output of a stack's Terraform JSON (`file`) marked sensitive. */
export function sensitiveOutputProblems(tf: unknown, file: string): Problem[] {
  const outputs = (tf as { output?: Record<string, { sensitive?: unknown }> } | undefined)?.output ?? {};
  return Object.entries(outputs)
    .filter(([, o]) => markedSensitive(o?.sensitive))
    .map(([name, o]) => ({
      path: `${file}: output.${name}`,
      message: 'a sensitive output: the pipeline commits terraform output -json, which prints sensitive values in clear',
      given: `sensitive: ${show(o.sensitive)}`,
      allowed: 'no output for a secret: keep it in the state, or write it to a secret store from the stack',
    }));
}
