/*
 * AWS provider classes, each from its deep path: the package root loads every one of the
 * provider's ~1,500 resource modules (seconds and hundreds of MiB), deep paths load what we use.
 */
export { AwsProvider } from '@cdktf/provider-aws/lib/provider';
