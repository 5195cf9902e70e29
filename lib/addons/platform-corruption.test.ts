import { fleetAddons } from './fleet-addons';
import { fakeOutputsWithAddons, renderWithAddons, testFleet } from '../../test/fleets';

/*
 * Every field of the interconnect's and global DNS's settings, replaced in turn by each of a few
 * wrong values: the add-ons' validation must reject it with a path inside their settings, or the
 * fleet must render cleanly. No hook may be the first to meet a bad value.
 */
const WRONG = [null, '', -1, 1.5, 'Bad Name', {}, []];

function fleet(): any {
  const f: any = testFleet();
  f.platform = {
    interconnect: { clusters: { 't-aws': { asn: 64610 }, 't-gcp': { asn: 64620 }, 't-azure': { asn: 64630, gatewaySubnetCidr: '10.200.0.0/27' } }, tunnelRanges: { 'aws-gcp': '169.254.64.0/24' } },
    globalDns: {
      endpoints: [{
        name: 'shop', host: 'shop.example.com', zone: 'example.com', zoneId: 'Z0123456789', policy: 'failover', tlsSecretName: 'shop-tls', ttlSeconds: 60,
        members: [{ cluster: 't-gcp', role: 'primary' }, { cluster: 't-aws', role: 'secondary' }],
        backend: { service: 'shop', namespace: 'shop', port: 8080 },
        healthCheck: { path: '/healthz', port: 443, intervalSeconds: 10, failureThreshold: 3 },
      }],
    },
  };
  return f;
}

function fieldPaths(value: unknown, path: (string | number)[]): (string | number)[][] {
  const here = [path];
  if (value === null || typeof value !== 'object') return here;
  return [...here, ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, [...path, Array.isArray(value) ? Number(k) : k]))];
}

test('no wrong value in platform.interconnect or platform.globalDns crashes synth or slips past validation', () => {
  const base = fleet();
  const fields = [...fieldPaths(base.platform.interconnect, ['platform', 'interconnect']), ...fieldPaths(base.platform.globalDns, ['platform', 'globalDns'])];
  const accepted: { what: string; fleet: unknown }[] = [];
  let rejected = 0;
  for (const field of fields) {
    for (const wrong of WRONG) {
      const f = fleet();
      const parent = field.slice(0, -1).reduce((o, k) => o[k], f);
      parent[field[field.length - 1]] = wrong;
      const { problems } = fleetAddons(f);
      if (problems.length > 0) {
        expect(problems.every((p) => p.path.startsWith(`platform.${field[1]}`))).toBe(true);
        rejected++;
      } else accepted.push({ what: `${field.join('.')} = ${JSON.stringify(wrong)}`, fleet: f });
    }
  }
  expect(rejected).toBeGreaterThan(250);
  // What validation accepts (empty objects meaning "the defaults") renders, with every output there.
  expect(accepted.map((a) => a.what)).toEqual(['platform.interconnect.tunnelRanges = {}', 'platform.globalDns.endpoints.0.healthCheck = {}']);
  for (const a of accepted) expect(() => renderWithAddons(a.fleet, fakeOutputsWithAddons(a.fleet as any))).not.toThrow();
});
