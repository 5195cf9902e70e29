import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { compareStrings } from '../fleet';
import { addCustomSynthesis, TerraformStack, Token } from './cdktf';

export interface StackFileProps {
  /** A plain file name (no folder), not a Terraform file (Terraform would load a `.tf` or `.tf.json` as configuration) nor one Git ignores in dist/terraform. */
  readonly fileName: string;
  /** The file's exact content: plain text, known at synth (no token). */
  readonly content: string;
}

// Files Terraform reads from a stack's folder as configuration or variables (Terraform docs, "Files and
// Directories", "Input Variables"), the stack's own, and every name dist/terraform/.gitignore keeps out of
// Git (lib/synth/terraform-gitignore.ts: state backups, saved plans named `plan`, crash logs, the CLI
// configuration): a file Git ignores never reaches the pipeline's checkout, and the stack would miss it.
const TERRAFORM_FILE = /\.(tf|tf\.json|tfvars|tfvars\.json|tfstate|tfplan|hcl)$|\.tfstate\.|^cdk\.tf\.json$|^(plan|tfplan|terraform\.rc)$|^crash(\..*)?\.log$/;
const FILE_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * A file beside a stack's `cdk.tf.json`, for an argument that takes a path and not the content (a
 * provider's CA certificate file). The stack refers to it as `modulePath`. `npm run synth` writes it
 * into the stack's folder like every generated file (indexed, pruned once no stack has it), and
 * `cdktf synth` does too (cdktf's custom synthesis, as its TerraformAsset does).
 */
export class StackFile extends Construct {
  /** The stack's files, by name. */
  static of(stack: TerraformStack): StackFile[] {
    return stack.node.findAll().filter((c): c is StackFile => c instanceof StackFile).sort((a, b) => compareStrings(a.fileName, b.fileName));
  }

  readonly fileName: string;
  readonly content: string;
  /**
   * `${path.module}/<fileName>`: Terraform's path of the stack's folder, known before anything is
   * applied, so a provider block may use it (Terraform docs, "Provider Configuration" and "References
   * to Values": filesystem info).
   */
  readonly modulePath: string;

  constructor(scope: Construct, id: string, props: StackFileProps) {
    super(scope, id);
    if (!FILE_NAME.test(props.fileName) || TERRAFORM_FILE.test(props.fileName)) {
      throw new Error(`stack file ${JSON.stringify(props.fileName)}: the name must be a plain lowercase file name, not a Terraform file (.tf, .tf.json, .tfvars, .tfstate, .hcl) nor one dist/terraform/.gitignore ignores (plan, crash logs, state backups)`);
    }
    if (props.content.trim() === '' || Token.isUnresolved(props.content)) {
      throw new Error(`stack file ${props.fileName}: the content must be known text, not empty and not a Terraform value`);
    }
    this.fileName = props.fileName;
    this.content = props.content;
    this.modulePath = `\${path.module}/${props.fileName}`;
    const stack = TerraformStack.of(this);
    addCustomSynthesis(this, {
      onSynthesize: (session) => {
        const folder = path.dirname(path.join(session.manifest.outdir, session.manifest.forStack(stack).synthesizedStackPath));
        fs.writeFileSync(path.join(folder, this.fileName), this.content);
      },
    });
  }
}
