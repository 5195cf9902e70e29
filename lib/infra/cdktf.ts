/*
 * The one module that imports cdktf. CDKTF was archived upstream in December 2025; its fork is
 * CDK Terrain (`cdktn`). It is pinned exactly in package.json, and switching to the fork is a
 * change to this file (plus the provider modules beside it) alone.
 */
export {
  App,
  AzurermBackend,
  Fn,
  GcsBackend,
  LocalBackend,
  S3Backend,
  TerraformLocal,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  Testing,
  Token,
} from 'cdktf';
export type { TerraformBackend, TerraformProvider } from 'cdktf';
// Not re-exported from the package root: what `App.synth()` runs on each stack before writing it.
export { invokeAspects } from 'cdktf/lib/synthesize/synthesizer';
