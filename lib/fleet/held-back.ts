/**
 * Something synth did not write because a value it needs is not known yet (a Terraform output):
 * listed in the summary, never filled with a placeholder, and never blocking what does not need it.
 */
export interface HeldBack {
  /** Whose it is: a cluster name, a stack name, an add-on. */
  readonly subject: string;
  /** What was held back, e.g. `Argo CD registration and 5 Applications`. */
  readonly what: string;
  /** What it waits for, e.g. `terraform-outputs/aws-prod.json`. */
  readonly waitingFor: string;
}
