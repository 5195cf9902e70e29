import * as path from 'path';
import { parse } from 'yaml';
import {
  ARGOCD_IDENTITY_MOUNT,
  ClusterOutputs,
  Cloud,
  CLOUDS,
  FleetError,
  resolveFleet,
  ResolvedFleet,
} from '../lib/fleet';
import { INDEX_FILE, sha256, synth, SynthOptions, SynthResult } from '../lib/synth';
import { Rendered, renderFleet } from '../lib/synth/render-fleet';
import { fakeOutputs, FAKE_PROJECT_NUMBER, outputsFolder, richTestFleet, testFleet } from './fleets';
import { readTree, tempDir } from './tree';

/*
 * Any management cloud manages every cloud: for each of the nine (management, workload) pairs, the
 * Terraform trust the workload stack creates and what Argo CD presents (registration Secret, its own
 * Helm values, the credential files it mounts) agree: issuer, audience, subjects, identity, token path.
 * Each side is read from the rendered output, never from the constants that produced it.
 */

const SUBJECTS = ['system:serviceaccount:argocd:argocd-application-controller', 'system:serviceaccount:argocd:argocd-server'];

interface World {
  readonly fleet: ResolvedFleet;
  readonly outputs: Map<string, ClusterOutputs>;
  readonly rendered: Rendered;
}

const worlds = new Map<string, World>();
function world(management: Cloud, outputs?: (fleet: ResolvedFleet) => Map<string, ClusterOutputs>): World {
  const key = `${management}${outputs ? '*' : ''}`;
  if (!outputs && worlds.has(key)) return worlds.get(key)!;
  const fleet = resolveFleet(testFleet(management));
  const out = outputs ? outputs(fleet) : fakeOutputs(fleet);
  const w = { fleet, outputs: out, rendered: renderFleet(fleet, { outputs: out }) };
  if (!outputs) worlds.set(key, w);
  return w;
}

const file = (w: World, path: string) => w.rendered.files.find((f) => f.path === path)?.content;
const stack = (w: World, name: string) => JSON.parse(file(w, `terraform/stacks/${name}/cdk.tf.json`)!);
const resources = (tf: any, type: string): any[] => Object.values(tf.resource?.[type] ?? {});
const data = (tf: any, type: string): any[] => Object.values(tf.data?.[type] ?? {});
const argocdFolder = (w: World) => `k8s/${w.fleet.clusters.find((c) => c.role === 'management')!.cloud}/t-mgmt/argocd`;
const secretConfig = (w: World, cluster: string) => {
  const secret = file(w, `${argocdFolder(w)}/secret_cluster-${cluster}.yaml`);
  return secret ? JSON.parse(parse(secret).stringData.config) : undefined;
};
const values = (w: World) => parse(file(w, 'bootstrap/argocd-values.yaml')!);
const configMapFiles = (w: World): Record<string, string> => parse(file(w, `${argocdFolder(w)}/configmap_argocd-cloud-identity.yaml`) ?? 'data: {}').data;

/** What Argo CD's pods see at `path`: the audience of a projected token there, or the content of a ConfigMap file there. */
function podFile(w: World, path: string): { audience?: string; content?: string } {
  const v = values(w);
  const seen: { audience?: string; content?: string }[] = [];
  // The application controller and the server both connect to clusters: both must see the same file.
  for (const component of ['controller', 'server']) {
    const mount = v[component].volumeMounts.find((m: any) => path.startsWith(`${m.mountPath}/`));
    expect(mount).toBeDefined();
    const volume = v[component].volumes.find((x: any) => x.name === mount.name);
    const rel = path.slice(mount.mountPath.length + 1);
    const token = volume.projected.sources.find((s: any) => s.serviceAccountToken?.path === rel);
    if (token) seen.push({ audience: token.serviceAccountToken.audience });
    else {
      expect(volume.projected.sources.some((s: any) => s.configMap?.name === 'argocd-cloud-identity')).toBe(true);
      seen.push({ content: configMapFiles(w)[rel] });
    }
  }
  expect(seen[1]).toEqual(seen[0]);
  return seen[0];
}

const PAIRS = CLOUDS.flatMap((m) => CLOUDS.map((t) => [m, t] as const));

describe.each(PAIRS)('management on %s, workload on %s', (m, t) => {
  const w = world(m);
  const cluster = `t-${t}`;
  const mgmt = w.outputs.get('t-mgmt')!;
  const own = w.outputs.get(cluster)!;
  const tf = stack(w, cluster);
  const config = secretConfig(w, cluster);

  test('the workload stack reports what it trusts, and it is what the management cluster\'s outputs say; the registration exists', () => {
    const trusts = m === 'aws' && t === 'aws' ? mgmt.argocdControllerRoleArn : mgmt.oidcIssuer;
    expect(tf.output.argocd_trusts.value).toBe(trusts);
    expect(tf.output.argocd_identity.value).toMatch(/^\$\{/);
    expect(config).toBeDefined();
    expect(parse(file(w, `${argocdFolder(w)}/secret_cluster-${cluster}.yaml`)!).stringData.server).toBe(own.endpoint);
  });

  test('Terraform\'s trust and Argo CD\'s credentials agree', () => {
    if (t === 'aws' && m === 'aws') {
      // Role chaining: IRSA into Argo CD's own role, then AssumeRole into exactly this cluster's role.
      const [role] = resources(tf, 'aws_iam_role').filter((r) => r.name === 't-aws-argocd');
      const trust = JSON.parse(role.assume_role_policy).Statement[0];
      const [, , , , account] = mgmt.argocdControllerRoleArn!.split(':');
      expect(trust).toMatchObject({ Action: 'sts:AssumeRole', Principal: { AWS: `arn:aws:iam::${account}:root` }, Condition: { ArnEquals: { 'aws:PrincipalArn': mgmt.argocdControllerRoleArn } } });
      expect(config.awsAuthConfig).toEqual({ clusterName: 't-aws', roleARN: own.argocdIdentity });
      expect(own.argocdIdentity).toBe('arn:aws:iam::100000000002:role/t-aws-argocd');
      // Argo CD's pods run as the role the workload trusts, and that role may assume exactly this role.
      for (const c of ['controller', 'server']) expect(values(w)[c].serviceAccount.annotations['eks.amazonaws.com/role-arn']).toBe(mgmt.argocdControllerRoleArn);
      const mgmtStack = stack(w, 't-mgmt');
      const [controller] = resources(mgmtStack, 'aws_iam_role').filter((r) => r.name === 't-mgmt-argocd-controller');
      expect(controller).toBeDefined();
      const [policy] = resources(mgmtStack, 'aws_iam_role_policy');
      expect(JSON.parse(policy.policy).Statement).toEqual([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [expect.stringMatching(/^arn:\$\{data\.aws_partition\..+\.partition\}:iam::100000000002:role\/t-aws-argocd$/)] }]);
      const [irsa] = data(mgmtStack, 'aws_iam_policy_document');
      expect(irsa.statement[0].condition.map((c: any) => c.values)).toEqual([['sts.amazonaws.com'], SUBJECTS]);
    } else if (t === 'aws') {
      // Web identity straight into the role, through the account's IAM OIDC provider for the management issuer.
      const [provider] = data(tf, 'aws_iam_openid_connect_provider');
      expect(provider.url).toBe(mgmt.oidcIssuer);
      const [doc] = data(tf, 'aws_iam_policy_document');
      const [statement] = doc.statement;
      expect(statement.actions).toEqual(['sts:AssumeRoleWithWebIdentity']);
      expect(statement.principals[0].identifiers[0]).toMatch(/^\$\{data\.aws_iam_openid_connect_provider\./);
      const [aud, sub] = statement.condition;
      expect([aud.variable, sub.variable]).toEqual([expect.stringMatching(/oidc-provider\/.*:aud$/), expect.stringMatching(/oidc-provider\/.*:sub$/)]);
      expect(sub.values).toEqual(SUBJECTS);
      const oidcStack = stack(w, 'argocd-oidc-100000000002');
      expect(resources(oidcStack, 'aws_iam_openid_connect_provider')).toEqual([expect.objectContaining({ url: mgmt.oidcIssuer, client_id_list: aud.values })]);
      expect(oidcStack.provider.aws[0].allowed_account_ids).toEqual(['100000000002']);
      // Argo CD: a profile of its AWS config file, with the projected token of the audience the trust wants.
      expect(config.awsAuthConfig).toEqual({ clusterName: 't-aws', profile: 't-aws' });
      const configFile = values(w).controller.env.find((e: any) => e.name === 'AWS_CONFIG_FILE').value;
      const profile = podFile(w, configFile).content!.split('[profile ').find((s) => s.startsWith('t-aws]'))!;
      expect(profile).toContain(`role_arn = ${own.argocdIdentity}\n`);
      expect(profile).toContain('region = eu-west-1\n');
      const tokenFile = /web_identity_token_file = (\S+)/.exec(profile)![1];
      expect(podFile(w, tokenFile).audience).toBe(aud.values[0]);
    } else if (t === 'gcp') {
      const [pool] = resources(tf, 'google_iam_workload_identity_pool');
      const [provider] = resources(tf, 'google_iam_workload_identity_pool_provider');
      expect(pool.workload_identity_pool_id).toBe('argocd-t-gcp');
      expect(provider.oidc.issuer_uri).toBe(mgmt.oidcIssuer);
      expect(provider.attribute_mapping).toEqual({ 'google.subject': 'assertion.sub' });
      expect(provider.attribute_condition).toBe(`assertion.sub in [${SUBJECTS.map((s) => `'${s}'`).join(', ')}]`);
      const members = resources(tf, 'google_service_account_iam_member');
      expect(members.map((x) => [x.role, x.member])).toEqual(SUBJECTS.map((s) => ['roles/iam.workloadIdentityUser', expect.stringMatching(new RegExp(`^principal://iam\\.googleapis\\.com/\\$\\{google_iam_workload_identity_pool\\..+\\.name\\}/subject/${s}$`))]));
      // Argo CD: GOOGLE_APPLICATION_CREDENTIALS names this cluster's credential file, which names this pool and service account.
      expect(config.execProviderConfig).toMatchObject({ command: 'argocd-k8s-auth', args: ['gcp'] });
      const credentials = JSON.parse(podFile(w, config.execProviderConfig.env.GOOGLE_APPLICATION_CREDENTIALS).content!);
      expect(credentials).toMatchObject({
        type: 'external_account',
        audience: `//iam.googleapis.com/projects/${FAKE_PROJECT_NUMBER}/locations/global/workloadIdentityPools/${pool.workload_identity_pool_id}/providers/${provider.workload_identity_pool_provider_id}`,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: 'https://sts.googleapis.com/v1/token',
        service_account_impersonation_url: `https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/${own.argocdIdentity}:generateAccessToken`,
      });
      expect(own.gcpProjectNumber).toBe(FAKE_PROJECT_NUMBER);
      expect(tf.output.gcp_project_number.value).toMatch(/^\$\{data\.google_project\..+\.number\}$/);
      expect(podFile(w, credentials.credential_source.file).audience).toBe(provider.oidc.allowed_audiences[0]);
      expect(provider.oidc.allowed_audiences).toHaveLength(1);
    } else {
      const credentials = resources(tf, 'azurerm_federated_identity_credential');
      expect(credentials.map((c) => c.subject)).toEqual(SUBJECTS);
      for (const c of credentials) expect(c).toMatchObject({ issuer: mgmt.oidcIssuer, audience: ['api://AzureADTokenExchange'] });
      expect(config.execProviderConfig).toMatchObject({ args: ['azure'], env: { AAD_LOGIN_METHOD: 'workloadidentity', AZURE_CLIENT_ID: own.argocdIdentity, AZURE_TENANT_ID: own.tenantId } });
      expect(podFile(w, config.execProviderConfig.env.AZURE_FEDERATED_TOKEN_FILE).audience).toBe(credentials[0].audience[0]);
    }
  });

  test('Argo CD\'s own Application carries the values the bootstrap installs', () => {
    const self = parse(file(w, `${argocdFolder(w)}/application.argoproj.io_argocd.yaml`)!);
    expect(self.spec.source.helm.valuesObject).toEqual(values(w));
  });
});

describe('Argo CD\'s pods', () => {
  test.each(CLOUDS)('management on %s: a token per target cloud reached by federation, all under one mount; the chart\'s service account names', (m) => {
    const v = values(world(m));
    for (const c of ['controller', 'server']) {
      expect(v[c].volumeMounts).toEqual([{ name: 'fleetsynth-cloud-identity', mountPath: ARGOCD_IDENTITY_MOUNT, readOnly: true }]);
      const tokens = v[c].volumes[0].projected.sources.filter((s: any) => s.serviceAccountToken).map((s: any) => s.serviceAccountToken.path);
      // EKS from EKS uses IRSA's own token, injected by the EKS webhook.
      expect(tokens).toEqual(m === 'aws' ? ['azure-token', 'gcp-token'] : ['aws-token', 'azure-token', 'gcp-token']);
      // The subjects every trust names are the chart's default service accounts: never renamed here.
      expect(v[c].serviceAccount?.name).toBeUndefined();
    }
    expect(v.applicationSet).toBeUndefined();
  });
});

describe('pending', () => {
  test('workload outputs missing: no registration, no credential file, held back', () => {
    const w = world('gcp', (fleet) => {
      const out = fakeOutputs(fleet);
      out.delete('t-gcp');
      return out;
    });
    expect(secretConfig(w, 't-gcp')).toBeUndefined();
    expect(Object.keys(configMapFiles(w))).toEqual(['aws-config']);
    expect(w.rendered.heldBack).toContainEqual({ subject: 't-gcp', what: 'Argo CD registration and every Application that targets the cluster', waitingFor: 'its Terraform outputs (terraform output -json of stack t-gcp)' });
    // The pod spec does not depend on which clusters are registered: no restart when one joins.
    expect(values(w)).toEqual(values(world('gcp')));
  });

  test.each(CLOUDS)('management on %s, its outputs missing: every stack renders without Argo CD access, which is held back and listed', (m) => {
    const w = world(m, (fleet) => {
      const out = fakeOutputs(fleet);
      out.delete('t-mgmt');
      return out;
    });
    for (const t of CLOUDS) {
      const tf = stack(w, `t-${t}`);
      expect(Object.keys(tf.resource).filter((type) => Object.keys(tf.resource[type]).some((id) => id.startsWith('argocd-access')))).toEqual([]);
      expect(tf.output.argocd_trusts).toBeUndefined();
      expect(tf.output.cluster_endpoint).toBeDefined();
      expect(secretConfig(w, `t-${t}`)).toBeUndefined();
      expect(w.rendered.heldBack).toContainEqual({ subject: `stack t-${t}`, what: expect.stringMatching(/^Argo CD access: /), waitingFor: expect.stringContaining('stack t-mgmt') });
      expect(w.rendered.heldBack).toContainEqual({ subject: `t-${t}`, what: expect.stringContaining('Argo CD registration'), waitingFor: expect.stringContaining('then stack') });
    }
    expect(w.rendered.files.some((f) => f.path.startsWith('terraform/stacks/argocd-oidc-'))).toBe(false);
    if (m !== 'aws') expect(w.rendered.heldBack).toContainEqual(expect.objectContaining({ subject: 'stack argocd-oidc-100000000002' }));
    else expect(w.rendered.heldBack).toContainEqual(expect.objectContaining({ subject: 'argocd', what: expect.stringContaining('eks.amazonaws.com/role-arn') }));
  });

  test('a workload stack applied before the management cluster\'s outputs existed (no argocd_trusts): held back until applied again', () => {
    const w = world('azure', (fleet) => {
      const out = fakeOutputs(fleet);
      const { argocdTrusts: _, argocdIdentity: __, ...before } = out.get('t-aws')!;
      out.set('t-aws', before);
      return out;
    });
    expect(secretConfig(w, 't-aws')).toBeUndefined();
    expect(configMapFiles(w)['aws-config']).toBeUndefined();
    expect(w.rendered.heldBack).toContainEqual({ subject: 't-aws', what: expect.any(String), waitingFor: 'stack t-aws applied again (its Argo CD access is in the stack now): its outputs have no argocd_trusts and argocd_identity yet' });
  });

  test('a workload stack that trusts another issuer (the management cluster was replaced): held back until applied again', () => {
    const w = world('aws', (fleet) => {
      const out = fakeOutputs(fleet);
      out.set('t-azure', { ...out.get('t-azure')!, argocdTrusts: 'https://oidc.eks.eu-west-1.amazonaws.com/id/OLD' });
      return out;
    });
    expect(secretConfig(w, 't-azure')).toBeUndefined();
    expect(w.rendered.heldBack).toContainEqual(expect.objectContaining({ subject: 't-azure', waitingFor: expect.stringContaining('it trusts https://oidc.eks.eu-west-1.amazonaws.com/id/OLD') }));
    expect(Object.values(w.rendered.files).some((f) => f.path.endsWith('application.argoproj.io_t-azure-platform.yaml'))).toBe(false);
  });
});

describe('no static credential anywhere', () => {
  test.each(CLOUDS)('management on %s: no key, secret, password or literal token in any rendered file', (m) => {
    for (const f of world(m).rendered.files) {
      const leaks = [
        /bearerToken|password|PRIVATE KEY|client_secret|clientSecret|AZURE_CLIENT_SECRET|aws_secret_access_key|AKIA[0-9A-Z]{16}|keyData|certData/i,
        /"type":\s*"service_account"/, // a Google service account key file
        /"(token|access_token)":/, // a token, literal or read from a data source (Terraform keeps a data source's result in the state)
      ].filter((p) => p.test(f.content));
      expect([f.path, leaks]).toEqual([f.path, []]);
    }
  });

  test('GKE: Argo CD\'s service account gets no project-wide admin role, only cluster metadata; cluster admin comes from RBAC in that cluster', () => {
    const tf = stack(world('azure'), 't-gcp');
    const roles = resources(tf, 'google_project_iam_member').filter((r) => r.member.includes('argocd-access')).map((r) => r.role);
    expect(roles).toEqual(['roles/container.clusterViewer']);
    expect(JSON.stringify(tf)).not.toContain('roles/container.admin');
    const [binding] = resources(tf, 'kubernetes_cluster_role_binding_v1');
    expect(binding).toMatchObject({ role_ref: { kind: 'ClusterRole', name: 'cluster-admin' }, subject: [{ kind: 'User', name: expect.stringMatching(/google_service_account\.argocd-access_service-account_.+\.email/) }] });
    // The pipeline's Google credentials through GKE's auth plugin at connect time: no token in the stack or its state.
    expect(tf.provider.kubernetes[0]).toEqual(expect.objectContaining({ alias: 'argocd_access', exec: [{ api_version: 'client.authentication.k8s.io/v1beta1', command: 'gke-gcloud-auth-plugin', args: ['--use_application_default_credentials'] }] }));
    expect(tf.provider.kubernetes[0]).not.toHaveProperty('token');
    expect(tf.data?.google_client_config).toBeUndefined();
  });
});

/*
 * The management cluster replaced after its workloads were registered: its issuer is new, so every
 * workload that trusts it must be applied again with the stack synth writes now. Until then synth
 * keeps each such cluster's registration and the Applications targeting it as they were (removing
 * them would make Argo CD delete what they deployed), and writes everything else.
 */
describe.each(['aws', 'azure'] as const)('management on %s replaced after its workloads were registered', (m) => {
  const fleet = () => ({ ...richTestFleet(), clusters: testFleet(m).clusters });
  const registered = fakeOutputs(testFleet(m));
  const issuer = m === 'aws' ? 'https://oidc.eks.eu-west-1.amazonaws.com/id/NEWMGMT' : 'https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/NEWMGMT/';
  const replaced = new Map(registered).set('t-mgmt', { ...registered.get('t-mgmt')!, oidcIssuer: issuer });
  // EKS from EKS trusts Argo CD's IAM role, which the new management cluster keeps.
  const retrusted = m === 'aws' ? ['t-azure', 't-gcp'] : ['t-aws', 't-azure', 't-gcp'];
  const argocd = `k8s/${m}/t-mgmt/argocd`;
  /** A cluster's files but its stack: its folder, its registration, the Applications that deploy to it. */
  const filesOf = (tree: Record<string, string>, c: string) =>
    Object.fromEntries(Object.entries(tree).filter(([p]) => p.startsWith(`k8s/${CLOUDS.find((x) => c === `t-${x}`)}/${c}/`) || p === `${argocd}/secret_cluster-${c}.yaml` || p.startsWith(`${argocd}/application.argoproj.io_${c}-`) || p.startsWith(`${argocd}/clusters/${c}/`)));
  const tfOf = (tree: Record<string, string>, name: string) => JSON.parse(tree[`terraform/stacks/${name}/cdk.tf.json`]);
  const synthInto = (out: string, outputs: ReadonlyMap<string, ClusterOutputs>, options: Partial<SynthOptions> = {}) => synth(fleet(), { outDir: out, outputsDir: outputsFolder(outputs), ...options });
  const registeredDist = () => {
    const out = path.join(tempDir(), 'dist');
    synthInto(out, registered);
    return { out, before: readTree(out) };
  };

  describe('the synth after the replacement', () => {
    let out: string;
    let before: Record<string, string>;
    let result: SynthResult;
    let after: Record<string, string>;
    beforeAll(() => {
      ({ out, before } = registeredDist());
      result = synthInto(out, replaced);
      after = readTree(out);
    });

    test('writes the workload stacks with the new issuer', () => {
      const [provider] = resources(tfOf(after, 't-gcp'), 'google_iam_workload_identity_pool_provider');
      expect(provider.oidc.issuer_uri).toBe(issuer);
      const credentials = resources(tfOf(after, 't-azure'), 'azurerm_federated_identity_credential');
      expect(credentials.map((c) => c.issuer)).toEqual([issuer, issuer]);
      if (m === 'azure') {
        expect(resources(tfOf(after, 'argocd-oidc-100000000002'), 'aws_iam_openid_connect_provider').map((p) => p.url)).toEqual([issuer]);
        expect(data(tfOf(after, 't-aws'), 'aws_iam_openid_connect_provider').map((p) => p.url)).toEqual([issuer]);
      }
    });

    test('keeps every other file of those clusters, their registration and Applications included, byte for byte, and removes nothing', () => {
      for (const c of retrusted) {
        const kept = filesOf(before, c);
        expect(Object.keys(kept)).toEqual(expect.arrayContaining([`${argocd}/secret_cluster-${c}.yaml`, `${argocd}/application.argoproj.io_${c}-root.yaml`, `${argocd}/clusters/${c}/application.argoproj.io_${c}-platform.yaml`, `${argocd}/application.argoproj.io_${c}-checkout.yaml`]));
        expect(filesOf(after, c)).toEqual(kept);
      }
      expect(result.plan.stale).toEqual([]);
      expect(synthInto(out, replaced, { check: true }).upToDate).toBe(true);
      // The credential files the kept registrations name stay in what Argo CD's pods mount.
      expect(Object.keys(parse(after[`${argocd}/configmap_argocd-cloud-identity.yaml`]).data)).toContain('gcp-t-gcp.json');
      expect(after[`${argocd}/configmap_argocd-cloud-identity.yaml`]).toBe(before[`${argocd}/configmap_argocd-cloud-identity.yaml`]);
      const index = JSON.parse(after[INDEX_FILE]).files as Record<string, string>;
      for (const p of Object.keys(after).filter((x) => x !== INDEX_FILE)) expect([p, index[p]]).toEqual([p, sha256(after[p])]);
    });

    test('lists each as held back, kept, until its stack is applied again', () => {
      for (const c of retrusted) {
        const held = result.heldBack.filter((h) => h.subject === c);
        expect(held).toEqual([
          {
            subject: c,
            what: 'Argo CD registration and every Application that targets the cluster, kept as the previous synth wrote them; Argo CD cannot reach the cluster until then',
            waitingFor: `stack ${c} applied again (its Argo CD access is in the stack now): it trusts ${registered.get('t-mgmt')!.oidcIssuer}, Argo CD now runs as ${issuer}`,
          },
        ]);
      }
      expect(result.heldBack.filter((h) => h.subject.startsWith('t-') && !retrusted.includes(h.subject))).toEqual([]);
    });

    test('once the stacks report the new trust, the next synth registers them as a synth from scratch does', () => {
      const applied = new Map(replaced);
      for (const c of retrusted) applied.set(c, { ...applied.get(c)!, argocdTrusts: issuer });
      const next = synthInto(out, applied);
      expect(next.heldBack.filter((h) => h.subject.startsWith('t-'))).toEqual([]);
      const scratch = path.join(tempDir(), 'dist');
      synthInto(scratch, applied);
      expect(readTree(out)).toEqual(readTree(scratch));
    });
  });

  test('--cluster: a kept cluster selected writes its stack only', () => {
    const { out, before } = registeredDist();
    const result = synthInto(out, replaced, { clusters: ['t-gcp'] });
    const after = readTree(out);
    expect(Object.keys(after).filter((p) => after[p] !== before[p]).sort()).toEqual([INDEX_FILE, 'terraform/stacks/t-gcp/cdk.tf.json']);
    expect(result.notSelected).not.toContain(`${argocd}/secret_cluster-t-gcp.yaml`);
  });

  /** The problems of a synth over the registered folder that fails, having written nothing. */
  const refusedOver = (run: (out: string) => unknown) => {
    const { out, before } = registeredDist();
    let error: unknown;
    try {
      run(out);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FleetError);
    expect(readTree(out)).toEqual(before);
    return (error as FleetError).problems;
  };

  describe('a change the kept clusters\' Argo CD objects cannot follow waits, and nothing is written', () => {
    const refused = (change: (f: any) => void, options: Partial<SynthOptions> = {}) => {
      const changed = fleet();
      change(changed);
      return refusedOver((out) => synth(changed, { outDir: out, outputsDir: outputsFolder(replaced), ...options }));
    };

    test('an app removed: the kept Applications would name a project that is gone', () => {
      const problems = refused((f) => { f.apps = f.apps.filter((a: any) => a.name !== 'checkout'); });
      expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining([expect.stringContaining(`${argocd}/application.argoproj.io_t-gcp-checkout.yaml`)]));
      expect(problems[0].message).toContain('kept as the previous synth wrote them until their stacks are applied again');
    });

    test('an app\'s namespace changed: the kept Applications would deploy where its project no longer allows', () => {
      const problems = refused((f) => { f.apps.find((a: any) => a.name === 'checkout').namespace = 'checkout2'; });
      expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining([expect.stringContaining(`${argocd}/application.argoproj.io_t-gcp-checkout.yaml`)]));
    });

    test('an allowed deployAs switch of an app on a kept cluster: the ApplicationSet would generate the kept Applications\' names', () => {
      const problems = refused((f) => { f.apps.find((a: any) => a.name === 'checkout').deployAs = 'applicationSet'; }, { allowDeployAsChange: ['checkout'] });
      expect(problems).toEqual([expect.objectContaining({ path: 'apps[checkout].deployAs', allowed: expect.stringContaining('apply the stacks of') })]);
    });
  });

  describe('what is missing, not changed, is still an error, and nothing is written', () => {
    const failing = (outputs: Map<string, ClusterOutputs>) => refusedOver((out) => synthInto(out, outputs));

    test('fails when a registered cluster\'s outputs file is missing', () => {
      const outputs = new Map(replaced);
      outputs.delete('t-gcp');
      expect(failing(outputs)).toEqual([expect.objectContaining({ path: 'clusters[t-gcp]', given: expect.stringMatching(/^no .*\/t-gcp\.json$/) })]);
    });

    test('fails when the management cluster\'s outputs are missing', () => {
      const outputs = new Map(registered);
      outputs.delete('t-mgmt');
      const problems = failing(outputs);
      expect(problems.map((p) => p.path)).toEqual(['clusters[t-aws]', 'clusters[t-azure]', 'clusters[t-gcp]']);
      expect(problems[0].given).toContain('stack t-mgmt');
    });

    test('fails when a registered cluster\'s outputs have lost its Argo CD access', () => {
      const outputs = new Map(replaced);
      const { argocdTrusts: _, argocdIdentity: __, ...lost } = outputs.get('t-azure')!;
      outputs.set('t-azure', lost);
      expect(failing(outputs)).toEqual([expect.objectContaining({ path: 'clusters[t-azure]', given: expect.stringContaining('its outputs have no argocd_trusts and argocd_identity yet') })]);
    });
  });
});
