import * as fs from 'fs';
import * as path from 'path';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { FleetAddon } from '../lib/addons';
import { FleetError } from '../lib/fleet';
import { defaultDeny } from '../examples/addons/default-deny';
import { reports } from '../examples/addons/reports';
import { AwsProvider, S3Bucket } from '../lib/infra/providers/aws';
import { synth } from '../lib/synth';
import { fakeOutputs, outputsFolder, testCluster, testFleet } from './fleets';
import { readTree, tempDir } from './tree';

/*
 * Users' own add-ons go through the same interface as the built-in platform services: their objects
 * are schema-checked, land in the cluster folders and are applied by the same Argo CD Applications.
 * The first two add-ons here are the README's examples.
 */

const denyIngressEverywhere = defaultDeny;
const reportsOnAws = reports('t-aws', 'acme-reports-t-aws');

const withAddons = (addons: unknown[]) => ({ ...testFleet(), addons }) as any;
const errorOf = (fn: () => unknown): FleetError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof FleetError) return e;
    throw e;
  }
  throw new Error('expected a FleetError');
};

describe('add-ons', () => {
  const fleet = withAddons([denyIngressEverywhere, reportsOnAws]);
  const out = path.join(tempDir(), 'dist');
  const outputs = outputsFolder(fakeOutputs(fleet));
  synth(fleet, { outDir: out, outputsDir: outputs });
  const tree = readTree(out);

  test('an add-on\'s object lands in each cluster\'s folder, in the path of its namespace and kind, and is indexed', () => {
    for (const [cloud, name] of [['aws', 't-aws'], ['gcp', 't-gcp'], ['azure', 't-azure']]) {
      const file = `k8s/${cloud}/${name}/default/networkpolicy.networking.k8s.io_default-deny-ingress.yaml`;
      expect(tree[file]).toContain('kind: NetworkPolicy');
      expect(JSON.parse(tree['fleetsynth-index.json']).files[file]).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(Object.keys(tree).filter((f) => f.includes('networkpolicy') && f.includes('t-mgmt'))).toEqual([]);
  });

  test('the cluster\'s platform Application applies it: its folder is that Application\'s source, not excluded', () => {
    const app = tree['k8s/aws/t-mgmt/argocd/clusters/t-gcp/application.argoproj.io_t-gcp-platform.yaml'];
    expect(app).toContain('path: dist/k8s/gcp/t-gcp\n');
    expect(app).toContain('exclude: _bootstrap/*\n');
  });

  test('a cdk8s-plus Deployment and a Terraform resource in one cluster\'s stack', () => {
    expect(tree['k8s/aws/t-aws/default/deployment.apps_reports.yaml']).toContain('image: ghcr.io/acme/reports:1.4.2');
    expect(Object.keys(tree).filter((f) => f.includes('deployment.apps_reports'))).toEqual(['k8s/aws/t-aws/default/deployment.apps_reports.yaml']);
    const stack = JSON.parse(tree['terraform/stacks/t-aws/cdk.tf.json']);
    expect(Object.values(stack.resource.aws_s3_bucket)).toEqual([expect.objectContaining({ bucket: 'acme-reports-t-aws' })]);
    expect(JSON.parse(tree['terraform/stacks/t-gcp/cdk.tf.json']).resource.aws_s3_bucket).toBeUndefined();
  });

  test('fails when an add-on\'s object breaks its schema, naming the add-on, the object and the field; nothing is written', () => {
    const broken: FleetAddon = {
      name: 'broken',
      manifests(scope: Construct, { cluster }) {
        if (cluster.name === 't-gcp') new ApiObject(scope, 'p', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'x', namespace: 'default' }, spec: { podSelector: {}, policyTypes: ['Ingress'], podSelecter: { matchLabels: { app: 'x' } } } });
      },
    };
    const before = readTree(out);
    const error = errorOf(() => synth(withAddons([denyIngressEverywhere, reportsOnAws, broken]), { outDir: out, outputsDir: outputs }));
    expect(error.problems).toEqual([expect.objectContaining({ path: 'k8s/gcp/t-gcp/default/networkpolicy.networking.k8s.io_x.yaml: spec.podSelecter', message: expect.stringMatching(/NetworkPolicy default\/x: unknown field.*\(add-on broken\)$/) })]);
    expect(readTree(out)).toEqual(before);
  });

  test('fails when an add-on writes a placeholder or a kind with no upstream schema, naming the add-on', () => {
    const sloppy: FleetAddon = {
      name: 'sloppy',
      manifests(scope, { cluster }) {
        if (cluster.name !== 't-azure') return;
        new ApiObject(scope, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { endpoint: 'undefined' } });
        new ApiObject(scope, 'w', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } });
      },
    };
    const error = errorOf(() => synth(withAddons([sloppy]), { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs }));
    expect(error.problems.map((p) => [p.path, p.message.endsWith('(add-on sloppy)')])).toEqual([['k8s/azure/t-azure/default/configmap_c.yaml: data.endpoint', true]]);
    const schema = errorOf(() => synth(withAddons([{ ...sloppy, manifests: (s: Construct, c: any) => c.cluster.name === 't-azure' && new ApiObject(s, 'w', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } }) }]), { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs }));
    expect(schema.problems[0].message).toMatch(/no upstream schema for example.com\/v1\/Widget.*\(add-on sloppy\)/);
  });

  test('fails when an add-on is listed wrongly, reporting every problem with its path at once, with the core\'s', () => {
    const f = withAddons([{ name: 'Bad Name' }, { name: 'x', manifest: () => undefined }, { name: 'y', manifests: 'not a function' }, denyIngressEverywhere, denyIngressEverywhere]);
    f.name = 'Bad Fleet';
    const error = errorOf(() => synth(f, { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs }));
    expect(error.problems.map((p) => p.path)).toEqual(['name', 'addons[Bad Name].name', 'addons[x].manifest', 'addons[y].manifests', 'addons[default-deny].name']);
  });

  test('fails when an add-on takes the name of a built-in service that is off, at its name (the guards tell that platform.secrets is on by the name "secrets")', () => {
    const error = errorOf(() => synth(withAddons([{ name: 'secrets' }, { name: 'global-dns' }]), { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs }));
    expect(error.problems.map((p) => [p.path, p.message])).toEqual([
      ['addons[secrets].name', 'is the name of the built-in service platform.secrets, which is off: synth would take this add-on for it'],
      ['addons[global-dns].name', 'is the name of the built-in service platform.globalDns, which is off: synth would take this add-on for it'],
    ]);
  });

  test('an add-on validates its own settings; its problems come with the fleet\'s, and nothing is written', () => {
    const picky: FleetAddon = { name: 'picky', validate: (f) => (Array.isArray(f.clusters) && f.clusters.length > 3 ? [{ path: 'addons[picky]', message: 'wants at most 3 clusters', given: String((f.clusters as unknown[]).length), allowed: '1 to 3' }] : []) };
    const dir = path.join(tempDir(), 'dist');
    const error = errorOf(() => synth(withAddons([picky]), { outDir: dir, outputsDir: outputs }));
    expect(error.problems).toEqual([{ path: 'addons[picky]', message: 'wants at most 3 clusters', given: '4', allowed: '1 to 3' }]);
    expect(fs.existsSync(dir)).toBe(false);
  });

  test('an add-on\'s fleet-wide stack gets its own folder and state key; one that waits for outputs is held back and listed', () => {
    const dns: FleetAddon = {
      name: 'dns',
      stacks: (ctx) => {
        if (!ctx.stackOutputs.get('zone')) {
          ctx.holdBack('stack records', 'terraform-outputs/zone.json');
          return [{
            name: 'zone',
            build: (stack) => {
              new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
              new S3Bucket(stack, 'b', { bucket: 'zone-bucket-acme' });
            },
          }];
        }
        return [];
      },
    };
    const dir = path.join(tempDir(), 'dist');
    const result = synth({ ...withAddons([dns]), stateBackend: { type: 's3', bucket: 'state', region: 'eu-west-1' } }, { outDir: dir, outputsDir: outputs });
    const stack = JSON.parse(readTree(dir)['terraform/stacks/zone/cdk.tf.json']);
    expect(stack.terraform.backend.s3.key).toBe('fleetsynth/zone.tfstate');
    // named in the outputs folder synth was given (see test/outputs-folder.test.ts)
    expect(result.heldBack).toContainEqual({ subject: 'addons[dns]', what: 'stack records', waitingFor: `${outputs}/zone.json` });
  });

  test('a user add-on\'s private path (its own peering, say) gives both clusters an internal east-west gateway, and once ready their istiods use it', () => {
    const peering: FleetAddon = { name: 'peering', apiClients: () => ({ clusters: [], why: 'none' }), privatePaths: ({ cluster }) => (cluster.name === 't-aws' ? [{ peer: 't-gcp', ready: true }] : cluster.name === 't-gcp' ? [{ peer: 't-aws', ready: true }] : []) };
    const dir = path.join(tempDir(), 'dist');
    synth(withAddons([peering]), { outDir: dir, outputsDir: outputs });
    const t = readTree(dir);
    expect(Object.keys(t).filter((f) => f.endsWith('service_istio-eastwestgateway-private.yaml')).sort()).toEqual(['k8s/aws/t-aws/istio-system/service_istio-eastwestgateway-private.yaml', 'k8s/gcp/t-gcp/istio-system/service_istio-eastwestgateway-private.yaml']);
    expect(t['k8s/aws/t-mgmt/argocd/clusters/t-gcp/application.argoproj.io_t-gcp-istiod.yaml']).toContain('registryServiceName: istio-eastwestgateway-private.istio-system.svc.cluster.local');
    expect(t['k8s/aws/t-mgmt/argocd/clusters/t-azure/application.argoproj.io_t-azure-istiod.yaml']).not.toContain('istio-eastwestgateway-private');
  });

  test('a private path reported by one end only is not used: the other end has no internal gateway admitting it', () => {
    const oneSided: FleetAddon = { name: 'one-sided', privatePaths: ({ cluster }) => (cluster.name === 't-aws' ? [{ peer: 't-gcp', ready: true }] : []) };
    const dir = path.join(tempDir(), 'dist');
    synth(withAddons([oneSided]), { outDir: dir, outputsDir: outputs });
    const t = readTree(dir);
    expect(t['k8s/aws/t-mgmt/argocd/clusters/t-aws/application.argoproj.io_t-aws-istiod.yaml']).not.toContain('istio-eastwestgateway-private');
    // The reporting end still gets its internal gateway (open to t-gcp); t-gcp, which reports nothing, none.
    expect(t['k8s/aws/t-aws/istio-system/service_istio-eastwestgateway-private.yaml']).toContain('10.24.0.0/16');
    expect(t['k8s/gcp/t-gcp/istio-system/service_istio-eastwestgateway-private.yaml']).toBeUndefined();
  });

  test('fails when an add-on reports a private path to a cluster the fleet does not have, naming the add-on', () => {
    const stray: FleetAddon = { name: 'stray', privatePaths: ({ cluster }) => (cluster.name === 't-aws' ? [{ peer: 't-gpc', ready: true }] : []) };
    const error = errorOf(() => synth(withAddons([stray]), { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs }));
    expect(error.problems.map((p) => p.path)).toEqual(['addons[stray]']);
    // Once, although the management cluster's render reads every cluster's paths too.
    expect(error.problems[0].message).toBe('reports a private path from t-aws to "t-gpc", which is not another cluster of the fleet; did you mean "t-gcp"?');
    // A path to the cluster itself names a cluster of the fleet: no other name (t-aws2 beside t-aws) is suggested for it.
    const own: FleetAddon = { name: 'own', privatePaths: ({ cluster }) => (cluster.name === 't-aws' ? [{ peer: 't-aws', ready: true }] : []) };
    const withTwin = withAddons([own]);
    withTwin.clusters.push(testCluster('t-aws2', 'aws', 5));
    expect(errorOf(() => synth(withTwin, { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs })).problems.map((p) => p.message)).toEqual(['reports a private path from t-aws to "t-aws", which is not another cluster of the fleet']);
  });

  test('fails when an add-on names a client of a cluster\'s API that the fleet does not have, naming the add-on, with a suggestion for a slip of the keyboard', () => {
    const stray: FleetAddon = { name: 'stray', apiClients: ({ cluster }) => ({ clusters: cluster.name === 't-aws' ? ['t-gpc'] : [], why: 'mesh' }) };
    const error = errorOf(() => synth(withAddons([stray]), { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs }));
    expect(error.problems.map((p) => [p.path, p.message])).toEqual([['addons[stray]', 'names "t-gpc" as a client of the API of t-aws, which is not a cluster of the fleet; did you mean "t-gcp"?']]);
  });

  test('an add-on\'s guard judges an edit against the previous output: refused at its path, nothing written, until --allow-change names its change', () => {
    // An add-on whose stack holds a bucket: a new name would replace it, and what it holds would be left behind.
    const STACK = 'terraform/stacks/archive/cdk.tf.json';
    const seen: unknown[] = [];
    const archive = (bucket: string): FleetAddon => ({
      name: 'archive',
      stacks: () => [{ name: 'archive', build: (stack) => { new AwsProvider(stack, 'aws', { region: 'eu-west-1' }); new S3Bucket(stack, 'bucket', { bucket }); } }],
      guard: (ctx) => {
        seen.push({ previous: ctx.previousFiles.includes(STACK), leaves: ctx.files.includes(STACK), addons: ctx.addons, pending: ctx.pending });
        const before = ctx.readPrevious(STACK);
        const was: string | undefined = before === undefined ? undefined : JSON.parse(before).resource.aws_s3_bucket.bucket.bucket;
        if (was === undefined || was === bucket || ctx.allows('archive-bucket-rename')) return [];
        return [{ path: 'addons[archive]', message: `renames bucket ${was}: Terraform replaces it and what it holds stays in the old one`, given: JSON.stringify(bucket), allowed: `${JSON.stringify(was)}; or move the objects first and synth with --allow-change archive-bucket-rename` }];
      },
    });
    const dir = path.join(tempDir(), 'dist');
    synth(withAddons([archive('acme-archive')]), { outDir: dir, outputsDir: outputs });
    // No previous output: nothing to judge.
    expect(seen).toEqual([]);
    const before = readTree(dir);
    const refused = errorOf(() => synth(withAddons([archive('acme-archive-2')]), { outDir: dir, outputsDir: outputs }));
    expect(refused.problems.map((p) => [p.path, p.given])).toEqual([['addons[archive]', '"acme-archive-2"']]);
    expect(readTree(dir)).toEqual(before);
    expect(seen).toEqual([{ previous: true, leaves: true, addons: expect.arrayContaining(['archive']), pending: [] }]);
    synth(withAddons([archive('acme-archive-2')]), { outDir: dir, outputsDir: outputs, allowChanges: ['archive-bucket-rename'] });
    expect(JSON.parse(readTree(dir)[STACK]).resource.aws_s3_bucket.bucket.bucket).toBe('acme-archive-2');
  });

  test('fails when an add-on\'s guard throws, naming the add-on, like a validate() that throws; nothing is written', () => {
    const dir = path.join(tempDir(), 'dist');
    const brittle = (throws: boolean): FleetAddon => ({ name: 'brittle', guard: () => { if (throws) throw new Error('unexpected previous file'); return []; } });
    synth(withAddons([brittle(false)]), { outDir: dir, outputsDir: outputs });
    const before = readTree(dir);
    const error = errorOf(() => synth(withAddons([brittle(true)]), { outDir: dir, outputsDir: outputs }));
    expect(error.problems).toEqual([{ path: 'addons[brittle]', message: 'its guard() threw: unexpected previous file' }]);
    expect(readTree(dir)).toEqual(before);
  });

  test('fails when an add-on\'s stack takes a cluster\'s name', () => {
    const clash: FleetAddon = { name: 'clash', stacks: () => [{ name: 't-aws', build: () => undefined }] };
    const error = errorOf(() => synth(withAddons([clash]), { outDir: path.join(tempDir(), 'dist'), outputsDir: outputs }));
    expect(error.problems.map((p) => p.path)).toEqual(['addons[clash]']);
  });
});
