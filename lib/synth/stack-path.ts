/** Where synth writes a Terraform stack's configuration in the output folder (render-fleet.ts addStackFiles). */
export const stackFilePath = (stack: string): string => `terraform/stacks/${stack}/cdk.tf.json`;

const STACK_FILE = /^terraform\/stacks\/([^/]+)\/cdk\.tf\.json$/;

/** The stack whose configuration `path` is, or undefined for any other file. */
export const stackOfFile = (path: string): string | undefined => STACK_FILE.exec(path)?.[1];
