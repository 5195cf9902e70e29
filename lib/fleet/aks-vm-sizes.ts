/*
 * VM sizes AKS refuses, as far as their names tell.
 *
 * AKS refuses a system pool of a VM size below 2 vCPUs and 4 GB of memory, at the apply: "System node pool
 * must use VM sku with more than 2 cores and 4GB memory" (code SystemPoolSkuTooLow, for Standard_DS1_v2:
 * MicrosoftDocs/azure-dev-docs#213, jamesbannan/pluralsight#10; MicrosoftDocs/azure-aks-docs
 * articles/aks/quotas-skus-regions.md, "Restricted VM sizes", "System node pools"). azurerm checks only that
 * vm_size is not empty. fleetsynth has no list of Azure sizes, so it tells what it can from the name:
 *  - the vCPUs, the number after the family letters, or the constrained count after "-" (Azure's VM naming
 *    conventions, learn.microsoft.com/azure/virtual-machines/vm-naming-conventions: Standard_DS1_v2 1,
 *    Standard_DS11-1_v2 1 of 2; Standard_M12ds-6_v3 6 of 12); not the G-series, whose numbers are not vCPUs (Standard_G1 has 2);
 *  - the "tiny memory" sizes of the B v2 series, 2 vCPUs and 1 GiB (MicrosoftDocs/azure-compute-docs
 *    articles/virtual-machines/sizes/general-purpose/bsv2-series.md Standard_B2ts_v2, bpsv2-series.md
 *    Standard_B2pts_v2; Standard_B2ats_v2 of the Basv2 series alike).
 */
// Case-insensitive, as Azure reads sizes (AZURE_VM_SIZE): `Standard_ds1_v2` is Standard_DS1_v2.
const VCPUS = /^Standard_(?!GS?\d)[A-Z]+(\d+)(?:-(\d+)|[A-Z]*-(\d+))?/i;

/**
 * An Azure VM size as Azure's naming convention builds one (learn.microsoft.com/azure/virtual-machines/vm-naming-conventions):
 * `Standard_` + family and subfamily (`D`, `DS`, `NC`, `NCC`) + vCPUs + `-` constrained vCPUs (`E16-4as_v4`) + the
 * lowercase additive features (`ads`, `amsr`) + `_` accelerator (`_A100`, `_T4`, `_MI300X`, `_RTXPRO6000BSE`; `_cc`
 * and `_NDR` of DCas_cc_v5 and ND GB200 v6; `_xl`, `_flex`, `_noIB` before one) + `_` memory capacity (`M416s_8_v2`)
 * + `_v` version, and the retired `_Promo`. Azure's retail prices name a few sizes otherwise, as they are kept:
 * the constrained count after the features (`Standard_M12ds-6_v3`) and `_SPECIAL` after the version
 * (Azure/karpenter-provider-azure 352646f5 pkg/providers/pricing/zz_generated.pricing.go, generated from the Retail
 * Prices API's armSkuName: `Standard_ND96is_noIB_H100_v5` in eastus, `Standard_E64is_v4_SPECIAL` in swedencentral).
 * Azure reads sizes without regard to case (azurerm's AKS acceptance tests use `Standard_a2_v2`, the AKS blog
 * `Standard_nc24ads_A100_v4`), so case is not checked, and the family is any one to three letters (only NV
 * ends in V: `Standard_Dsv5`, `Standard_Ev5` are series, not sizes). An accelerator is never spelled like
 * a version, a lowercase v and digits (`V620` is AMD's Radeon Pro V620, `v5N` is no accelerator), and ends in one
 * letter or capitals (`MI300X`, `RTXPRO6000BSE`, not `V5NaN`). What it refuses is text no size has: `Standard_D4s_v5NaN`,
 * `Standard_D4s_v5 `, `Standard_Dsv5`. Checked against the 1370 sizes of kubernetes/autoscaler's azure_instance_types.go
 * (generated from Azure's SKU API), the 1480 of microsoft/aspire's AksNodeVmSizes.Generated.cs (generated from the
 * Microsoft.Compute/skus API of every region, 2026-08) and those named in azurerm, cloud-provider-azure, Azure/AKS and
 * azure-aks-docs (aks-vm-sizes.test.ts).
 */
export const AZURE_VM_SIZE = /^Standard_(?:[Nn][Vv]|[A-Za-z]{0,2}[A-UW-Za-uw-z])\d+(?:-\d+[A-Za-z]*|[A-Za-z]*(?:-\d+)?)(?:_(?!v\d)(?:[A-Za-z]+\d+(?:[a-z]|[A-Z]*)|cc|NDR|(?:xl|flex|noIB)(?=_(?!v\d)[A-Za-z]+\d)))*(?:_\d+)?(?:_[vV]\d+)?(?:_Promo|_SPECIAL)?$/;

export const AZURE_VM_SIZE_RULE = 'Azure\'s VM size naming: Standard_<family><vCPUs>[-<constrained vCPUs>]<features>[_<accelerator>][_v<version>], e.g. "Standard_D4s_v5", "Standard_E16-4as_v4", "Standard_NC24ads_A100_v4"';

const TINY_MEMORY = /^Standard_B2[ap]?ts_v2$/i;

/** The vCPUs of an Azure VM size as its name gives them, or undefined when the name does not say. */
export function azureVmSizeVcpus(vmSize: string): number | undefined {
  const m = VCPUS.exec(vmSize);
  return m ? Number(m[2] ?? m[3] ?? m[1]) : undefined;
}

/** Why AKS refuses this VM size for a system pool, or undefined (also when fleetsynth cannot tell). */
export function aksSystemPoolVmSizeProblem(vmSize: string): string | undefined {
  const vcpus = azureVmSizeVcpus(vmSize);
  if (vcpus !== undefined && vcpus < 2) return `has ${vcpus} vCPU, and AKS refuses a system pool of fewer than 2 vCPUs or less than 4 GB of memory (SystemPoolSkuTooLow)`;
  if (TINY_MEMORY.test(vmSize)) return 'has 1 GiB of memory, and AKS refuses a system pool of fewer than 2 vCPUs or less than 4 GB of memory (SystemPoolSkuTooLow)';
  return undefined;
}

/**
 * The DCsv2 series (Standard_DC1s_v2, DC2s_v2, DC4s_v2, DC8_v2), which Azure CNI Overlay, every AKS cluster's
 * network here (lib/infra/aks-cluster.ts), does not run on: "You can't use DCsv2-series virtual machines in node
 * pools" (MicrosoftDocs/azure-aks-docs articles/aks/concepts-network-azure-cni-overlay.md, "Limitations with
 * Azure CNI Overlay"; it names DCasv5 and DCadsv5 instead).
 */
const DCSV2 = /^Standard_DC\d+s?_v2$/i;

/** Why no AKS pool of fleetsynth's can be of this VM size, or undefined. */
export function aksOverlayVmSizeProblem(vmSize: string): string | undefined {
  return DCSV2.test(vmSize) ? 'is of the DCsv2 series, which Azure CNI Overlay (every AKS cluster\'s network) does not run on' : undefined;
}
