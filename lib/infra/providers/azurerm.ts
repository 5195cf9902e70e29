/* AzureRM provider classes, each from its deep path (see providers/aws.ts for why). */
export { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
