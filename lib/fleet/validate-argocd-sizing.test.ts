import { testFleet } from '../../test/fleets';
import { resolveFleet } from './resolve-fleet';
import { fleetProblems } from './validate-fleet';

/** The problems of testFleet() with `argoCd` set to `sizing`, under `argoCd`. */
const problems = (sizing: unknown) => fleetProblems({ ...testFleet(), argoCd: sizing }).filter((p) => p.path.startsWith('argoCd'));

describe('the fleet\'s argoCd (Argo CD\'s size on the management cluster)', () => {
  test('passes with every field set within range', () => {
    const sizing = {
      controller: { replicas: 3, shardingAlgorithm: 'round-robin', statusProcessors: 50, operationProcessors: 25, resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '4Gi' } } },
      repoServer: { replicas: 2, resources: { requests: { cpu: 0.5, memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } },
    };
    expect(problems(sizing)).toEqual([]);
    expect(resolveFleet({ ...testFleet(), argoCd: sizing }).argoCd).toEqual(sizing);
  });

  test('a quantity given as undefined is not set (it reached argocd-values.yaml as a placeholder, refused only there)', () => {
    const sizing = { controller: { resources: { requests: { cpu: undefined, memory: '2Gi' }, limits: { memory: undefined } } }, repoServer: { resources: { requests: { cpu: undefined } } } };
    expect(problems(sizing)).toEqual([]);
    expect(resolveFleet({ ...testFleet(), argoCd: sizing }).argoCd).toStrictEqual({ controller: { resources: { requests: { memory: '2Gi' } } }, repoServer: { resources: {} } });
  });

  test('resolves to nothing when the fleet leaves it out: Argo CD\'s own defaults, unwritten', () => {
    expect(resolveFleet(testFleet()).argoCd).toEqual({});
  });

  test.each([
    ['controller.replicas', 0, 'must be at least 1: no controller would run'],
    ['controller.replicas', 1.5, 'must be a whole number of at least 1'],
    ['controller.replicas', '3', 'must be a whole number of at least 1'],
    ['controller.replicas', 2 ** 31, 'must be at most 999999: Helm prints'],
    ['controller.statusProcessors', 0, 'Argo CD would start no status processor'],
    ['controller.statusProcessors', 2 ** 31, 'must be at most 2147483647: Argo CD reads it as an int32'],
    ['controller.operationProcessors', 0, 'Argo CD would start no operation processor'],
    ['controller.operationProcessors', -4, 'must be a whole number of at least 1'],
    ['repoServer.replicas', 0, 'no repo server would render manifests'],
    ['repoServer.replicas', 1000000, 'must be at most 999999: Helm prints'],
  ])('fails when %s is %p', (field, value, message) => {
    const [part, key] = field.split('.');
    // Replicas are numbers of the chart, which Helm prints in exponent form from 1000000 on; processors are written as strings.
    const max = key === 'replicas' ? 999999 : 2147483647;
    expect(problems({ [part]: { [key]: value } })).toEqual([
      expect.objectContaining({ path: `argoCd.${field}`, message: expect.stringContaining(message), given: JSON.stringify(value), allowed: `a whole number from 1 to ${max}` }),
    ]);
  });

  test('passes the largest counts that reach Argo CD as given', () => {
    expect(problems({ controller: { replicas: 999999, statusProcessors: 2147483647, operationProcessors: 1000000 }, repoServer: { replicas: 999999 } })).toEqual([]);
  });

  test('fails when the sharding algorithm is not one of Argo CD 3.4 (it would shard by legacy and only log it), with the one meant', () => {
    expect(problems({ controller: { replicas: 2, shardingAlgorithm: 'round_robin' } })).toEqual([
      expect.objectContaining({ path: 'argoCd.controller.shardingAlgorithm', message: 'not a sharding algorithm of Argo CD 3.4; did you mean "round-robin"?', allowed: '"legacy", "round-robin", "consistent-hashing"' }),
    ]);
  });

  test('fails when a field is unknown (the shape check), with the field meant', () => {
    expect(problems({ controller: { replica: 2 }, repoServer: { resources: { requests: { 'ephemeral-storage': '1Gi' } } } })).toEqual([
      expect.objectContaining({ path: 'argoCd.controller.replica', message: 'unknown field; did you mean "replicas"?' }),
      expect.objectContaining({ path: 'argoCd.repoServer.resources.requests.ephemeral-storage', message: 'unknown field' }),
    ]);
  });

  test.each([
    ['argoCd', 3],
    ['argoCd.controller', 'big'],
    ['argoCd.repoServer', []],
  ])('fails when %s is not an object', (at, value) => {
    const sizing = at === 'argoCd' ? value : { [at.split('.')[1]]: value };
    expect(problems(sizing)).toEqual([expect.objectContaining({ path: at, message: 'must be an object' })]);
  });

  test.each([
    ['controller', 'requests', 'cpu', '500 m', 'not a Kubernetes quantity'],
    ['controller', 'limits', 'memory', '4GB', 'not a Kubernetes quantity'],
    ['repoServer', 'requests', 'memory', '-1Gi', 'not a Kubernetes quantity'],
    ['repoServer', 'requests', 'memory', '512m', '"m" is a thousandth of a byte; did you mean "512Mi"?'],
    ['repoServer', 'limits', 'memory', '2u', '"u" is a millionth of a byte: memory is counted in bytes'],
    ['controller', 'requests', 'memory', '5n', '"n" is a billionth of a byte: memory is counted in bytes'],
  ])('fails when %s.resources.%s.%s is %p', (part, kind, resource, value, message) => {
    expect(problems({ [part]: { resources: { [kind]: { [resource]: value } } } })).toEqual([
      expect.objectContaining({ path: `argoCd.${part}.resources.${kind}.${resource}`, message, given: JSON.stringify(value) }),
    ]);
  });

  test('fails when a request is above its limit (Kubernetes refuses the pod template), compared across units', () => {
    expect(problems({ controller: { resources: { requests: { cpu: '1500m', memory: '2Gi' }, limits: { cpu: 1, memory: '2048Mi' } } } })).toEqual([
      expect.objectContaining({ path: 'argoCd.controller.resources.requests.cpu', message: 'more than its limit (1): Kubernetes refuses a request above its limit', given: '"1500m"', allowed: 'at most 1, or a higher limit' }),
    ]);
    expect(problems({ repoServer: { resources: { requests: { memory: '2.1G' }, limits: { memory: '1.9Gi' } } } })).toEqual([
      expect.objectContaining({ path: 'argoCd.repoServer.resources.requests.memory' }),
    ]);
    expect(problems({ repoServer: { resources: { requests: { memory: '2.1G' }, limits: { memory: '1.9Gi' } } } })[0].message).toContain('more than its limit (1.9Gi)');
    expect(problems({ repoServer: { resources: { requests: { memory: '1.8Gi' }, limits: { memory: '2G' } } } })).toEqual([]);
    // Kubernetes keeps both as 1.000000002 (rounded up to a nano): equal, so accepted.
    expect(problems({ controller: { resources: { requests: { cpu: '1.0000000012' }, limits: { cpu: '1.0000000011' } } } })).toEqual([]);
  });

  test('passes every quantity Kubernetes takes: a leading "+", micro and nano cores', () => {
    expect(problems({ controller: { resources: { requests: { cpu: '+1', memory: '+1Gi' }, limits: { cpu: '1000000u' } } }, repoServer: { resources: { requests: { cpu: '250000000n' } } } })).toEqual([]);
  });
});
