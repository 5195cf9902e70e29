import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FleetError } from '../../fleet';
import { parse } from 'yaml';
import { fakeOutputsWithAddons, fakeStackOutputsWithAddons, renderWithAddons, testFleet } from '../../../test/fleets';
import { tempDir } from '../../../test/tree';
import { fleetAddons } from '../fleet-addons';

/*
 * The interconnect as synth renders it: the gateways in the cluster stacks, and per cloud pair a
 * stack with both ends of every link, wired to each other (addresses, ASNs, inside ranges, keys).
 */

const ASN = { 't-aws': 64610, 't-gcp': 64620, 't-azure': 64630, 't-mgmt': 64611 } as const;
function fleetWith(members: (keyof typeof ASN)[] = ['t-aws', 't-gcp', 't-azure']): any {
  const f: any = testFleet();
  f.platform = { interconnect: { clusters: Object.fromEntries(members.map((m) => [m, { asn: ASN[m], ...(m === 't-azure' ? { gatewaySubnetCidr: '10.200.0.0/27' } : {}) }])) } };
  // Both AWS clusters linked: t-mgmt names no account of its own, so it is the pipeline's, t-aws's
  // (a pair stack acts on all its AWS clusters with one set of credentials: validate-interconnect.ts).
  if (members.includes('t-aws') && members.includes('t-mgmt')) delete f.clusters.find((c: any) => c.name === 't-mgmt').accountId;
  return f;
}
const values = (f: any, cluster: string) => fakeOutputsWithAddons(f).get(cluster)!.values as Record<string, string>;
/** Bodies of every resource of a type, in logical-id order. */
const all = (stack: any, type: string): any[] => Object.keys(stack.resource?.[type] ?? {}).sort().map((id) => stack.resource[type][id]);
const REF = (type: string) => new RegExp(`^\\$\\{${type}\\.[^.}]+\\.[a-z_0-9]+\\}$`);
const PSK = REF('random_password');

const fleet = fleetWith();
const { stacks, heldBack } = renderWithAddons(fleet, fakeOutputsWithAddons(fleet), fakeStackOutputsWithAddons(fleet));

describe('interconnect stacks, one per cloud pair', () => {
  test('a stack per pair of the clouds the members are on, nothing held back', () => {
    expect(Object.keys(stacks).filter((s) => s.startsWith('interconnect-')).sort()).toEqual(['interconnect-aws-azure', 'interconnect-aws-gcp', 'interconnect-azure-gcp']);
    expect(heldBack.filter((h) => h.subject === 'addons[interconnect]')).toEqual([]);
  });

  test('each stack pins every provider it uses (random too) and has the fleet\'s state backend', () => {
    const tf = stacks['interconnect-aws-gcp'].terraform;
    expect(tf.required_providers).toEqual({
      aws: { source: 'aws', version: '6.25.0' },
      google: { source: 'google', version: '6.50.0' },
      random: { source: 'hashicorp/random', version: '3.7.2' },
    });
    expect(tf.backend).toEqual({ local: { path: 'terraform.tfstate' } });
    expect(stacks['interconnect-aws-gcp'].provider.aws).toEqual([expect.objectContaining({ alias: 't-aws', region: 'eu-west-1' })]);
  });

  test('an Azure end registers the resource providers the cluster\'s own stack states, not azurerm\'s legacy set (dozens more, a subscription-wide permission)', () => {
    for (const name of ['interconnect-aws-azure', 'interconnect-azure-gcp']) {
      expect([name, stacks[name].provider.azurerm]).toEqual([name, [expect.objectContaining({ alias: 't-azure', resource_provider_registrations: 'core', resource_providers_to_register: ['Microsoft.ContainerService'] })]]);
    }
    expect(stacks['t-azure'].provider.azurerm[0]).toMatchObject({ resource_provider_registrations: 'core', resource_providers_to_register: ['Microsoft.ContainerService'] });
  });

  describe('aws-gcp: 2 customer gateways, 2 VPN connections, 4 GCP tunnels with BGP', () => {
    const s = stacks['interconnect-aws-gcp'];
    const gcp = values(fleet, 't-gcp');
    const [cgw, conn, ext, tunnels, ifaces, peers] = ['aws_customer_gateway', 'aws_vpn_connection', 'google_compute_external_vpn_gateway', 'google_compute_vpn_tunnel', 'google_compute_router_interface', 'google_compute_router_peer'].map((t) => all(s, t));

    test('the resource set', () => {
      expect(Object.fromEntries(Object.entries(s.resource).map(([t, r]) => [t, Object.keys(r as object).length]))).toEqual({
        aws_customer_gateway: 2, aws_vpn_connection: 2, google_compute_external_vpn_gateway: 1, google_compute_vpn_tunnel: 4, google_compute_router_interface: 4, google_compute_router_peer: 4, random_password: 4,
      });
    });

    test('AWS sees each HA VPN interface as a customer gateway with GCP\'s ASN, on the VPC\'s gateway', () => {
      expect(cgw.map((c) => [c.ip_address, c.bgp_asn, c.type])).toEqual([[gcp.interconnect_ha_vpn_ip_0, '64620', 'ipsec.1'], [gcp.interconnect_ha_vpn_ip_1, '64620', 'ipsec.1']]);
      expect(conn.map((c) => [c.vpn_gateway_id, c.static_routes_only])).toEqual([[values(fleet, 't-aws').interconnect_vpn_gateway_id, false], [values(fleet, 't-aws').interconnect_vpn_gateway_id, false]]);
    });

    test('GCP sees the four AWS tunnel addresses as one external gateway, one tunnel each, interface 0 for connection 0', () => {
      expect(ext[0].redundancy_type).toBe('FOUR_IPS_REDUNDANCY');
      expect(ext[0].interface.map((i: any) => [i.id, i.ip_address.replace(/\.[A-Za-z0-9_-]+_[0-9A-F]{8}\./, '.X.')])).toEqual([
        [0, '${aws_vpn_connection.X.tunnel1_address}'], [1, '${aws_vpn_connection.X.tunnel2_address}'], [2, '${aws_vpn_connection.X.tunnel1_address}'], [3, '${aws_vpn_connection.X.tunnel2_address}'],
      ]);
      expect(tunnels.map((t) => [t.vpn_gateway_interface, t.peer_external_gateway_interface, t.vpn_gateway, t.router, t.ike_version])).toEqual(
        [0, 1, 2, 3].map((k) => [Math.floor(k / 2), k, gcp.interconnect_ha_vpn_gateway, gcp.interconnect_router, 2]),
      );
    });

    test('BGP: each GCP peer is the AWS end of its tunnel\'s inside /30, with AWS\'s ASN; the ranges match on both ends', () => {
      const inside = conn.flatMap((c) => [c.tunnel1_inside_cidr, c.tunnel2_inside_cidr]);
      expect(inside).toEqual(['169.254.64.0/30', '169.254.64.4/30', '169.254.64.8/30', '169.254.64.12/30']);
      expect(ifaces.map((i) => i.ip_range)).toEqual(inside.map((c) => c.replace(/\.(\d+)\/30$/, (_: string, n: string) => `.${Number(n) + 2}/30`)));
      expect(peers.map((p) => [p.ip_address, p.peer_ip_address, p.peer_asn])).toEqual(inside.map((c) => {
        const base = Number(c.split('.')[3].split('/')[0]);
        return [`169.254.64.${base + 2}`, `169.254.64.${base + 1}`, 64610];
      }));
    });

    test('no pre-shared key is a literal: each end of tunnel k refers to the same generated password', () => {
      const aws = conn.flatMap((c) => [c.tunnel1_preshared_key, c.tunnel2_preshared_key]);
      expect(aws.every((k) => PSK.test(k))).toBe(true);
      expect(new Set(aws).size).toBe(4);
      expect(tunnels.map((t) => t.shared_secret)).toEqual(aws);
    });
  });

  describe('aws-azure: 2 customer gateways, 2 VPN connections, 4 local network gateways and connections', () => {
    const s = stacks['interconnect-aws-azure'];
    const azure = values(fleet, 't-azure');
    const [cgw, conn, lng, azConn] = ['aws_customer_gateway', 'aws_vpn_connection', 'azurerm_local_network_gateway', 'azurerm_virtual_network_gateway_connection'].map((t) => all(s, t));

    test('the resource set', () => {
      expect(Object.fromEntries(Object.entries(s.resource).map(([t, r]) => [t, Object.keys(r as object).length]))).toEqual({
        aws_customer_gateway: 2, aws_vpn_connection: 2, azurerm_local_network_gateway: 4, azurerm_virtual_network_gateway_connection: 4, random_password: 4,
      });
    });

    test('AWS: a customer gateway per Azure instance, with Azure\'s ASN; inside ranges in Azure\'s APIPA range; AWS starts the tunnels', () => {
      expect(cgw.map((c) => [c.ip_address, c.bgp_asn])).toEqual([[azure.interconnect_vpn_gateway_ip_0, '64630'], [azure.interconnect_vpn_gateway_ip_1, '64630']]);
      expect(conn.flatMap((c) => [c.tunnel1_inside_cidr, c.tunnel2_inside_cidr])).toEqual(['169.254.21.0/30', '169.254.21.4/30', '169.254.21.8/30', '169.254.21.12/30']);
      expect(conn.flatMap((c) => [c.tunnel1_startup_action, c.tunnel2_startup_action])).toEqual(['start', 'start', 'start', 'start']);
      // Azure only responds: after a dead peer detection timeout AWS must start the tunnel again itself (the default, clear, leaves it down).
      expect(conn.flatMap((c) => [c.tunnel1_dpd_timeout_action, c.tunnel2_dpd_timeout_action])).toEqual(['restart', 'restart', 'restart', 'restart']);
    });

    test('Azure: a local network gateway per AWS tunnel (its outside address, AWS\'s inside address and ASN), a responder-only BGP connection on the gateway', () => {
      expect(lng.map((l) => [l.gateway_address.replace(/\.[A-Za-z0-9_-]+_[0-9A-F]{8}\./, '.X.'), l.bgp_settings])).toEqual([
        ['${aws_vpn_connection.X.tunnel1_address}', { asn: 64610, bgp_peering_address: '169.254.21.1' }],
        ['${aws_vpn_connection.X.tunnel2_address}', { asn: 64610, bgp_peering_address: '169.254.21.5' }],
        ['${aws_vpn_connection.X.tunnel1_address}', { asn: 64610, bgp_peering_address: '169.254.21.9' }],
        ['${aws_vpn_connection.X.tunnel2_address}', { asn: 64610, bgp_peering_address: '169.254.21.13' }],
      ]);
      expect(azConn.map((c) => [c.virtual_network_gateway_id, c.enable_bgp, c.connection_mode, c.type])).toEqual(Array(4).fill([azure.interconnect_vpn_gateway_id, true, 'ResponderOnly', 'IPsec']));
      // Tunnel slot t uses Azure's address on instance 0 (connection 0) or instance 1 (connection 1).
      expect(azConn.map((c) => c.custom_bgp_addresses)).toEqual([
        { primary: '169.254.21.2', secondary: '169.254.21.10' },
        { primary: '169.254.21.6', secondary: '169.254.21.14' },
        { primary: '169.254.21.2', secondary: '169.254.21.10' },
        { primary: '169.254.21.6', secondary: '169.254.21.14' },
      ]);
    });

    test('no pre-shared key is a literal: the AWS tunnel and its Azure connection share one generated password', () => {
      const aws = conn.flatMap((c) => [c.tunnel1_preshared_key, c.tunnel2_preshared_key]);
      expect(aws.every((k) => PSK.test(k))).toBe(true);
      expect(azConn.map((c) => c.shared_key)).toEqual(aws);
    });
  });

  describe('azure-gcp: 2 tunnels, HA VPN interface i to Azure instance i', () => {
    const s = stacks['interconnect-azure-gcp'];
    const [azure, gcp] = [values(fleet, 't-azure'), values(fleet, 't-gcp')];
    const [ext, tunnels, peers, lng, azConn] = ['google_compute_external_vpn_gateway', 'google_compute_vpn_tunnel', 'google_compute_router_peer', 'azurerm_local_network_gateway', 'azurerm_virtual_network_gateway_connection'].map((t) => all(s, t));

    test('the resource set', () => {
      expect(Object.fromEntries(Object.entries(s.resource).map(([t, r]) => [t, Object.keys(r as object).length]))).toEqual({
        google_compute_external_vpn_gateway: 1, google_compute_vpn_tunnel: 2, google_compute_router_interface: 2, google_compute_router_peer: 2, azurerm_local_network_gateway: 2, azurerm_virtual_network_gateway_connection: 2, random_password: 2,
      });
    });

    test('each side knows the other\'s public IPs, BGP addresses and ASN', () => {
      expect(ext[0]).toEqual(expect.objectContaining({ redundancy_type: 'TWO_IPS_REDUNDANCY', interface: [{ id: 0, ip_address: azure.interconnect_vpn_gateway_ip_0 }, { id: 1, ip_address: azure.interconnect_vpn_gateway_ip_1 }] }));
      expect(tunnels.map((t) => [t.vpn_gateway_interface, t.peer_external_gateway_interface])).toEqual([[0, 0], [1, 1]]);
      expect(peers.map((p) => [p.ip_address, p.peer_ip_address, p.peer_asn])).toEqual([['169.254.22.1', '169.254.22.2', 64630], ['169.254.22.5', '169.254.22.6', 64630]]);
      expect(lng.map((l) => [l.gateway_address, l.bgp_settings])).toEqual([
        [gcp.interconnect_ha_vpn_ip_0, { asn: 64620, bgp_peering_address: '169.254.22.1' }],
        [gcp.interconnect_ha_vpn_ip_1, { asn: 64620, bgp_peering_address: '169.254.22.5' }],
      ]);
      expect(azConn.map((c) => c.custom_bgp_addresses)).toEqual(Array(2).fill({ primary: '169.254.22.2', secondary: '169.254.22.6' }));
    });

    test('no pre-shared key is a literal: both ends of a tunnel refer to one generated password', () => {
      expect(tunnels.every((t) => PSK.test(t.shared_secret))).toBe(true);
      expect(azConn.map((c) => c.shared_key)).toEqual(tunnels.map((t) => t.shared_secret));
    });
  });

  test('the generated passwords fit every cloud\'s PSK rules: 32 letters, no digit (AWS: cannot start with 0), no special character', () => {
    for (const s of ['interconnect-aws-gcp', 'interconnect-aws-azure', 'interconnect-azure-gcp']) {
      for (const p of all(stacks[s], 'random_password')) expect(p).toEqual(expect.objectContaining({ length: 32, special: false, numeric: false, upper: true, lower: true }));
    }
  });

  test('no key material anywhere in the stacks\' JSON: every key field is a reference', () => {
    const json = JSON.stringify(Object.fromEntries(Object.entries(stacks).filter(([n]) => n.startsWith('interconnect-'))));
    const keys = [...json.matchAll(/"(tunnel[12]_preshared_key|shared_secret|shared_key)":"([^"]*)"/g)].map((m) => m[2]);
    expect(keys).toHaveLength(20);
    expect(keys.filter((k) => !PSK.test(k))).toEqual([]);
    expect(json).not.toMatch(/"result":/);
  });
});

describe('the gateways in the cluster stacks, and what they export', () => {
  test('AWS: a virtual private gateway with the cluster\'s ASN, propagating into every private route table', () => {
    const s = stacks['t-aws'];
    expect(all(s, 'aws_vpn_gateway')).toEqual([expect.objectContaining({ amazon_side_asn: '64610', vpc_id: expect.stringMatching(REF('aws_vpc')) })]);
    const tables = Object.keys(s.resource.aws_route_table).filter((id) => id.includes('private')).map((id) => `\${aws_route_table.${id}.id}`).sort();
    expect(all(s, 'aws_vpn_gateway_route_propagation').map((p) => p.route_table_id).sort()).toEqual(tables);
    expect(tables).toHaveLength(3);
    expect(s.output.interconnect_vpn_gateway_id.value).toMatch(REF('aws_vpn_gateway'));
  });

  test('GCP: an HA VPN gateway and a Cloud Router with the cluster\'s ASN, advertising the node range by default', () => {
    const s = stacks['t-gcp'];
    expect(all(s, 'google_compute_ha_vpn_gateway')).toEqual([expect.objectContaining({ name: 't-gcp-net-vpn', region: 'europe-west4' })]);
    const router = all(s, 'google_compute_router').find((r) => r.name === 't-gcp-net-vpn-router');
    // Each link's BGP peers add the pod range (next test file section): a link is applied only with it.
    expect(router.bgp).toEqual({ asn: 64620, advertise_mode: 'CUSTOM', advertised_ip_ranges: [{ range: '10.24.0.0/16' }] });
    expect(Object.keys(s.output).filter((o) => o.startsWith('interconnect_')).sort()).toEqual(['interconnect_ha_vpn_gateway', 'interconnect_ha_vpn_ip_0', 'interconnect_ha_vpn_ip_1', 'interconnect_router']);
  });

  test('GCP: the network picks BGP routes by AS path (STANDARD), so a peer\'s ranges relayed by a third cloud\'s gateway never win over the direct link', () => {
    expect(all(stacks['t-gcp'], 'google_compute_network')).toEqual([expect.objectContaining({ name: 't-gcp-net', bgp_best_path_selection_mode: 'STANDARD' })]);
    // A GCP network that is not listed keeps Google's default.
    const off = renderWithAddons(fleetWith(['t-aws', 't-azure']), fakeOutputsWithAddons(fleetWith(['t-aws', 't-azure'])));
    expect(all(off.stacks['t-gcp'], 'google_compute_network')[0].bgp_best_path_selection_mode).toBeUndefined();
  });

  test('Azure: the gateway subnet range joins the VNet, GatewaySubnet, an active-active BGP gateway with every link\'s APIPA addresses per instance', () => {
    const s = stacks['t-azure'];
    expect(all(s, 'azurerm_virtual_network')[0].address_space).toEqual(['10.32.0.0/16', '10.200.0.0/27']);
    expect(all(s, 'azurerm_subnet').find((x) => x.name === 'GatewaySubnet').address_prefixes).toEqual(['10.200.0.0/27']);
    const gw = all(s, 'azurerm_virtual_network_gateway')[0];
    expect(gw).toEqual(expect.objectContaining({ type: 'Vpn', vpn_type: 'RouteBased', active_active: true, enable_bgp: true, sku: 'VpnGw1AZ', generation: 'Generation1' }));
    expect(gw.bgp_settings.asn).toBe(64630);
    expect(gw.bgp_settings.peering_addresses).toEqual([
      { ip_configuration_name: 'instance-0', apipa_addresses: ['169.254.21.2', '169.254.21.6', '169.254.22.2'] },
      { ip_configuration_name: 'instance-1', apipa_addresses: ['169.254.21.10', '169.254.21.14', '169.254.22.6'] },
    ]);
    // Every custom BGP address a connection names is one of the gateway's.
    const apipa = gw.bgp_settings.peering_addresses.flatMap((p: any) => p.apipa_addresses);
    const used = ['interconnect-aws-azure', 'interconnect-azure-gcp'].flatMap((n) => all(stacks[n], 'azurerm_virtual_network_gateway_connection').flatMap((c) => [c.custom_bgp_addresses.primary, c.custom_bgp_addresses.secondary]));
    expect(used.filter((a) => !apipa.includes(a))).toEqual([]);
    expect(all(s, 'azurerm_public_ip').filter((p) => p.name.includes('-vpn-')).map((p) => [p.name, p.sku, p.allocation_method])).toEqual([['t-azure-vpn-0', 'Standard', 'Static'], ['t-azure-vpn-1', 'Standard', 'Static']]);
  });

  test('a cluster that is not listed gets nothing; without platform.interconnect no cluster does', () => {
    expect(stacks['t-mgmt'].resource.aws_vpn_gateway).toBeUndefined();
    const off = renderWithAddons(testFleet(), fakeOutputsWithAddons(testFleet()));
    expect(Object.keys(off.stacks).sort()).toEqual(['t-aws', 't-azure', 't-gcp', 't-mgmt']);
    expect(JSON.stringify(off.stacks)).not.toMatch(/vpn_gateway|interconnect_/);
  });
});

describe('pending until both ends exist', () => {
  test('with no Terraform outputs there is no pair stack; every link is held back, naming the outputs it waits for', () => {
    const r = renderWithAddons(fleet);
    expect(Object.keys(r.stacks).filter((s) => s.startsWith('interconnect-'))).toEqual([]);
    expect(r.heldBack.filter((h) => h.subject === 'addons[interconnect]').map((h) => h.what)).toEqual([
      'link t-aws-t-azure (4 tunnels) of stack interconnect-aws-azure',
      'link t-aws-t-gcp (4 tunnels) of stack interconnect-aws-gcp',
      'link t-azure-t-gcp (2 tunnels) of stack interconnect-azure-gcp',
    ]);
    expect(r.heldBack.find((h) => h.what.startsWith('link t-aws-t-gcp'))!.waitingFor).toBe(
      'terraform-outputs/t-aws.json with interconnect_vpn_gateway_id (apply stack t-aws); terraform-outputs/t-gcp.json with interconnect_ha_vpn_gateway, interconnect_router, interconnect_ha_vpn_ip_0, interconnect_ha_vpn_ip_1 (apply stack t-gcp)',
    );
  });

  test('a link whose ends both exist is written while the others wait', () => {
    const outputs = fakeOutputsWithAddons(fleet);
    outputs.set('t-azure', { ...outputs.get('t-azure')!, values: {} });
    const r = renderWithAddons(fleet, outputs, fakeStackOutputsWithAddons(fleet));
    expect(Object.keys(r.stacks).filter((s) => s.startsWith('interconnect-'))).toEqual(['interconnect-aws-gcp']);
    expect(r.heldBack.filter((h) => h.subject === 'addons[interconnect]').map((h) => h.what)).toEqual(['link t-aws-t-azure (4 tunnels) of stack interconnect-aws-azure', 'link t-azure-t-gcp (2 tunnels) of stack interconnect-azure-gcp']);
  });

  test('fails when a gateway output is malformed, naming the file and output (never read as pending)', () => {
    const outputs = fakeOutputsWithAddons(fleet);
    outputs.set('t-gcp', { ...outputs.get('t-gcp')!, values: { ...values(fleet, 't-gcp'), interconnect_ha_vpn_ip_1: 'not-an-ip' } });
    let error: FleetError | undefined;
    try {
      renderWithAddons(fleet, outputs);
    } catch (e) {
      error = e as FleetError;
    }
    expect(error?.problems.map((p) => p.path)).toEqual(['terraform-outputs/t-gcp.json: interconnect_ha_vpn_ip_1.value']);
  });
});

describe('several clusters on one cloud', () => {
  const f = fleetWith(['t-aws', 't-mgmt', 't-azure']);
  const r = renderWithAddons(f, fakeOutputsWithAddons(f));

  test('each joins on its own gateway: one link per pair of networks across clouds, none between the two AWS VPCs', () => {
    const s = r.stacks['interconnect-aws-azure'];
    expect(all(s, 'aws_vpn_connection')).toHaveLength(4);
    expect(s.provider.aws.map((p: any) => p.alias)).toEqual(['t-aws', 't-mgmt']);
    expect(all(s, 'aws_vpn_connection').map((c) => c.vpn_gateway_id)).toEqual([values(f, 't-aws').interconnect_vpn_gateway_id, values(f, 't-aws').interconnect_vpn_gateway_id, values(f, 't-mgmt').interconnect_vpn_gateway_id, values(f, 't-mgmt').interconnect_vpn_gateway_id]);
    expect(Object.keys(r.stacks).filter((n) => n.startsWith('interconnect-'))).toEqual(['interconnect-aws-azure']);
    const gw = all(r.stacks['t-azure'], 'azurerm_virtual_network_gateway')[0];
    expect(gw.bgp_settings.peering_addresses.map((p: any) => p.apipa_addresses.length)).toEqual([4, 4]);
  });

  test('two AWS clusters of one region linked to one peer get customer gateways of their own (a device name each: EC2 answers an identical request with the existing gateway)', () => {
    const gateways = all(r.stacks['interconnect-aws-azure'], 'aws_customer_gateway');
    // Same peer instance address, same ASN, same type: only the device name tells them apart.
    expect(gateways.map((g) => [g.provider, g.ip_address, g.bgp_asn, g.device_name])).toEqual([
      ['aws.t-aws', gateways[0].ip_address, '64630', 't-aws-t-azure-0'],
      ['aws.t-aws', gateways[1].ip_address, '64630', 't-aws-t-azure-1'],
      ['aws.t-mgmt', gateways[0].ip_address, '64630', 't-mgmt-t-azure-0'],
      ['aws.t-mgmt', gateways[1].ip_address, '64630', 't-mgmt-t-azure-1'],
    ]);
  });

  test('every AWS alias of a pair stack refuses any account but the one its AWS clusters name (a cluster that names none included)', () => {
    expect(r.stacks['interconnect-aws-azure'].provider.aws.map((p: any) => [p.alias, p.allowed_account_ids])).toEqual([
      ['t-aws', ['100000000002']],
      ['t-mgmt', ['100000000002']],
    ]);
    // and while the cluster that names it is pending (its links not in the stack yet)
    const outputs = new Map([...fakeOutputsWithAddons(f)].filter(([name]) => name !== 't-aws'));
    const pending = renderWithAddons(f, outputs);
    expect(pending.stacks['interconnect-aws-azure'].provider.aws.map((p: any) => [p.alias, p.allowed_account_ids])).toEqual([['t-mgmt', ['100000000002']]]);
  });
});

describe('mesh traffic over the interconnect', () => {
  const outputs = fakeOutputsWithAddons(fleet);
  const file = (r: { files: Record<string, string> }, p: string) => parse(r.files[p]);
  const FOLDER = { 't-mgmt': 'k8s/aws/t-mgmt', 't-aws': 'k8s/aws/t-aws', 't-gcp': 'k8s/gcp/t-gcp', 't-azure': 'k8s/azure/t-azure' } as const;
  const privateService = (r: { files: Record<string, string> }, c: keyof typeof FOLDER) => r.files[`${FOLDER[c]}/istio-system/service_istio-eastwestgateway-private.yaml`] && file(r, `${FOLDER[c]}/istio-system/service_istio-eastwestgateway-private.yaml`);
  /** The east-west gateway Service each network is reached through, as cluster `c`'s istiod is told. */
  const gatewaysSeenBy = (r: { files: Record<string, string> }, c: string): Record<string, string> => {
    const networks = file(r, `${FOLDER['t-mgmt']}/argocd/clusters/${c}/application.argoproj.io_${c}-istiod.yaml`).spec.source.helm.valuesObject.global.meshNetworks;
    return Object.fromEntries(Object.entries(networks).map(([n, v]: [string, any]) => [n, v.gateways.map((g: any) => `${g.registryServiceName}:${g.port}`).join(',')]));
  };
  const eastwestLabels = (r: { files: Record<string, string> }, c: string) => file(r, `${FOLDER['t-mgmt']}/argocd/clusters/${c}/application.argoproj.io_${c}-istio-eastwest.yaml`).spec.source.helm.valuesObject.labels;
  const PUBLIC = 'istio-eastwestgateway.istio-system.svc.cluster.local:15443';
  const PRIVATE = 'istio-eastwestgateway-private.istio-system.svc.cluster.local:15443';

  test('before a pair stack is applied: each member already has its internal gateway, istiod still uses the public ones, and each link waits', () => {
    const r = renderWithAddons(fleet, outputs);
    expect(gatewaysSeenBy(r, 't-gcp')).toEqual({ 't-aws-net': PUBLIC, 't-azure-net': PUBLIC, 't-gcp-net': PUBLIC });
    // The peers' node ranges (EKS and AKS translate pod traffic to node addresses).
    expect(privateService(r, 't-gcp').spec.loadBalancerSourceRanges).toEqual(['10.16.0.0/16', '10.32.0.0/16']);
    // Every member's public gateway keeps its network label (a label and a meshNetworks entry naming the
    // same Service are one gateway), so a peer's istiod that has not synced its meshNetworks yet still
    // finds it: making a cluster a member opens no window without a gateway.
    for (const c of ['t-aws', 't-gcp', 't-azure']) expect(eastwestLabels(r, c)['topology.istio.io/network']).toBe(`${c}-net`);
    expect(r.heldBack.filter((h) => h.what.startsWith('mesh traffic'))).toEqual([
      { subject: 'addons[interconnect]', what: 'mesh traffic between t-aws and t-azure over link t-aws-t-azure (through the public east-west gateways until then)', waitingFor: 'terraform-outputs/interconnect-aws-azure.json listing t-aws-t-azure in interconnect_links (apply stack interconnect-aws-azure, save its terraform output -json)' },
      { subject: 'addons[interconnect]', what: 'mesh traffic between t-aws and t-gcp over link t-aws-t-gcp (through the public east-west gateways until then)', waitingFor: 'terraform-outputs/interconnect-aws-gcp.json listing t-aws-t-gcp in interconnect_links (apply stack interconnect-aws-gcp, save its terraform output -json)' },
      { subject: 'addons[interconnect]', what: 'mesh traffic between t-azure and t-gcp over link t-azure-t-gcp (through the public east-west gateways until then)', waitingFor: 'terraform-outputs/interconnect-azure-gcp.json listing t-azure-t-gcp in interconnect_links (apply stack interconnect-azure-gcp, save its terraform output -json)' },
    ]);
  });

  test('once a link is applied, both its ends reach each other through their internal gateways; everything else stays public', () => {
    const r = renderWithAddons(fleet, outputs, new Map([['interconnect-aws-gcp', { interconnect_links: { 't-aws-t-gcp': ['vpn-0123456789abcdef0'] } }]]));
    expect(gatewaysSeenBy(r, 't-gcp')).toEqual({ 't-aws-net': PRIVATE, 't-azure-net': PUBLIC, 't-gcp-net': PUBLIC });
    expect(gatewaysSeenBy(r, 't-aws')).toEqual({ 't-aws-net': PUBLIC, 't-azure-net': PUBLIC, 't-gcp-net': PRIVATE });
    // Not on the interconnect: public everywhere, no internal gateway, and its own public gateway keeps
    // the network label every istiod finds it by (so no istiod lists its network).
    expect(gatewaysSeenBy(r, 't-mgmt')).toEqual({ 't-aws-net': PUBLIC, 't-azure-net': PUBLIC, 't-gcp-net': PUBLIC });
    expect(privateService(r, 't-mgmt')).toBeUndefined();
    expect(eastwestLabels(r, 't-mgmt')['topology.istio.io/network']).toBe('t-mgmt-net');
    // The ends of the applied link lose the label (it would add their public gateway beside the internal
    // one: Istio merges the gateways of every Service); t-azure, a member whose links wait, keeps it.
    expect(eastwestLabels(r, 't-gcp')['topology.istio.io/network']).toBeUndefined();
    expect(eastwestLabels(r, 't-aws')['topology.istio.io/network']).toBeUndefined();
    expect(eastwestLabels(r, 't-azure')['topology.istio.io/network']).toBe('t-azure-net');
    expect(r.heldBack.filter((h) => h.what.startsWith('mesh traffic')).map((h) => h.what.split(' over ')[0])).toEqual(['mesh traffic between t-aws and t-azure', 'mesh traffic between t-azure and t-gcp']);
  });

  test('without the interconnect, nothing changes for Istio: no istiod lists a network, every gateway is found by its label', () => {
    const r = renderWithAddons(testFleet(), fakeOutputsWithAddons(testFleet()));
    for (const c of Object.keys(FOLDER)) {
      expect(file(r, `${FOLDER['t-mgmt']}/argocd/clusters/${c}/application.argoproj.io_${c}-istiod.yaml`).spec.source.helm.valuesObject.global.meshNetworks).toBeUndefined();
      expect(file(r, `${FOLDER['t-mgmt']}/argocd/clusters/${c}/application.argoproj.io_${c}-istio-eastwest.yaml`).spec.source.helm.valuesObject.labels['topology.istio.io/network']).toBe(`${c}-net`);
    }
  });

  test('with every link applied, members reach every other member privately', () => {
    const r = renderWithAddons(fleet, outputs, fakeStackOutputsWithAddons(fleet));
    expect(gatewaysSeenBy(r, 't-azure')).toEqual({ 't-aws-net': PRIVATE, 't-azure-net': PUBLIC, 't-gcp-net': PRIVATE });
    for (const c of ['t-aws', 't-gcp', 't-azure']) expect(eastwestLabels(r, c)['topology.istio.io/network']).toBeUndefined();
    expect(r.heldBack.filter((h) => h.subject === 'addons[interconnect]')).toEqual([]);
  });

  test('the internal gateway: each cloud\'s internal load balancer, open to the peers\' node ranges and GKE\'s pod range only, the status port and 15443', () => {
    const r = renderWithAddons(fleet, outputs, fakeStackOutputsWithAddons(fleet));
    const aws = privateService(r, 't-aws');
    expect(aws.metadata.annotations).toEqual({ 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb', 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true', 'argocd.argoproj.io/sync-wave': '5', 'argocd.argoproj.io/ignore-healthcheck': 'true' });
    // t-gcp's node and pod ranges (GKE pods keep their address), t-azure's node range.
    expect(aws.spec.loadBalancerSourceRanges).toEqual(['10.24.0.0/16', '10.28.0.0/16', '10.32.0.0/16']);
    expect(aws.spec.selector).toEqual({ app: 'istio-eastwestgateway', istio: 'eastwestgateway' });
    expect(aws.spec.ports.map((p: any) => p.port)).toEqual([15021, 15443]);
    // No `istio` label: the ServiceMonitor istio-eastwestgateway selects Services by it, and would scrape every pod twice.
    expect(aws.metadata.labels).toEqual({ app: 'istio-eastwestgateway' });
    expect(privateService(r, 't-gcp').metadata.annotations['networking.gke.io/load-balancer-type']).toBe('Internal');
    expect(privateService(r, 't-azure').metadata.annotations['service.beta.kubernetes.io/azure-load-balancer-internal']).toBe('true');
    expect(privateService(r, 't-azure').metadata.annotations['service.beta.kubernetes.io/azure-deny-all-except-load-balancer-source-ranges']).toBe('true');
  });

  test('two clusters on one cloud are not linked, so they keep reaching each other publicly', () => {
    const f = fleetWith(['t-aws', 't-mgmt', 't-azure']);
    const r = renderWithAddons(f, fakeOutputsWithAddons(f), fakeStackOutputsWithAddons(f));
    // Members t-aws, t-mgmt, t-azure are listed; t-gcp (not a member) is found by its gateway's label.
    expect(gatewaysSeenBy(r, 't-aws')).toEqual({ 't-aws-net': PUBLIC, 't-azure-net': PRIVATE, 't-mgmt-net': PUBLIC });
    expect(gatewaysSeenBy(r, 't-mgmt')).toEqual({ 't-aws-net': PUBLIC, 't-azure-net': PRIVATE, 't-mgmt-net': PUBLIC });
  });

  test('the pair stack outputs its links, each with the ids of all its resources (so a failed apply writes no such output: applied-links.test.ts)', () => {
    const out = stacks['interconnect-aws-gcp'].output.interconnect_links;
    expect(out.depends_on).toBeUndefined();
    const resources = Object.entries(stacks['interconnect-aws-gcp'].resource).flatMap(([type, byId]) => Object.keys(byId as object).map((id) => `\${${type}.${id}.id}`));
    expect(Object.keys(out.value)).toEqual(['t-aws-t-gcp']);
    expect([...out.value['t-aws-t-gcp']].sort()).toEqual(resources.sort());
  });

  test('every BGP session on the GCP end advertises the GKE node and pod ranges (GKE pods keep their address towards RFC 1918 ranges), in the pair stack', () => {
    for (const name of ['interconnect-aws-gcp', 'interconnect-azure-gcp']) {
      const peers = all(stacks[name], 'google_compute_router_peer');
      expect(peers.length).toBeGreaterThan(0);
      for (const p of peers) expect([p.advertise_mode, p.advertised_ip_ranges]).toEqual(['CUSTOM', [{ range: '10.24.0.0/16' }, { range: '10.28.0.0/16' }]]);
    }
  });

  test('a malformed list of applied links is a problem at the output, never read as applied or pending', () => {
    let error: FleetError | undefined;
    try {
      renderWithAddons(fleet, outputs, new Map([['interconnect-aws-gcp', { interconnect_links: 't-aws-t-gcp' }]]));
    } catch (e) {
      error = e as FleetError;
    }
    expect(error?.problems.map((p) => p.path)).toEqual(['terraform-outputs/interconnect-aws-gcp.json: interconnect_links.value']);
  });
});

test('the diagram links every pair of connected networks; a link its pair stack does not list as applied carries no mesh traffic yet', () => {
  const addon = fleetAddons(fleet).addons.find((a) => a.name === 'interconnect')!;
  const applied = fakeStackOutputsWithAddons(fleet);
  applied.delete('interconnect-aws-gcp');
  const ctx: any = { fleet: require('../../fleet').resolveFleet(fleet), outputs: fakeOutputsWithAddons(fleet), stackOutputs: applied };
  expect(addon.diagram!(ctx).links).toEqual([
    { from: 't-aws', to: 't-azure', label: 'VPN, 4 tunnels, BGP AS64610-AS64630', kind: 'interconnect' },
    { from: 't-aws', to: 't-gcp', label: 'VPN, 4 tunnels, BGP AS64610-AS64620, not applied yet: mesh traffic over the public east-west gateways', kind: 'interconnect' },
    { from: 't-azure', to: 't-gcp', label: 'VPN, 2 tunnels, BGP AS64630-AS64620', kind: 'interconnect' },
  ]);
});

// `terraform providers` reads and parses a configuration without providers or network: the check
// that runs here. `terraform validate` (test/terraform-validate.test.ts) needs the providers.
const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
(terraform.status === 0 ? test : test.skip)(`terraform parses every interconnect stack${terraform.status === 0 ? '' : ' (skipped: no terraform binary)'}`, () => {
  for (const name of ['interconnect-aws-gcp', 'interconnect-aws-azure', 'interconnect-azure-gcp']) {
    const dir = tempDir('fleetsynth-tf-');
    const { backend: _, ...tf } = stacks[name].terraform;
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({ ...stacks[name], terraform: tf }));
    const run = spawnSync('terraform', ['providers', '-no-color'], { cwd: dir, encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('provider[registry.terraform.io/hashicorp/random] 3.7.2');
  }
});
