import { resolveFleet } from '../../fleet';
import { replacements } from '../../synth/replacement-guard';
import { fullFleet } from '../../../test/fleet-fixture';
import { fakeOutputsWithAddons, fakeStackOutputsWithAddons, renderWithAddons } from '../../../test/fleets';
import { AWS_TUNNEL_SUITE, AZURE_IPSEC_POLICY } from './ipsec-suite';

/*
 * The IKE/IPsec suite of every tunnel: pinned by the end that can (Azure's connection policy, else
 * AWS's tunnel options), one the other end supports, and reached on a running interconnect by
 * in-place updates, one connection of a link at a time.
 */

const fleet = fullFleet();
const stacks = renderWithAddons(fleet, fakeOutputsWithAddons(fleet), fakeStackOutputsWithAddons(fleet)).stacks as Record<string, any>;
const PAIRS = ['interconnect-aws-azure', 'interconnect-aws-gcp', 'interconnect-azure-gcp'];
const all = (stack: any, type: string): [string, any][] => Object.keys(stack.resource?.[type] ?? {}).sort().map((id) => [id, stack.resource[type][id]]);
const SUITE_OPTION = /^tunnel[12]_phase[12]_/;
const suiteOf = (connection: any) => Object.fromEntries(Object.entries(connection).filter(([k]) => SUITE_OPTION.test(k)));

// The values each provider accepts (terraform-provider-aws internal/service/ec2 consts.go
// vpnTunnelOptions*_Values; terraform-provider-azurerm v4.55.0 virtual_network_gateway_connection_resource.go).
const AWS_ACCEPTS = {
  phase1EncryptionAlgorithms: ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'],
  phase1IntegrityAlgorithms: ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'],
  phase1DhGroupNumbers: [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
  phase2EncryptionAlgorithms: ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'],
  phase2IntegrityAlgorithms: ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'],
  phase2DhGroupNumbers: [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
};
// Azure's names of the groups both clouds support, and their IKE numbers (azure-docs
// includes/vpn-gateway-ipsec-ike-diffie-hellman-include.md); the same algorithms under each cloud's names.
const AZURE_GROUP = { DHGroup14: 14, ECP256: 19, ECP384: 20, DHGroup24: 24 } as Record<string, number>;
const AZURE_PFS_GROUP = { PFS2048: 14, ECP256: 19, ECP384: 20, PFS24: 24 } as Record<string, number>;
const AZURE_CIPHER: Record<string, string> = { AES256: 'AES256', AES128: 'AES128' };
const AZURE_HASH: Record<string, string> = { SHA256: 'SHA2-256', SHA384: 'SHA2-384' };

// What Google's own sources say Cloud VPN negotiates (the supported-ciphers page's tables are not all
// readable here). IKE SA groups: cloud.google.com/network-connectivity/docs/vpn/deprecations/
// cipher-changes, "IKEv2 DH algorithm order" (MODP_2048_BIT 14 … ECP_384_BIT 20 … CURVE_25519 31). The
// IKE SA's PRF: same page, PRF_HMAC_SHA2_256. A child SA's PFS group: only Group-14 is named, by Google's
// cipher_suite acceptance test (terraform-provider-google v7.4.0
// google/services/compute/resource_compute_vpn_tunnel_generated_test.go, phase2 pfs ["Group-14"]).
// Not checked here: AES-256 for a child SA, which that test names only for the IKE SA (phase2 there is
// AES-CBC-128); a cipher Cloud VPN refused there would fail the tunnel at once, at its first child SA.
const CLOUD_VPN_IKE_SA_GROUPS = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 31];
const CLOUD_VPN_PFS_GROUPS = [14];

describe('the suite', () => {
  test('strong only: IKEv2 (set on every AWS tunnel), AES-256, SHA2-256, DH group 20, PFS group 14 (no group 2, no SHA1, no 3DES)', () => {
    expect(AWS_TUNNEL_SUITE).toEqual({
      phase1EncryptionAlgorithms: ['AES256'], phase1IntegrityAlgorithms: ['SHA2-256'], phase1DhGroupNumbers: [20],
      phase2EncryptionAlgorithms: ['AES256'], phase2IntegrityAlgorithms: ['SHA2-256'], phase2DhGroupNumbers: [14],
    });
    for (const [option, values] of Object.entries(AWS_TUNNEL_SUITE)) expect([option, values.every((v) => (AWS_ACCEPTS as any)[option].includes(v))]).toEqual([option, true]);
  });

  test('Azure\'s policy names the same algorithms as the AWS options, so an AWS end that keeps its defaults (which contain them) agrees with it', () => {
    const p = AZURE_IPSEC_POLICY;
    expect([AZURE_CIPHER[p.ikeEncryption], AZURE_HASH[p.ikeIntegrity], AZURE_GROUP[p.dhGroup]]).toEqual([...AWS_TUNNEL_SUITE.phase1EncryptionAlgorithms, ...AWS_TUNNEL_SUITE.phase1IntegrityAlgorithms, ...AWS_TUNNEL_SUITE.phase1DhGroupNumbers]);
    expect([AZURE_CIPHER[p.ipsecEncryption], AZURE_HASH[p.ipsecIntegrity], AZURE_PFS_GROUP[p.pfsGroup]]).toEqual([...AWS_TUNNEL_SUITE.phase2EncryptionAlgorithms, ...AWS_TUNNEL_SUITE.phase2IntegrityAlgorithms, ...AWS_TUNNEL_SUITE.phase2DhGroupNumbers]);
    // azurerm's ipsec_policy: lifetimes at least 300 s and 1024 KB, sent as 0 when unset.
    expect(p.saLifetime).toBeGreaterThanOrEqual(300);
    expect(p.saDatasize).toBeGreaterThanOrEqual(1024);
  });
  test('its groups are ones Google\'s sources say Cloud VPN negotiates: a PFS group it refused would pass the apply and drop the GCP links at their first rekey (a first child SA has no key exchange, RFC 7296 1.2)', () => {
    expect(AWS_TUNNEL_SUITE.phase1DhGroupNumbers.filter((g) => !CLOUD_VPN_IKE_SA_GROUPS.includes(g))).toEqual([]);
    expect(AWS_TUNNEL_SUITE.phase2DhGroupNumbers.filter((g) => !CLOUD_VPN_PFS_GROUPS.includes(g))).toEqual([]);
  });
});

describe('which end pins it, on every link', () => {
  test('AWS ↔ GCP: both tunnels of each AWS connection accept only the suite (a GCP tunnel has no cipher setting at google 6.50.0)', () => {
    const conns = all(stacks['interconnect-aws-gcp'], 'aws_vpn_connection').map(([, c]) => c);
    expect(conns.length).toBeGreaterThan(0);
    for (const c of conns) {
      expect(suiteOf(c)).toEqual({
        tunnel1_phase1_encryption_algorithms: ['AES256'], tunnel1_phase1_integrity_algorithms: ['SHA2-256'], tunnel1_phase1_dh_group_numbers: [20],
        tunnel1_phase2_encryption_algorithms: ['AES256'], tunnel1_phase2_integrity_algorithms: ['SHA2-256'], tunnel1_phase2_dh_group_numbers: [14],
        tunnel2_phase1_encryption_algorithms: ['AES256'], tunnel2_phase1_integrity_algorithms: ['SHA2-256'], tunnel2_phase1_dh_group_numbers: [20],
        tunnel2_phase2_encryption_algorithms: ['AES256'], tunnel2_phase2_integrity_algorithms: ['SHA2-256'], tunnel2_phase2_dh_group_numbers: [14],
      });
      expect([c.tunnel1_ike_versions, c.tunnel2_ike_versions]).toEqual([['ikev2'], ['ikev2']]);
    }
  });

  test('Azure links: every Azure connection carries the policy; the AWS tunnels towards Azure keep AWS\'s defaults (IKEv2 only)', () => {
    for (const stack of ['interconnect-aws-azure', 'interconnect-azure-gcp']) {
      const conns = all(stacks[stack], 'azurerm_virtual_network_gateway_connection').map(([, c]) => c);
      expect(conns.length).toBeGreaterThan(0);
      for (const c of conns) {
        expect([stack, c.ipsec_policy]).toEqual([stack, { dh_group: 'ECP384', ike_encryption: 'AES256', ike_integrity: 'SHA256', ipsec_encryption: 'AES256', ipsec_integrity: 'SHA256', pfs_group: 'PFS2048', sa_lifetime: 27000, sa_datasize: 102400000 }]);
      }
    }
    for (const [, c] of all(stacks['interconnect-aws-azure'], 'aws_vpn_connection')) {
      expect(suiteOf(c)).toEqual({});
      expect([c.tunnel1_ike_versions, c.tunnel2_ike_versions]).toEqual([['ikev2'], ['ikev2']]);
    }
  });
});

describe('a running interconnect', () => {
  /** A link's resources of a type, by link (the logical id's first segment), in id order. */
  const byLink = (stack: any, type: string) => {
    const links = new Map<string, string[]>();
    for (const [id] of all(stack, type)) links.set(id.split('_')[0], [...(links.get(id.split('_')[0]) ?? []), id]);
    return [...links.values()];
  };

  test('a link\'s connections change one after another: each AWS or Azure connection depends on the one before it in its link', () => {
    for (const stack of PAIRS) {
      for (const type of ['aws_vpn_connection', 'azurerm_virtual_network_gateway_connection']) {
        for (const ids of byLink(stacks[stack], type)) {
          expect(ids.map((id) => stacks[stack].resource[type][id].depends_on)).toEqual(ids.map((_, k) => (k === 0 ? undefined : [`${type}.${ids[k - 1]}`])));
        }
      }
    }
  });

  test('the upgrade from stacks without the suite is an update in place: synth refuses nothing, without --allow-replace', () => {
    const before = Object.fromEntries(PAIRS.map((name) => {
      const s = JSON.parse(JSON.stringify(stacks[name]));
      for (const c of Object.values<any>(s.resource.aws_vpn_connection ?? {})) for (const k of Object.keys(c)) if (SUITE_OPTION.test(k) || k === 'depends_on') delete c[k];
      for (const c of Object.values<any>(s.resource.azurerm_virtual_network_gateway_connection ?? {})) { delete c.ipsec_policy; delete c.depends_on; }
      return [name, s];
    }));
    const changes = PAIRS.map((stack) => ({ stack, before: JSON.stringify(before[stack]), after: JSON.stringify(stacks[stack]) }));
    expect(changes.every((c) => c.before !== c.after)).toBe(true);
    expect(replacements(resolveFleet(fleet), changes)).toEqual([]);
  });
});
