import { FleetError, fleetProblems, parseFleetDocument, parseTerraformOutputs, Problem, resolveFleet } from '../lib/fleet';
import { fleetAddons } from '../lib/addons';
import { prepareFleet } from '../lib/synth';
import { Lazy, Token } from '../lib/infra/cdktf';
import { fullFleet, LooseFleet } from './fleet-fixture';
import { richTestFleet } from './fleets';
import { fullTestFleet } from './full-fleet';

// Not a key: the shape of one, for the private-key cases.
const PRIVATE_KEY_BODY = 'MIIEowIBAAKCAQEAx7fakefakefakefakefakefakefake';

/*
 * Input that cannot be misread, and input that used to get through: every case names the field
 * path of its problem and, where there is one, the suggestion. Built on test/fleets.ts, never on
 * the example in apps/fleet.ts.
 */

type AnyFleet = ReturnType<typeof richTestFleet>;
const cluster = (f: AnyFleet, name: string) => f.clusters.find((c: { name: string }) => c.name === name);
const problemAt = (f: unknown, path: string): Problem => {
  const problems = fleetProblems(f);
  const found = problems.find((p) => p.path === path);
  if (!found) throw new Error(`no problem at ${path}; problems: ${problems.map((p) => `${p.path}: ${p.message}`).join(' | ') || 'none'}`);
  return found;
};
const errorText = (f: unknown): string => {
  try {
    resolveFleet(f);
  } catch (e) {
    expect(e).toBeInstanceOf(FleetError);
    return (e as Error).message;
  }
  throw new Error('the fleet was accepted');
};

test('the rich test fleet is valid', () => {
  expect(fleetProblems(richTestFleet())).toEqual([]);
});

describe('unknown fields', () => {
  test('fails when a cluster field is misspelled, naming the field and the one meant', () => {
    const f = richTestFleet();
    cluster(f, 't-aws').kubernetesVersoin = false;
    expect(problemAt(f, 'clusters[t-aws].kubernetesVersoin').message).toBe('unknown field; did you mean "kubernetesVersion"?');
    expect(errorText(f)).toContain('clusters[t-aws].kubernetesVersoin: unknown field; did you mean "kubernetesVersion"?');
  });

  test('fails when a required field is misspelled, with the suggestion instead of "is required"', () => {
    const f = richTestFleet();
    const c = cluster(f, 't-aws');
    c.nodepools = c.nodePools;
    delete c.nodePools;
    const problems = fleetProblems(f);
    expect(problemAt(f, 'clusters[t-aws].nodepools').message).toBe('unknown field; did you mean "nodePools"?');
    expect(problems.filter((p) => p.path.startsWith('clusters[t-aws].nodePools'))).toEqual([]);
  });

  test.each([
    ['the fleet root', (f: AnyFleet) => Object.assign(f, { meshServies: [] }), 'meshServies', 'meshServices'],
    ['a node pool', (f: AnyFleet) => Object.assign(cluster(f, 't-gcp').nodePools[0], { maxsize: 3 }), 'clusters[t-gcp].nodePools[system].maxsize', 'maxSize'],
    ['a state backend (a union, picked by its type)', (f: AnyFleet) => Object.assign(f.stateBackend, { dynamoTable: 'locks' }), 'stateBackend.dynamoTable', 'dynamodbTable'],
    ['a Helm source', (f: AnyFleet) => Object.assign(f.apps[0].source.helm, { repoUrl: 'https://x.example.com' }), 'apps[podinfo].source.helm.repoUrl', 'repoURL'],
    ['an app source (no branch of the union fits)', (f: AnyFleet) => { f.apps[1].source = { gti: f.apps[1].source.git }; }, 'apps[checkout].source.gti', 'git'],
    ['a mesh port', (f: AnyFleet) => Object.assign(f.meshServices[0].ports[0], { protocl: 'HTTPS' }), 'meshServices[api].ports[https].protocl', 'protocol'],
    ['outlier detection', (f: AnyFleet) => Object.assign(f.meshServices[0].failover.outlierDetection, { intervalSecond: 10 }), 'meshServices[api].failover.outlierDetection.intervalSecond', 'intervalSeconds'],
    ['a taint', (f: AnyFleet) => { cluster(f, 't-aws').nodePools[0].taints = [{ key: 'a', value: 'b', efect: 'NoSchedule' }]; }, 'clusters[t-aws].nodePools[system].taints[0].efect', 'effect'],
  ])('fails when a field of %s is misspelled', (_, breakIt, path, meant) => {
    const f = richTestFleet();
    breakIt(f);
    expect(problemAt(f, path).message).toBe(`unknown field; did you mean "${meant}"?`);
  });

  test('fails when a platform service is unknown (the services come from the PlatformServices type)', () => {
    const f = richTestFleet() as AnyFleet & { platform: unknown };
    f.platform = { vault: { address: 'https://vault.example.com' } };
    expect(problemAt(f, 'platform.vault').message).toMatch(/^unknown field/);
  });

  test('a field far from every known one is unknown, without a guess', () => {
    const f = richTestFleet();
    cluster(f, 't-aws').colour = 'blue';
    expect(problemAt(f, 'clusters[t-aws].colour').message).toBe('unknown field');
  });

  test.each([
    ['YAML', 'fleet.yaml', (f: object) => require('yaml').stringify(f)],
    ['JSON', 'fleet.json', (f: object) => JSON.stringify(f, null, 2)],
  ])('fails when a %s fleet misspells a field, with the same path and suggestion', (_, file, write) => {
    const f = richTestFleet();
    cluster(f, 't-aws').kubernetesVersoin = false;
    const parsed = parseFleetDocument(write(f), file);
    expect(problemAt(parsed, 'clusters[t-aws].kubernetesVersoin').message).toBe('unknown field; did you mean "kubernetesVersion"?');
    expect(fleetProblems(parseFleetDocument(write(richTestFleet()), file))).toEqual([]);
  });

  test('fails when a YAML fleet gives a key twice, naming the line', () => {
    expect(() => parseFleetDocument('name: a\nname: b\n', 'fleet.yaml')).toThrow(/fleet\.yaml:2:1: .*unique/i);
  });

  test('fails when a YAML fleet has add-ons: they are code', () => {
    expect(() => parseFleetDocument('name: a\naddons: []\n', 'fleet.yaml')).toThrow('addons: add-ons are code');
  });
});

describe('suggestions for regions, versions and zones', () => {
  test('fails when a region is misspelled, suggesting the region instead of listing all of them', () => {
    const f = richTestFleet();
    cluster(f, 't-azure').region = 'westeurop';
    const p = problemAt(f, 'clusters[t-azure].region');
    expect(p.message).toBe('not an AKS region; did you mean "westeurope"?');
    expect(p.allowed).toBe('"westeurope" or another of the 41 AKS regions fleetsynth knows (CLOUD_CATALOG, exported by \'fleetsynth/fleet\')');
  });

  test('fails when the region is another cloud\'s, saying whose', () => {
    const f = richTestFleet();
    cluster(f, 't-azure').region = 'eu-west-1';
    expect(problemAt(f, 'clusters[t-azure].region').message).toBe('not an AKS region; "eu-west-1" is an EKS region');
  });

  test('fails when an app\'s Helm repository is not https or oci, suggesting one whose charts run as published', () => {
    const f = richTestFleet();
    f.apps[0].source.helm.repoURL = 'http://charts.example.com';
    const { allowed } = problemAt(f, 'apps[podinfo].source.helm.repoURL');
    // Bitnami's catalog left its charts' default images behind on 2025-08-28 (bitnami/charts#35164).
    expect(allowed).not.toMatch(/bitnami/);
    expect(allowed).toBe('e.g. "https://stefanprodan.github.io/podinfo" or "oci://ghcr.io/stefanprodan/charts"');
  });

  test.each([
    ['1.34.2', '; use the minor version "1.34"'],
    ['v1.35', '; use the minor version "1.35"'],
  ])('fails when the Kubernetes version is %p, saying how to write it', (version, hint) => {
    const f = richTestFleet();
    cluster(f, 't-gcp').kubernetesVersion = version;
    expect(problemAt(f, 'clusters[t-gcp].kubernetesVersion').message).toMatch(new RegExp(`^not offered by GKE \\(catalog checked [0-9-]+\\)${hint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  test.each([
    [1.3, 'must be a string, not a number: YAML and JSON read 1.30 as the number 1.3'],
    // The number's text is a minor GKE offers: "not offered" would contradict the allowed list.
    [1.35, 'must be a string, not a number: YAML and JSON read 1.30 as the number 1.3; write "1.35"'],
  ])('fails when the Kubernetes version is the number %p, saying to write a string', (version, message) => {
    const f = richTestFleet();
    cluster(f, 't-gcp').kubernetesVersion = version;
    expect(problemAt(f, 'clusters[t-gcp].kubernetesVersion').message).toBe(message);
  });

  test('fails when a zone does not exist in the region, listing the region\'s zones', () => {
    const f = richTestFleet();
    cluster(f, 't-aws').zones = ['eu-west-1a', 'eu-west-1d'];
    const p = problemAt(f, 'clusters[t-aws].zones[1]');
    expect(p.message).toBe('not a zone of eu-west-1');
    expect(p.allowed).toMatch(/^zones of eu-west-1: eu-west-1a, eu-west-1b, eu-west-1c \(catalog checked /);
  });

  test('fails when an Azure region without availability zones is given zones', () => {
    const f = richTestFleet();
    Object.assign(cluster(f, 't-azure'), { region: 'westus', zones: ['1'] });
    expect(problemAt(f, 'clusters[t-azure].zones').message).toBe('westus has no availability zones');
  });

  test('fails when an EKS cluster spans one zone (its control plane needs two)', () => {
    const f = richTestFleet();
    cluster(f, 't-aws').zones = ['eu-west-1a'];
    expect(problemAt(f, 'clusters[t-aws].zones').message).toBe('an EKS cluster needs at least 2 zones');
  });

  test('the default zones are zones the region has (GCP us-east1 has no -a, AWS ap-northeast-1 gives new accounts a, c, d)', () => {
    const f = richTestFleet();
    Object.assign(cluster(f, 't-gcp'), { region: 'us-east1' });
    Object.assign(cluster(f, 't-aws'), { region: 'ap-northeast-1' });
    const resolved = resolveFleet(f);
    expect(resolved.clusters.find((c) => c.name === 't-gcp')!.zones).toEqual(['us-east1-b', 'us-east1-c', 'us-east1-d']);
    expect(resolved.clusters.find((c) => c.name === 't-aws')!.zones).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
  });
});

describe('platform service settings: one problem per misspelt field', () => {
  // The add-ons check their own settings too (they run without the schema): what the shape check reported is not repeated.
  const problemsOf = (f: unknown) => fleetProblems(f, fleetAddons(f).problems);
  const rename = (o: Record<string, unknown>, from: string, to: string) => {
    o[to] = o[from];
    delete o[from];
  };
  test.each([
    ['the Vault address', (f: LooseFleet) => rename(f.platform.secrets.vault, 'address', 'adress'), 'platform.secrets.vault.adress', 'address'],
    ['the metrics bucket', (f: LooseFleet) => rename(f.platform.observability.storage, 'metricsBucket', 'metricBucket'), 'platform.observability.storage.metricBucket', 'metricsBucket'],
    ['a global endpoint\'s host', (f: LooseFleet) => rename(f.platform.globalDns.endpoints[0], 'host', 'hots'), 'platform.globalDns.endpoints[podinfo].hots', 'host'],
    ['an interconnect gateway subnet, cut short', (f: LooseFleet) => rename(f.platform.interconnect.clusters['azure-prod'], 'gatewaySubnetCidr', 'gatewaySubnet'), 'platform.interconnect.clusters[azure-prod].gatewaySubnet', 'gatewaySubnetCidr'],
    ['an interconnect ASN (under a key the add-on writes in brackets)', (f: LooseFleet) => rename(f.platform.interconnect.clusters.mgmt, 'asn', 'asnn'), 'platform.interconnect.clusters.mgmt.asnn', 'asn'],
  ])('fails when %s is misspelt: that one problem, with the suggestion, no "not a … setting", no "given nothing"', (_, breakIt, path, meant) => {
    const f = fullFleet();
    breakIt(f);
    expect(problemsOf(f)).toEqual([expect.objectContaining({ path, message: `unknown field; did you mean "${meant}"?` })]);
  });

  test('fails when the Cluster Autoscaler is given a setting: one problem, at the setting', () => {
    const f = fullFleet();
    f.platform.clusterAutoscaler = { enabled: true };
    expect(problemsOf(f).map((p) => p.path)).toEqual(['platform.clusterAutoscaler.enabled']);
  });

  test('fails when the Metrics Server is given a setting: one problem, at the setting', () => {
    const f = fullFleet();
    f.platform.metricsServer = { replicas: 3 };
    expect(problemsOf(f).map((p) => p.path)).toEqual(['platform.metricsServer.replicas']);
  });

  test('fails when an add-on hook is misspelt, suggesting the hook', () => {
    const f = fullFleet();
    f.addons = [{ name: 'mine', manifest: () => undefined }];
    expect(problemsOf(f)).toContainEqual(expect.objectContaining({ path: 'addons[mine].manifest', message: 'not an add-on hook; did you mean "manifests"?' }));
  });
});

describe('credentials', () => {
  test.each([
    ['the GitOps repo URL carries a password', (f: AnyFleet) => { f.gitops.repoURL = 'https://ci:s3cr3t-t0ken@git.example.com/platform/gitops.git'; }, 'gitops.repoURL', 's3cr3t-t0ken'],
    ['a Helm repo URL carries user and token', (f: AnyFleet) => { f.apps[0].source.helm.repoURL = 'https://user:glpat-abcdefghij0123456789@charts.example.com'; }, 'apps[podinfo].source.helm.repoURL', 'glpat-abcdefghij0123456789'],
    ['a git URL carries a private_token query', (f: AnyFleet) => { f.apps[1].source.git.repoURL = 'https://gitlab.example.com/a/b.git?private_token=hunter2hunter2'; }, 'apps[checkout].source.git.repoURL', 'hunter2hunter2'],
    ['a Helm value carries an AWS access key', (f: AnyFleet) => { f.apps[0].source.helm.values.awsKey = 'AKIAIOSFODNN7EXAMPLE'; }, 'apps[podinfo].source.helm.values.awsKey', 'AKIAIOSFODNN7EXAMPLE'],
    ['a Helm value is a PEM private key', (f: AnyFleet) => { f.apps[0].source.helm.values.tls = { key: `-----BEGIN RSA PRIVATE KEY-----\n${PRIVATE_KEY_BODY}\n-----END RSA PRIVATE KEY-----\n` }; }, 'apps[podinfo].source.helm.values.tls.key', PRIVATE_KEY_BODY],
    ['a Helm value is an OpenSSH private key cut short', (f: AnyFleet) => { f.apps[0].source.helm.values.sshKey = `-----BEGIN OPENSSH PRIVATE KEY-----\n${PRIVATE_KEY_BODY}`; }, 'apps[podinfo].source.helm.values.sshKey', PRIVATE_KEY_BODY],
    ['a Helm value is a Vault service token', (f: AnyFleet) => { f.apps[0].source.helm.values.vaultToken = 'hvs.CAESIJlWh1aJ6m0abcdefghijklmnopqrstuvwxyz12'; }, 'apps[podinfo].source.helm.values.vaultToken', 'CAESIJlWh1aJ6m0abcdefghijklmnop'],
    ['a Helm value is a Vault batch token', (f: AnyFleet) => { f.apps[0].source.helm.values.vault = { t: 'hvb.AAAAAQJ8kZxBcl3m0abcdefghijklmnopqrstuvw' }; }, 'apps[podinfo].source.helm.values.vault.t', 'AAAAAQJ8kZxBcl3m0abcdefghijklmnop'],
    ['a per-cluster Helm value is a Vault token of before 1.10 (s. and 24 characters)', (f: AnyFleet) => { f.apps[0].overrides['t-aws'].token = 's.Xr4Z9bQm2LkP0aTy7WcVn3Hd'; }, 'apps[podinfo].overrides[t-aws].token', 'Xr4Z9bQm2LkP0aTy7WcVn3Hd'],
    ['a git source\'s Helm value is a JWT', (f: AnyFleet) => { f.apps[1].source.git.values.auth = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'; }, 'apps[checkout].source.git.values.auth', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
    ['a Helm value is a Slack webhook URL', (f: AnyFleet) => { f.apps[0].source.helm.values.alerts = ['https://hooks.slack.com/services/T0000AAAA/B0000BBBB/XXXXXXXXXXXXXXXXXXXXXXXX']; }, 'apps[podinfo].source.helm.values.alerts[0]', 'XXXXXXXXXXXXXXXXXXXXXXXX'],
    ['a Helm value is a Stripe secret key', (f: AnyFleet) => { f.apps[0].source.helm.values.stripe = 'sk_live_51H8abcdefghijklmnopqrstuv'; }, 'apps[podinfo].source.helm.values.stripe', '51H8abcdefghijklmnopqrstuv'],
    ['a Helm value is an Azure Storage connection string', (f: AnyFleet) => { f.apps[0].source.helm.values.storage = 'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Cg==;EndpointSuffix=core.windows.net'; }, 'apps[podinfo].source.helm.values.storage', 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Cg=='],
  ])('fails when %s, and never shows it', (_, breakIt, path, secret) => {
    const f = richTestFleet();
    breakIt(f);
    const p = problemAt(f, path);
    expect(p.message).toMatch(/^carries a credential/);
    expect(fleetProblems(f).filter((x) => x.path === path)).toHaveLength(1);
    expect(JSON.stringify(fleetProblems(f))).not.toContain(secret);
    expect(errorText(f)).not.toContain(secret);
    expect(errorText(f)).toContain('***');
  });

  test('a credential in an image mirror\'s address is refused with the nodes\' cloud identity as the way, not Argo CD\'s repository secret', () => {
    const f = richTestFleet();
    f.clusters[0].imageMirrors = { 'docker.io': 'https://robot:s3cr3tpassw0rd@registry.example.com/docker-hub' };
    const p = problemAt(f, 'clusters[t-mgmt].imageMirrors.docker.io');
    expect(p.message).toMatch(/^carries a credential/);
    expect(p.allowed).toMatch(/cloud identity/);
    expect(errorText(f)).not.toContain('s3cr3tpassw0rd');
  });

  test('fails when a Helm value under a key that always holds a secret (password, apiKey, …) is written literally, and never shows it', () => {
    const f = richTestFleet();
    f.apps[0].source.helm.values.auth = { password: 'hunter2hunter2', adminPassword: 'changeme' };
    f.apps[0].overrides['t-aws'].datadog = { 'api-key': 'f00dfeedf00dfeedf00dfeedf00dfeed' };
    expect(problemAt(f, 'apps[podinfo].source.helm.values.auth.password').message).toMatch(/^a literal password: secrets never belong in the fleet/);
    problemAt(f, 'apps[podinfo].source.helm.values.auth.adminPassword');
    problemAt(f, 'apps[podinfo].overrides[t-aws].datadog[api-key]');
    for (const secret of ['hunter2hunter2', 'changeme', 'f00dfeedf00dfeedf00dfeedf00dfeed']) expect(errorText(f)).not.toContain(secret);
  });

  test('ordinary configuration is no credential: names of Secrets and keys, references, certificates, commit ids', () => {
    const f = richTestFleet();
    f.apps[0].source.helm.values.auth = {
      existingSecret: 'podinfo-auth',
      passwordKey: 'password',
      secretKey: 'password',
      userPasswordKey: 'user-password',
      secretName: 'podinfo-tls',
      password: '<path:kv/data/podinfo#password>',
      apiKey: '${API_KEY}',
      token: 's.short',
    };
    f.apps[0].source.helm.values.ca = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
    f.apps[0].source.helm.values.image = { repository: 's.example.com/podinfo', tag: '3f2a9c1e8b7d6f5a4c3b2a1908f7e6d5c4b3a291' };
    f.apps[0].source.helm.values.description = 'tokens are issued by Vault (hvs. prefix)';
    expect(fleetProblems(f)).toEqual([]);
  });

  test('the redacted form keeps the host: https://***@charts.example.com', () => {
    const f = richTestFleet();
    f.apps[0].source.helm.repoURL = 'https://user:token@charts.example.com';
    expect(problemAt(f, 'apps[podinfo].source.helm.repoURL').given).toBe('"https://***@charts.example.com"');
  });

  test('an ssh URL with a plain user name is no credential', () => {
    const f = richTestFleet();
    f.gitops.repoURL = 'ssh://git@git.example.com/platform/gitops.git';
    expect(fleetProblems(f)).toEqual([]);
  });
});

describe('values that are not plain data, and cycles', () => {
  class Replicas {
    count = 2;
  }
  test.each([
    ['a Date', () => new Date(0), /^a Date is not plain data: it would be written as \{\}$/, 'a string: the date as ISO 8601 (date.toISOString())'],
    ['a Map', () => new Map([['a', 1]]), /^a Map is not plain data/, 'a plain object (Object.fromEntries(map))'],
    ['a Set', () => new Set([1, 2]), /^a Set is not plain data/, 'a list ([...set])'],
    ['a RegExp', () => /x/, /^a RegExp is not plain data/, 'a string (regexp.source)'],
    ['a typed array', () => new Uint8Array([1, 2]), /^a Uint8Array is not plain data: it would be written as an object keyed by index$/, 'strings, numbers, booleans, lists and plain objects'],
    ['a class instance', () => new Replicas(), /^an instance of class Replicas is not plain data/, 'strings, numbers, booleans, lists and plain objects'],
  ])('fails when a Helm value is %s, at its path, once', (_, value, message, allowed) => {
    const f = richTestFleet();
    f.apps[0].source.helm.values.when = value();
    const p = problemAt(f, 'apps[podinfo].source.helm.values.when');
    expect(p.message).toMatch(message);
    expect(p.allowed).toBe(allowed);
    expect(fleetProblems(f)).toHaveLength(1);
  });

  test('fails when cluster labels are a Map, at the labels, not also "the env label is required"', () => {
    const f = richTestFleet();
    cluster(f, 't-aws').labels = new Map([['env', 'test']]);
    expect(fleetProblems(f).map((p) => p.path)).toEqual(['clusters[t-aws].labels']);
  });

  test.each([
    ['a cluster label', (f: AnyFleet) => { cluster(f, 't-aws').labels.constructor = 'x'; }, 'clusters[t-aws].labels.constructor'],
    ['a Helm value', (f: AnyFleet) => { f.apps[1].source.git.values.image.constructor = { name: 'x' }; }, 'apps[checkout].source.git.values.image.constructor'],
    ['a per-cluster Helm value', (f: AnyFleet) => { f.apps[1].overrides = { 't-aws': { constructor: 1 } }; }, 'apps[checkout].overrides[t-aws].constructor'],
  ])('fails when %s is called "constructor", which cdk8s cannot write (an Application\'s valuesObject, the registration Secret\'s labels)', (_, breakIt, path) => {
    const f = richTestFleet();
    breakIt(f);
    expect(problemAt(f, path).message).toMatch(/^cdk8s cannot write an object with a field called "constructor"/);
    expect(fleetProblems(f)).toHaveLength(1);
  });

  test('fails when the fleet itself is a class instance, at "fleet", and an empty key shows as [""] in its path', () => {
    class Fleetish {
      name = 'acme';
    }
    expect(fleetProblems(new Fleetish()).map((p) => p.path)).toEqual(['fleet', 'gitops', 'clusters']);
    const f = richTestFleet();
    f[''] = 1;
    cluster(f, 't-aws').labels[''] = 'x';
    expect(fleetProblems(f).map((p) => p.path)).toEqual(['[""]', 'clusters[t-aws].labels[""]']);
  });

  test('an object without a prototype is plain data', () => {
    const f = richTestFleet();
    f.apps[0].source.helm.values = Object.assign(Object.create(null), { replicaCount: 2 });
    expect(fleetProblems(f)).toEqual([]);
  });

  test('fails when Helm values contain themselves, naming where the cycle closes, instead of overflowing the stack', () => {
    const f = richTestFleet();
    const values = f.apps[0].source.helm.values;
    values.nested = { back: values };
    expect(problemAt(f, 'apps[podinfo].source.helm.values.nested.back').message).toBe('refers back to apps[podinfo].source.helm.values, which contains it: no file can hold a value that contains itself');
    expect(() => resolveFleet(f)).toThrow(FleetError);
  });

  test('fails when a cluster contains itself through a known field', () => {
    const f = richTestFleet();
    const c = cluster(f, 't-aws');
    c.labels.self = c.labels;
    expect(problemAt(f, 'clusters[t-aws].labels.self').message).toMatch(/^refers back to clusters\[t-aws\]\.labels/);
  });

  test('one value shared by two places is no cycle', () => {
    const f = richTestFleet();
    const tolerations = [{ key: 'capacity', operator: 'Exists' }];
    f.apps[0].source.helm.values.tolerations = tolerations;
    f.apps[0].overrides['t-aws'].tolerations = tolerations;
    expect(fleetProblems(f)).toEqual([]);
  });
});

describe('values no check can read as text: problems at their path, never a stack trace', () => {
  // String() and template literals throw on these: a Symbol; an object whose toString is not a function (a
  // YAML or JSON `{ toString: x }`) or that has none (Object.create(null)).
  test('fails when a YAML fleet gives an object with a toString key where a cloud or a taint key belongs', () => {
    const yaml = `name: acme
gitops: { repoURL: https://git.example.com/acme/gitops.git }
clusters:
  - name: mgmt
    cloud: { toString: aws }
    region: us-west-2
    kubernetesVersion: "1.35"
    role: management
    labels: { env: prod }
    network: { nodeCidr: 10.0.0.0/16, podCidr: 100.64.0.0/16, serviceCidr: 172.20.0.0/16 }
    nodePools:
      - { name: system, machineType: m7i.large, minSize: 1, maxSize: 3, taints: [{ key: { toString: x }, value: y, effect: NoSchedule }] }
`;
    const f = parseFleetDocument(yaml, 'fleet.yaml');
    expect(fleetProblems(f).map((p) => [p.path, p.message, p.given])).toEqual([['clusters[mgmt].cloud', 'unknown cloud', '{"toString":"aws"}']]);
    const g = fullTestFleet();
    g.clusters[1].nodePools[1].taints[0].key = { toString: 'x' };
    expect(fleetProblems(g).map((p) => p.path)).toEqual(['clusters[aws-prod].nodePools[spot].taints[0].key']);
  });

  test('fails when a cloud is misspelt, once, at the cloud: not also "only applies to gcp clusters" for its project and control plane range', () => {
    const f = richTestFleet();
    cluster(f, 't-gcp').cloud = 'gpc';
    expect(fleetProblems(f).map((p) => `${p.path}: ${p.message}`)).toEqual(['clusters[t-gcp].cloud: unknown cloud; did you mean "gcp"?']);
  });

  test('fails when a name is a Symbol or an object without a prototype, at the name', () => {
    const f = fullTestFleet();
    f.meshServices[1].name = Symbol('podinfo');
    f.platform.globalDns.endpoints[0].members[0].role = Object.create(null);
    expect(() => prepareFleet(f)).toThrow(FleetError);
    expect(fleetProblems(f).map((p) => [p.path, p.given])).toEqual([['meshServices[1].name', 'Symbol(podinfo)']]);
    const addonProblems = fleetAddons(f).problems;
    expect(addonProblems.map((p) => p.path)).toEqual(['platform.globalDns.endpoints[podinfo].members[gcp-prod].role', 'platform.globalDns.endpoints[podinfo].members']);
  });

  test('fails when a getter of a TypeScript fleet throws, at its field, with its message', () => {
    const f = fullTestFleet();
    Object.defineProperty(f.clusters[1].nodePools[1], 'maxSize', { enumerable: true, get: () => { throw new Error('sizes not loaded'); } });
    expect(fleetProblems(f)).toEqual([{ path: 'clusters[aws-prod].nodePools[spot].maxSize', message: 'reading it threw (sizes not loaded): a getter that throws leaves no value to check or write; give the value itself' }]);
    const g = fullTestFleet();
    Object.defineProperty(g.platform.secrets, 'vault', { enumerable: true, get: () => { throw new Error('no vault'); } });
    expect(() => prepareFleet(g)).toThrow(/platform\.secrets\.vault: reading it threw \(no vault\)/);
  });

  // Every field of the test fleets, each way in turn: a FleetError whose every problem has a path; never another error.
  const UNREADABLE: [string, (parent: any, key: string | number) => void][] = [
    ['{ toString: x }', (parent, key) => { parent[key] = { toString: 'x' }; }],
    ['Object.create(null)', (parent, key) => { parent[key] = Object.create(null); }],
    ['a Symbol', (parent, key) => { parent[key] = Symbol('s'); }],
    ['a getter that throws', (parent, key) => { Object.defineProperty(parent, key, { enumerable: true, get: () => { throw new Error('boom'); } }); }],
  ];
  const fieldsOf = (value: unknown, at: (string | number)[] = []): (string | number)[][] =>
    value === null || typeof value !== 'object' ? [at] : [at, ...Object.entries(value).flatMap(([k, v]) => fieldsOf(v, [...at, Array.isArray(value) ? Number(k) : k]))];
  test.each([['the full test fleet', fullTestFleet], ['the rich test fleet', richTestFleet]])('every field of %s holding such a value is a fleet problem with a path', (_, make) => {
    const crashes: string[] = [];
    for (const field of fieldsOf(make()).filter((f) => f.length > 0)) {
      for (const [what, put] of UNREADABLE) {
        const f = make();
        put(field.slice(0, -1).reduce((o: any, k) => o[k], f), field[field.length - 1]);
        try {
          prepareFleet(f); // Helm values take any object, and an empty one is an optional field left out
        } catch (e) {
          if (!(e instanceof FleetError) || e.problems.some((p) => !p.path)) crashes.push(`${field.join('.')} = ${what}: ${(e as Error).message}`);
          else if (what === 'a getter that throws' && !e.problems.some((p) => p.message.startsWith('reading it threw (boom)'))) crashes.push(`${field.join('.')}: the getter is not named: ${e.message}`);
        }
      }
    }
    expect(crashes).toEqual([]);
  });
});

describe('text that reads as a placeholder, at the field that holds it', () => {
  test.each([
    ['a cluster label is "undefined"', (f: AnyFleet) => { cluster(f, 't-aws').labels.team = 'undefined'; }, 'clusters[t-aws].labels.team', /^label value reads as a placeholder/],
    ['a node label is "NaN"', (f: AnyFleet) => { cluster(f, 't-aws').nodePools[0].labels = { 'node-role': 'NaN' }; }, 'clusters[t-aws].nodePools[system].labels.node-role', /^label value reads as a placeholder/],
    ['an app\'s label selector is "null"', (f: AnyFleet) => { f.apps[1].clusters.matchLabels.team = 'null'; }, 'apps[checkout].clusters.matchLabels.team', /^label value reads as a placeholder/],
    ['a Helm value is "undefined"', (f: AnyFleet) => { f.apps[0].source.helm.values.x = 'undefined'; }, 'apps[podinfo].source.helm.values.x', /^reads as a placeholder/],
    ['a per-cluster Helm value holds "NaN"', (f: AnyFleet) => { f.apps[0].overrides['t-aws'].ratio = 'NaN'; }, 'apps[podinfo].overrides[t-aws].ratio', /^reads as a placeholder/],
    // Fields without a check of their own: the output check would refuse them at a generated file's path instead.
    ['gitops.targetRevision is "undefined"', (f: AnyFleet) => { f.gitops.targetRevision = 'undefined'; }, 'gitops.targetRevision', /^reads as a placeholder/],
    ['a node pool is named "null"', (f: AnyFleet) => { cluster(f, 't-gcp').nodePools[0].name = 'null'; }, 'clusters[t-gcp].nodePools[null].name', /^reads as a placeholder/],
    ['an app\'s namespace is "undefined"', (f: AnyFleet) => { f.apps[0].namespace = 'undefined'; }, 'apps[podinfo].namespace', /^reads as a placeholder/],
    ['the mesh\'s trust domain is "undefined"', (f: AnyFleet) => { f.mesh.trustDomain = 'undefined'; }, 'mesh.trustDomain', /^reads as a placeholder/],
    ['a state key prefix is a cdktf token', (f: AnyFleet) => { f.stateBackend.keyPrefix = Token.asString(Lazy.stringValue({ produce: () => 'x/' })); }, 'stateBackend.keyPrefix', /^holds a cdktf token/],
    ['a Helm value is blank', (f: AnyFleet) => { f.apps[0].source.helm.values.x = ' \t'; }, 'apps[podinfo].source.helm.values.x', /^null, empty, blank and non-finite values are not written/],
    ['a Helm value\'s key is "undefined"', (f: AnyFleet) => { f.apps[0].source.helm.values.undefined = 1; }, 'apps[podinfo].source.helm.values.undefined', /^this key reads as a placeholder/],
    // cdk8s writes a cdktf token's text as it is (only a Terraform stack resolves it): "${TfToken[TOKEN.7]}" in the ApplicationSet.
    ['a Helm value is a cdktf token', (f: AnyFleet) => { f.apps[0].source.helm.values.x = `note ${Token.asString(Lazy.stringValue({ produce: () => 'x' }))}`; }, 'apps[podinfo].source.helm.values.x', /^holds a cdktf token/],
    // A number token is a double that cdk8s writes as a number (about -8.1e298): cdktf 0.21 encoding.js DOUBLE_TOKEN_MARKER_BITS.
    ['a Helm value is a cdktf number token', (f: AnyFleet) => { f.apps[0].source.helm.values.replicas = Token.asNumber(Lazy.numberValue({ produce: () => 2 })); }, 'apps[podinfo].source.helm.values.replicas', /^holds a cdktf token/],
  ])('fails when %s', (_, breakIt, path, message) => {
    const f = richTestFleet();
    breakIt(f);
    expect(problemAt(f, path).message).toMatch(message);
  });
});

describe('what was given, shown as written', () => {
  test.each([
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [BigInt(20), '20n (a BigInt)'],
  ])('fails when maxSize is %p, showing it as %s (JSON would say null)', (value, shown) => {
    const f = richTestFleet();
    cluster(f, 't-aws').nodePools[0].maxSize = value;
    expect(problemAt(f, 'clusters[t-aws].nodePools[system].maxSize').given).toBe(shown);
  });

  test('fails when a Helm value is NaN or a BigInt, showing it as written', () => {
    const f = richTestFleet();
    f.apps[0].source.helm.values.replicaCount = NaN;
    f.apps[0].source.helm.values.big = BigInt(20);
    expect(problemAt(f, 'apps[podinfo].source.helm.values.replicaCount').given).toBe('NaN');
    expect(problemAt(f, 'apps[podinfo].source.helm.values.big').given).toBe('20n (a BigInt)');
  });

  test('a value inside a list or object is shown as written too, secrets under secret keys masked', () => {
    const f = richTestFleet();
    f.apps[0].source = { helm: f.apps[0].source.helm, git: { path: 'x', values: { n: NaN, password: 'hunter2hunter2' } } };
    const p = problemAt(f, 'apps[podinfo].source');
    expect(p.given).toContain('"n":NaN');
    expect(p.given).toContain('"password":"***"');
  });
});

describe('holes in lists', () => {
  test.each([
    ['clusters', (f: AnyFleet) => { f.clusters = [f.clusters[0], , ...f.clusters.slice(1)]; }, 'clusters[1]'],
    ['Helm values', (f: AnyFleet) => { f.apps[0].source.helm.values.tolerations = [{ key: 'a', operator: 'Exists' }, , { key: 'b', operator: 'Exists' }]; }, 'apps[podinfo].source.helm.values.tolerations[1]'],
    ['zones', (f: AnyFleet) => { cluster(f, 't-aws').zones = ['eu-west-1a', , 'eu-west-1b']; }, 'clusters[t-aws].zones[1]'],
    ['node pools', (f: AnyFleet) => { cluster(f, 't-aws').nodePools = [, cluster(f, 't-aws').nodePools[0]]; }, 'clusters[t-aws].nodePools[0]'],
    ['mesh endpoints', (f: AnyFleet) => { f.meshServices[0].endpoints.length = 3; }, 'meshServices[api].endpoints[2]'],
  ])('fails when there is a hole in %s, naming its position', (_, breakIt, path) => {
    const f = richTestFleet();
    // eslint-disable-next-line no-sparse-arrays
    breakIt(f);
    expect(problemAt(f, path).message).toMatch(/^a hole in the list/);
    expect(() => resolveFleet(f)).toThrow(FleetError);
  });
});

describe('order-independence: ties that would make bytes depend on definition order', () => {
  test('fails when two mesh endpoints have the same address in one locality', () => {
    const f = richTestFleet();
    f.meshServices[0].endpoints.push({ address: 'api.t-aws.internal.example.com', cluster: 't-aws', weight: 10 });
    expect(problemAt(f, 'meshServices[api].endpoints[2].address').message).toBe('endpoint 0 has the same address in the same locality (eu-west-1)');
  });

  test('fails when two ports of a mesh service have the same number', () => {
    const f = richTestFleet();
    f.meshServices[0].ports[1].number = 443;
    expect(problemAt(f, 'meshServices[api].ports[grpc].number').message).toBe('another port of this service has this number');
  });

  test('fails when two taints have the same key and effect', () => {
    const f = richTestFleet();
    cluster(f, 't-aws').nodePools[0].taints = [{ key: 'a', value: '1', effect: 'NoSchedule' }, { key: 'a', value: '2', effect: 'NoSchedule' }];
    expect(problemAt(f, 'clusters[t-aws].nodePools[system].taints[1]').message).toBe('same key and effect as taint 0');
  });
});

describe('Application names have one owner', () => {
  test.each(['platform', 'istiod', 'istio-base', 'istio-cni', 'istio-eastwest', 'bootstrap'])('fails when an app is named %s: its Applications would be synth\'s own', (name) => {
    const f = richTestFleet();
    f.apps[0].name = name;
    const p = problemAt(f, `apps[${name}].name`);
    expect(p.message).toMatch(new RegExp(`^its Application on t-\\w+ would be "t-\\w+-${name}", already synth's ${name} Application of cluster t-\\w+$`));
  });

  test('fails when an app\'s Application is another cluster\'s own', () => {
    const f = richTestFleet();
    // cluster "t" + app "aws-istiod" = "t-aws-istiod", the istiod Application of cluster "t-aws".
    f.clusters.push({ ...cluster(f, 't-aws'), name: 't', network: { nodeCidr: '10.200.0.0/16', podCidr: '10.201.0.0/16', serviceCidr: '172.30.0.0/16' } });
    f.apps[0].name = 'aws-istiod';
    expect(problemAt(f, 'apps[aws-istiod].name').message).toBe('its Application on t would be "t-aws-istiod", already synth\'s istiod Application of cluster t-aws');
  });
});

describe('values the clouds or Kubernetes would refuse later', () => {
  test('fails when an app\'s namespace is longer than 63 characters, at the app (the Application\'s own check named no field of the fleet)', () => {
    const f = richTestFleet();
    f.apps[0].namespace = `podinfo-${'x'.repeat(56)}`;
    expect(problemAt(f, 'apps[podinfo].namespace').message).toBe('must be a DNS-1123 label of at most 63 characters');
    f.apps[0].namespace = `podinfo-${'x'.repeat(55)}`;
    expect(fleetProblems(f)).toEqual([]);
  });

  test('fails when a CIDR has leading zeros, giving the canonical form', () => {
    const f = richTestFleet();
    cluster(f, 't-aws').network.nodeCidr = '10.016.0.0/16';
    expect(problemAt(f, 'clusters[t-aws].network.nodeCidr').message).toBe('invalid CIDR: has a leading zero (write 10.16.0.0/16)');
  });

  test('fails when a node label is in the kubernetes.io namespace (the nodes would never join)', () => {
    const f = richTestFleet();
    // On GKE: on EKS node.kubernetes.io/ is refused too (lib/fleet/validate-eks-node-groups.test.ts).
    cluster(f, 't-gcp').nodePools[0].labels = { 'kubernetes.io/role': 'system', 'node.kubernetes.io/pool': 'system' };
    expect(problemAt(f, 'clusters[t-gcp].nodePools[system].labels[kubernetes.io/role]').message).toMatch(/^the kubernetes\.io and k8s\.io label namespaces are reserved/);
    expect(fleetProblems(f).map((p) => p.path)).not.toContain('clusters[t-gcp].nodePools[system].labels[node.kubernetes.io/pool]');
  });

  test('fails when an AKS node label is in the kubernetes.azure.com namespace (AKS refuses the pool), and only on AKS', () => {
    const f = richTestFleet();
    cluster(f, 't-azure').nodePools[0].labels = { 'kubernetes.azure.com/mode': 'system', 'example.com/pool': 'system' };
    cluster(f, 't-aws').nodePools[0].labels = { 'kubernetes.azure.com/mode': 'system' };
    expect(problemAt(f, 'clusters[t-azure].nodePools[system].labels[kubernetes.azure.com/mode]').message).toMatch(/^the kubernetes\.azure\.com\/ label namespace is reserved to AKS/);
    const paths = fleetProblems(f).map((p) => p.path);
    expect(paths).not.toContain('clusters[t-azure].nodePools[system].labels[example.com/pool]');
    expect(paths).not.toContain('clusters[t-aws].nodePools[system].labels[kubernetes.azure.com/mode]');
  });

  test('fails when a GKE node label is in the cloud.google.com or gke.io namespaces (GKE refuses the pool), and only on GKE', () => {
    const f = richTestFleet();
    cluster(f, 't-gcp').nodePools[0].labels = { 'cloud.google.com/compute-class': 'batch', 'sandbox.gke.io/runtime': 'gvisor', 'example.com/pool': 'system' };
    cluster(f, 't-aws').nodePools[0].labels = { 'cloud.google.com/compute-class': 'batch' };
    for (const key of ['cloud.google.com/compute-class', 'sandbox.gke.io/runtime']) {
      expect(problemAt(f, `clusters[t-gcp].nodePools[system].labels[${key}]`).message).toMatch(/^the (cloud\.google\.com|gke\.io)\/ label namespace is GKE's/);
    }
    const paths = fleetProblems(f).map((p) => p.path);
    expect(paths).not.toContain('clusters[t-gcp].nodePools[system].labels[example.com/pool]');
    expect(paths).not.toContain('clusters[t-aws].nodePools[system].labels[cloud.google.com/compute-class]');
  });

  test('fails when a cluster label is in the fleetsynth.io namespace (the registration would overwrite it)', () => {
    const f = richTestFleet();
    cluster(f, 't-aws').labels['fleetsynth.io/cloud'] = 'mine';
    expect(problemAt(f, 'clusters[t-aws].labels[fleetsynth.io/cloud]').message).toMatch(/^the fleetsynth\.io\/ label namespace is reserved/);
  });

  test.each([
    ['an S3 bucket name has capitals and "_"', { type: 's3', bucket: 'Acme_State', region: 'eu-west-1' }, 'stateBackend.bucket'],
    ['an S3 bucket name looks like an IP address', { type: 's3', bucket: '192.168.5.4', region: 'eu-west-1' }, 'stateBackend.bucket'],
    ['an Azure storage account name has hyphens', { type: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'acme-tf-state', containerName: 'tfstate' }, 'stateBackend.storageAccountName'],
    ['an Azure blob container name has "--"', { type: 'azurerm', resourceGroupName: 'tfstate', storageAccountName: 'acmetfstate', containerName: 'tf--state' }, 'stateBackend.containerName'],
    ['a GCS bucket name contains google', { type: 'gcs', bucket: 'google-state' }, 'stateBackend.bucket'],
  ])('fails when %s', (_, backend, path) => {
    const f = richTestFleet();
    f.stateBackend = backend;
    problemAt(f, path);
  });

  test('fails when an S3 backend region is misspelled, suggesting the region', () => {
    const f = richTestFleet();
    f.stateBackend.region = 'eu-wset-1';
    expect(problemAt(f, 'stateBackend.region').message).toBe('unknown AWS region; did you mean "eu-west-1"?');
  });

  test('fails when a failover order names a cloud no endpoint is on (it would be dropped)', () => {
    const f = richTestFleet();
    f.meshServices[0].failover.order = ['gcp', 'aws', 'azure'];
    expect(problemAt(f, 'meshServices[api].failover.order').message).toBe('names clouds that do not serve it: azure (traffic cannot fail over to them)');
  });
});

describe('Terraform outputs', () => {
  const pem = (body: string) => Buffer.from(body).toString('base64');
  const outputs = (ca: string, identity = 'arn:aws:iam::111122223333:role/t-aws-argocd') => ({
    cluster_name: { value: 't-aws' },
    cluster_endpoint: { value: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com' },
    cluster_ca_certificate: { value: ca },
    oidc_issuer_url: { value: 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC' },
    argocd_identity: { value: identity },
  });

  test('accepts a base64 PEM certificate', () => {
    expect(Array.isArray(parseTerraformOutputs(outputs(pem('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')), 'terraform-outputs/t-aws.json', { cloud: 'aws' }))).toBe(false);
  });

  test('fails when the CA output holds a private key, naming file and output, never showing the key', () => {
    const key = pem('-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretkeymaterial\n-----END RSA PRIVATE KEY-----\n');
    const problems = parseTerraformOutputs(outputs(key), 'terraform-outputs/t-aws.json', { cloud: 'aws' }) as Problem[];
    expect(problems.map((p) => p.path)).toEqual(['terraform-outputs/t-aws.json: cluster_ca_certificate.value']);
    expect(problems[0].message).toMatch(/^holds a private key/);
    expect(JSON.stringify(problems)).not.toContain(key);
  });

  test('fails when the CA output is not a certificate', () => {
    const problems = parseTerraformOutputs(outputs(pem('hello')), 'terraform-outputs/t-aws.json', { cloud: 'aws' }) as Problem[];
    expect(problems.map((p) => p.path)).toEqual(['terraform-outputs/t-aws.json: cluster_ca_certificate.value']);
  });

  test('fails when the Argo CD identity is not the cloud\'s kind of identity, naming file and output', () => {
    const ca = pem('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const problems = parseTerraformOutputs(outputs(ca, 't-aws-argocd@proj.iam.gserviceaccount.com'), 'terraform-outputs/t-aws.json', { cloud: 'aws' }) as Problem[];
    expect(problems.map((p) => p.path)).toEqual(['terraform-outputs/t-aws.json: argocd_identity.value']);
  });
});

describe('YAML written as YAML 1.1 or by hand', () => {
  const yamlFleet = (edit: (text: string) => string) => parseFleetDocument(edit(require('yaml').stringify(richTestFleet())), 'fleet.yaml');

  test('fails when a merge key (<<: *anchor) is used, saying YAML 1.2 has none, once per place', () => {
    const f = yamlFleet((text) => text.replace(/labels:\n(\s+)env: test\n/, (all, indent) => `${all}${indent}<<: { team: a }\n`));
    const problems = fleetProblems(f).filter((p) => p.path.includes('<<'));
    expect(problems).toEqual([expect.objectContaining({ path: 'clusters[t-mgmt].labels[<<]', message: 'a YAML merge key (<<: *anchor): YAML 1.2 has none, so it is read as a field called "<<"' })]);
  });

  test('fails when an account id is an unquoted number, saying to quote it', () => {
    const f = richTestFleet();
    cluster(f, 't-aws').accountId = 11122223333;
    expect(problemAt(f, 'clusters[t-aws].accountId').message).toBe('invalid; write it as a string (quoted): a number loses leading zeros');
  });
});

describe('the CLI reads JSON and YAML fleets', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadFleet } = require('../lib/cli') as typeof import('../lib/cli');

  test('a YAML fleet file loads as data and validates like a TypeScript one', () => {
    const dir = require('./tree').tempDir() as string;
    const file = require('path').join(dir, 'fleet.yaml') as string;
    const f = richTestFleet();
    f.clusters[1].kubernetesVersoin = false;
    require('fs').writeFileSync(file, `# yaml-language-server: $schema=../schema/fleet.schema.json\n${require('yaml').stringify(f)}`);
    expect(problemAt(loadFleet(file), 'clusters[t-aws].kubernetesVersoin').message).toBe('unknown field; did you mean "kubernetesVersion"?');
  });
});

describe('the mesh\'s names, as Istio and Kubernetes take them', () => {
  test.each([
    // istiod validates its mesh config at start: each part of a trust domain a DNS-1123 label (ValidateTrustDomain).
    ['the trust domain has a part over 63 characters', (f: AnyFleet) => { f.mesh.trustDomain = `${'a'.repeat(64)}.example`; }, 'mesh.trustDomain'],
    ['a trust domain alias has a part over 63 characters', (f: AnyFleet) => { f.mesh.trustDomainAliases = [`${'b'.repeat(64)}.example`]; }, 'mesh.trustDomainAliases[0]'],
    // The mesh ID is a label value of every cluster's Istio installation.
    ['the mesh ID is over 63 characters', (f: AnyFleet) => { f.mesh.meshID = 'm'.repeat(64); }, 'mesh.meshID'],
  ])('fails when %s', (_, breakIt, path) => {
    const f = richTestFleet();
    breakIt(f);
    expect(problemAt(f, path).message).toMatch(/at most 63 characters/);
  });

  test('63-character parts pass', () => {
    const f = richTestFleet();
    f.mesh.trustDomain = `${'a'.repeat(63)}.example`;
    f.mesh.meshID = 'm'.repeat(63);
    expect(fleetProblems(f).filter((p) => p.path.startsWith('mesh'))).toEqual([]);
  });
});

describe('invisible characters, at the field that holds them (lib/fleet/invisible-characters.ts)', () => {
  /** Every string of a fleet, as the keys that lead to it. */
  const strings = (v: unknown, at: string[] = []): string[][] =>
    typeof v === 'string' ? [at] : typeof v === 'object' && v !== null ? Object.entries(v).flatMap(([k, x]) => strings(x, [...at, k])) : [];
  const setAt = (f: any, keys: string[], change: (s: string) => string) => {
    const parent = keys.slice(0, -1).reduce((o, k) => o[k], f);
    parent[keys[keys.length - 1]] = change(parent[keys[keys.length - 1]]);
  };
  const insert = (ch: string) => (s: string) => `${s.slice(0, 2)}${ch}${s.slice(2)}`;
  const invisibleProblems = (f: unknown) => {
    try {
      prepareFleet(f);
    } catch (e) {
      if (!(e instanceof FleetError)) throw e;
      return e.problems.filter((p) => /^(this key )?holds an invisible character/.test(p.message));
    }
    return [];
  };

  // The richest test fleet: every platform service's settings, a Helm app with values, a git app, mesh services.
  test.each([
    ['a right-to-left override (refused in free text too)', '\u202e', 'U+202E'],
    ['a DEL (which go-yaml refuses in a whole file)', '\u007f', 'U+007F'],
  ])('fails when any string of the fleet holds %s, at that string\'s field', (_, ch, code) => {
    const missed: string[] = [];
    for (const keys of strings(fullTestFleet())) {
      const f = fullTestFleet();
      setAt(f, keys, insert(ch));
      const found = invisibleProblems(f);
      if (found.length !== 1 || !found[0].message.includes(code) || !found[0].given?.includes(`\\u${code.slice(2).toLowerCase()}`)) missed.push(keys.join('.'));
    }
    expect(missed).toEqual([]);
  });

  test('fails when any name, URL, path or setting holds a zero-width joiner; Helm values, which are text, may (emoji, Indic scripts)', () => {
    const missed: string[] = [];
    for (const keys of strings(fullTestFleet())) {
      const f = fullTestFleet();
      setAt(f, keys, insert('\u200d'));
      const inValues = keys.includes('values') || keys[2] === 'overrides';
      if (invisibleProblems(f).length !== (inValues ? 0 : 1)) missed.push(keys.join('.'));
    }
    expect(missed).toEqual([]);
  });

  test.each([
    ['the GitOps repository URL', (f: AnyFleet) => { f.gitops.repoURL = 'https://github.com/acme/gi\u202etops.git'; }, 'gitops.repoURL', 'U+202E (RIGHT-TO-LEFT OVERRIDE) at character 27', '"https://github.com/acme/gitops.git"'],
    ['an app\'s git path', (f: AnyFleet) => { f.apps[1].source.git.path = 'apps/\u200bcheckout'; }, 'apps[checkout].source.git.path', 'U+200B (ZERO WIDTH SPACE) at character 6', '"apps/checkout"'],
    ['a Helm repository URL, with a trailing line feed', (f: AnyFleet) => { f.apps[0].source.helm.repoURL += '\n'; }, 'apps[podinfo].source.helm.repoURL', 'U+000A (LINE FEED) at character 39', '"https://stefanprodan.github.io/podinfo"'],
    ['a Helm value\'s key', (f: AnyFleet) => { f.apps[0].source.helm.values['replica\u200bCount'] = 2; }, 'apps[podinfo].source.helm.values[replica\\u200bCount]', 'U+200B (ZERO WIDTH SPACE) at character 8', '"replicaCount"'],
    ['a cluster\'s name (the path shows it escaped)', (f: AnyFleet) => { cluster(f, 't-gcp').name = 't-\u2066gcp'; }, 'clusters[t-\\u2066gcp].name', 'U+2066 (LEFT-TO-RIGHT ISOLATE) at character 3', '"t-gcp"'],
  ])('fails when %s holds one, naming the character and suggesting the value without it', (_, breakIt, path, named, suggested) => {
    const f = richTestFleet();
    breakIt(f);
    const problem = problemAt(f, path);
    expect(problem.message).toMatch(new RegExp(`holds an invisible character, ${named.replace(/[+()]/g, '\\$&')}`));
    expect(problem.allowed).toBe(`visible characters only: ${suggested}, if that is what was meant`);
    expect(fleetProblems(f).filter((p) => p.path === path)).toHaveLength(1);
  });

  // A key in Helm values is text as the values are: YAML takes any printable character in a key (go-yaml
  // yamlprivateh.go is_printable), and these are what the values keep (emoji sequences, Persian, Indic scripts).
  test('a Helm value\'s key keeps the joiners and marks real text has, in values and overrides; a cluster name of the overrides does not', () => {
    const f = richTestFleet();
    const family = '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}';
    f.apps[0].source.helm.values.greetings = { [family]: 'hi', ['\u062e\u0648\u0634\u200c\u0622\u0645\u062f\u06cc\u062f']: 'salam', ['\u05e9\u05dc\u05d5\u05dd\u200f']: 'shalom' };
    f.apps[1].source.git.values[`\u0915\u094d\u200d\u0937`] = 1;
    f.apps[0].overrides = { 't-gcp': { [family]: 'hi' } };
    expect(fleetProblems(f)).toEqual([]);
    f.apps[0].overrides['t-\u200dgcp'] = {};
    expect(problemAt(f, 'apps[podinfo].overrides[t-\\u200dgcp]').message).toMatch(/^this key holds an invisible character, U\+200D/);
  });

  test('a Helm value keeps its line breaks and tabs', () => {
    const f = richTestFleet();
    f.apps[0].source.helm.values.config = 'a:\n\tb: 1\r\n';
    expect(fleetProblems(f)).toEqual([]);
  });
});

describe('a cdktf number token in a number field', () => {
  // Token.asNumber is a double whose top 16 bits mark it (cdktf 0.21 lib/tokens/private/encoding.js): about -8.1e298,
  // and -1.9e289 in a list. A range check would say "must be 1 to 1000" of it; the token is the mistake.
  const token = () => Token.asNumber(Lazy.numberValue({ produce: () => 3 }));
  test.each([
    ['a node pool\'s maxSize', (f: AnyFleet, n: number) => { cluster(f, 't-aws').nodePools[0].maxSize = n; }, 'clusters[t-aws].nodePools[system].maxSize'],
    ['a node pool\'s diskSizeGb', (f: AnyFleet, n: number) => { cluster(f, 't-gcp').nodePools[0].diskSizeGb = n; }, 'clusters[t-gcp].nodePools[system].diskSizeGb'],
    ['a mesh service\'s port', (f: AnyFleet, n: number) => { f.meshServices[0].ports[0].number = n; }, 'meshServices[api].ports[https].number'],
    ['an endpoint\'s weight', (f: AnyFleet, n: number) => { f.meshServices[0].endpoints[1].weight = n; }, 'meshServices[api].endpoints[1].weight'],
  ])('fails when %s is one, saying so instead of its range', (_, breakIt, path) => {
    const f = richTestFleet();
    breakIt(f, token());
    const problems = fleetProblems(f).filter((p) => p.path === path);
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^holds a cdktf token/)]);
  });

  test('fails when an element of Token.asNumberList is given, as in a list', () => {
    const f = richTestFleet();
    cluster(f, 't-aws').nodePools[0].minSize = Token.asNumberList(Lazy.listValue({ produce: () => ['1'] }))[0];
    expect(problemAt(f, 'clusters[t-aws].nodePools[system].minSize').message).toMatch(/^holds a cdktf token/);
  });

  test('fails when an add-on\'s number setting is one', () => {
    const f = fullTestFleet();
    f.platform.interconnect.clusters['aws-prod'].asn = token();
    const problems = (() => {
      try {
        prepareFleet(f);
        return [];
      } catch (e) {
        return (e as FleetError).problems.filter((p) => p.path.includes('aws-prod') && p.path.endsWith('asn'));
      }
    })();
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^holds a cdktf token/)]);
  });
});

describe('an AWS identity that IAM cannot have (lib/fleet/aws-iam-role-arn.ts)', () => {
  const identityProblem = (identity: string) => {
    const f = fullTestFleet();
    f.platform.observability.storage.identity = identity;
    try {
      prepareFleet(f);
    } catch (e) {
      return (e as FleetError).problems.find((p) => p.path === 'platform.observability.storage.identity');
    }
    return undefined;
  };

  test.each([
    ['path is "//"', 'arn:aws:iam::123456789012:role//mimir', 'has the role path "//", which IAM does not allow'],
    ['name is missing after the path', 'arn:aws:iam::123456789012:role/observability/', 'has no role name after the last "/"'],
    ['name is longer than 64 characters', `arn:aws:iam::123456789012:role/${'m'.repeat(65)}`, 'which IAM does not allow: 1-64'],
  ])('fails when the storage identity\'s role %s, saying which part', (_, identity, reason) => {
    const problem = identityProblem(identity);
    expect(problem?.message).toMatch(/^must be the identity of the management cluster's cloud \(aws\): it /);
    expect(problem?.message).toContain(reason);
    expect(problem?.allowed).toMatch(/^an IAM role ARN/);
  });

  test('a role under a long path is accepted: the path counts apart from the name\'s 64 characters', () => {
    expect(identityProblem(`arn:aws:iam::123456789012:role/platform/observability/${'m'.repeat(64)}`)).toBeUndefined();
  });
});
