/* Google provider classes, each from its deep path (see providers/aws.ts for why). */
export { GoogleProvider } from '@cdktf/provider-google/lib/provider';
