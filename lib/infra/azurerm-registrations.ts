/**
 * The Azure resource providers every azurerm provider of the fleet has registered in its subscription,
 * stated rather than left to the provider's default ("legacy", overridable by
 * ARM_RESOURCE_PROVIDER_REGISTRATIONS): the core set (Network, Compute, ManagedIdentity,
 * Authorization, …) plus AKS's. One set for every stack of a subscription: the legacy default would
 * have a later stack (an interconnect's) register dozens more the cluster stack never needed, which
 * takes the subscription-wide `…/providers/register/action` permission and minutes per provider.
 * A provider-level setting, not azurerm_resource_provider_registration: that resource fails when the
 * provider is already registered, and every AKS stack in a subscription would fight over one
 * registration (hashicorp/terraform-provider-azurerm internal/resourceproviders/required.go; provider.go).
 */
export const AZURERM_REGISTRATIONS: { readonly resourceProviderRegistrations: string; readonly resourceProvidersToRegister: string[] } = {
  resourceProviderRegistrations: 'core',
  resourceProvidersToRegister: ['Microsoft.ContainerService'],
};
