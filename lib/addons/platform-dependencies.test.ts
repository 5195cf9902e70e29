import { testFleet, testSecrets, TEST_OBSERVABILITY_STORAGE } from '../../test/fleets';
import { fleetAddons } from './fleet-addons';
import { platformDependencyProblems } from './platform-dependencies';

// testFleet(): a management cluster t-mgmt and workload clusters t-aws, t-gcp, t-azure.
const CART = { name: 'cart', namespace: 'shop', clusters: ['t-aws', 't-gcp'] };
const API = { name: 'api', host: 'api.example.com', ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }], resolution: 'DNS', endpoints: [{ address: 'api.t-aws.example.com', cluster: 't-aws' }] };
const fleet = (platform: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ ...testFleet(), platform, ...extra });
const observability = (settings: Record<string, unknown> = {}) => ({ storage: TEST_OBSERVABILITY_STORAGE, ...settings });

describe('platformDependencyProblems', () => {
  test('nothing with platform.secrets, whatever needs it', () => {
    expect(platformDependencyProblems(fleet({ secrets: testSecrets(), observability: observability() }, { meshServices: [CART, API] }))).toEqual([]);
  });

  test('fails when observability ships metrics or logs from workload clusters without platform.secrets, at platform.observability', () => {
    expect(platformDependencyProblems(fleet({ observability: observability() }))).toEqual([
      {
        path: 'platform.observability',
        message: expect.stringContaining("the workload clusters' metrics and logs (t-aws, t-azure, t-gcp) reach Mimir and Loki on the management cluster through the mesh"),
        given: 'metrics and logs on, without platform.secrets',
        allowed: 'platform.secrets (see README, Secrets), or metrics: false and logs: false',
      },
    ]);
    expect(platformDependencyProblems(fleet({ observability: observability({ metrics: false, alerts: false }) })).map((p) => [p.path, p.given])).toEqual([['platform.observability', 'logs on, without platform.secrets']]);
  });

  test('observability without metrics and logs, or on a fleet of the management cluster alone, needs no secrets', () => {
    expect(platformDependencyProblems(fleet({ observability: observability({ metrics: false, logs: false, alerts: false }) }))).toEqual([]);
    const alone = { ...testFleet(), clusters: testFleet().clusters.filter((c: { role: string }) => c.role === 'management'), platform: { observability: observability() } };
    expect(platformDependencyProblems(alone)).toEqual([]);
  });

  test('fails when a Service of the mesh is declared without platform.secrets, at meshServices[<name>]; an external service passes', () => {
    const problems = platformDependencyProblems(fleet({}, { meshServices: [CART, API] }));
    expect(problems.map((p) => [p.path, p.given])).toEqual([['meshServices[cart]', 'namespace "shop", without platform.secrets']]);
    expect(problems[0].message).toContain('clients see only the copies in their own cluster');
  });

  test('fleetAddons reports them beside the add-ons\' own problems', () => {
    expect(fleetAddons(fleet({ observability: observability() })).problems.map((p) => p.path)).toEqual(['platform.observability']);
  });
});
