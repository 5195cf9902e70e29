import { fakeOutputs, testFleet } from '../../test/fleets';
import { resourcesOf, synthFleetStack } from '../../test/stack-fixture';

/* AKS on its own subnet: a control-plane identity allowed to manage the subnet before the cluster exists; resource providers registered. */
describe('AKS prerequisites (t-azure)', () => {
  const fleet = testFleet();
  const tf = synthFleetStack(fleet, 't-azure', fakeOutputs(fleet));
  const fqn = (type: string, pick: (b: any) => boolean) => `${type}.${Object.entries(tf.resource[type]).find(([, b]) => pick(b))![0]}`;

  test('the control plane runs as a user-assigned identity with Network Contributor on the node subnet and its outbound IP, granted before the cluster', () => {
    const identity = fqn('azurerm_user_assigned_identity', (b) => b.name === 't-azure-control-plane');
    const [cluster] = resourcesOf(tf, 'azurerm_kubernetes_cluster');
    expect(cluster.identity).toEqual({ type: 'UserAssigned', identity_ids: [`\${${identity}.id}`] });
    const subnet = `\${${fqn('azurerm_subnet', () => true)}.id}`;
    const grant = resourcesOf(tf, 'azurerm_role_assignment').find((r) => r.role_definition_name === 'Network Contributor' && r.scope === subnet);
    expect(grant).toMatchObject({
      principal_id: `\${${identity}.principal_id}`,
      principal_type: 'ServicePrincipal',
      skip_service_principal_aad_check: true,
    });
    const grants = Object.entries(tf.resource.azurerm_role_assignment).filter(([, b]: [string, any]) => b.role_definition_name === 'Network Contributor');
    expect(grants.map(([, b]: [string, any]) => b.scope).sort()).toEqual([`\${${fqn('azurerm_public_ip', () => true)}.id}`, subnet].sort());
    expect([...cluster.depends_on].sort()).toEqual(grants.map(([id]) => `azurerm_role_assignment.${id}`).sort());
    // The pools are on that very subnet.
    expect(cluster.default_node_pool.vnet_subnet_id).toBe(grant.scope);
  });

  test('the provider registers the core resource providers and Microsoft.ContainerService itself', () => {
    expect(tf.provider.azurerm[0]).toMatchObject({ resource_provider_registrations: 'core', resource_providers_to_register: ['Microsoft.ContainerService'] });
  });

  test('pools scale with AKS\'s own cluster autoscaler, within the fleet\'s bounds', () => {
    expect(resourcesOf(tf, 'azurerm_kubernetes_cluster')[0].default_node_pool).toMatchObject({ auto_scaling_enabled: true, min_count: 1, max_count: 3 });
  });
});
