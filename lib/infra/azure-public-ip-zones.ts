import { CLOUD_CATALOG } from '../fleet';

/**
 * The zones of a Standard public IP in front of resources spread over `zones` of `region`. Azure makes an
 * IP given more than one zone zone-redundant, in every zone of the region, and reads all of them back
 * ("A zone-redundant IP is created in all zones for a region", Azure public IP docs); `zones` is ForceNew
 * in azurerm (internal/services/network/public_ip_resource.go: ZonesMultipleOptionalForceNew), so an IP
 * declared with two zones is replaced on every plan after the first (hashicorp/terraform-provider-azurerm
 * #16470, #18741; the provider's own acceptance tests name all three zones since #19305). One zone, or
 * none in a region without zones, is kept as given.
 */
export function azurePublicIpZones(region: string, zones: readonly string[]): string[] {
  return zones.length > 1 ? [...(CLOUD_CATALOG.azure.zones[region] ?? zones)] : [...zones];
}
