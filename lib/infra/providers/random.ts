/* Random provider classes, each from its deep path (see providers/aws.ts for why): secrets generated inside Terraform. */
export { RandomProvider } from '@cdktf/provider-random/lib/provider';
export { Password } from '@cdktf/provider-random/lib/password';
