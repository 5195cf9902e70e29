import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { boundAudiences } from '../lib/addons/secrets/vault-audience-guard';
import { synth } from '../lib/synth';
import { fileCache } from './file-cache';
import { LooseFleet } from './fleet-fixture';
import { synthesizedFullFleet } from './fleets';
import { readTree } from './tree';

// The guards judge edited fleets synthesized with this file's own cache: what an edit leaves alone
// is not rendered and checked again (test/file-cache.ts: where the path without a cache is tested).
const withCache = fileCache();

/*
 * Changes to the mesh's trust across synths (lib/synth/mesh-trust-guard.ts, and the Vault tokens'
 * audience: lib/addons/secrets/vault-audience-guard.ts): refused against the previous output,
 * writing nothing, until allowed with --allow-mesh-trust-change; the trust domain migration of
 * README, Secrets, "Changing the trust domain or the mesh ID", and "Moving Vault", step by step.
 */

const VAULT = 'terraform/stacks/vault/cdk.tf.json';
const ISTIOD = 'k8s/aws/mgmt/argocd/clusters/aws-prod/application.argoproj.io_aws-prod-istiod.yaml';

const refusedAt = (paths: string[]) => expect.objectContaining({ problems: paths.map((p) => expect.objectContaining({ path: p })) });
/** Every `allowed_uri_sans` of the vault stack (one per cluster's istio-csr role), deduplicated. */
const uriSans = (out: string): string[] => {
  const stack = JSON.parse(readTree(out)[VAULT]);
  return [...new Set(Object.values(stack.resource.vault_pki_secret_backend_role as Record<string, { allowed_uri_sans: string[] }>).map((r) => JSON.stringify(r.allowed_uri_sans)))];
};
const meshConfig = (out: string) => parse(readTree(out)[ISTIOD]).spec.source.helm.valuesObject.meshConfig;

test('fails when platform.secrets is removed from a running fleet, at platform.secrets, writing nothing; with --allow-mesh-trust-change it goes', () => {
  const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
  const before = readTree(out);
  delete fleet.platform.secrets;
  // What needs it goes first (lib/addons/platform-dependencies.ts): observability's telemetry, the Service of the mesh.
  delete fleet.platform.observability;
  fleet.meshServices = fleet.meshServices.filter((s: LooseFleet) => s.namespace === undefined);
  expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).toThrow(refusedAt(['platform.secrets']));
  expect(readTree(out)).toEqual(before);

  const result = synth(fleet, { outDir: out, outputsDir, ...withCache, allowMeshTrustChange: true });
  expect(result.plan.stale).toEqual(expect.arrayContaining([VAULT, 'k8s/aws/mgmt/argocd/clusters/aws-prod/application.argoproj.io_aws-prod-external-secrets.yaml']));
});

test('the trust domain migration: the alias first (allowed as it is), then the new domain (refused at mesh.trustDomain until allowed), then the alias dropped', () => {
  const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
  expect(uriSans(out)).toEqual([JSON.stringify(['spiffe://cluster.local/*'])]);

  // 1. Vault signs both domains; istiod counts the new one as its own.
  fleet.mesh.trustDomainAliases = ['acme.example'];
  synth(fleet, { outDir: out, outputsDir, ...withCache });
  expect(uriSans(out)).toEqual([JSON.stringify(['spiffe://acme.example/*', 'spiffe://cluster.local/*'])]);
  expect(meshConfig(out)).toMatchObject({ trustDomain: 'cluster.local', trustDomainAliases: ['acme.example'] });

  // 2. The new domain, the old one its alias: refused, writing nothing, until allowed; the vault stack does not change.
  fleet.mesh.trustDomain = 'acme.example';
  fleet.mesh.trustDomainAliases = ['cluster.local'];
  const before = readTree(out);
  expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).toThrow(refusedAt(['mesh.trustDomain']));
  expect(readTree(out)).toEqual(before);
  const swapped = synth(fleet, { outDir: out, outputsDir, ...withCache, allowMeshTrustChange: true });
  expect(swapped.plan.changed.map((f) => f.path)).not.toContain(VAULT);
  expect(meshConfig(out)).toMatchObject({ trustDomain: 'acme.example', trustDomainAliases: ['cluster.local'] });

  // 3. Once every pod has restarted: the alias goes, and so does the old domain in Vault.
  delete fleet.mesh.trustDomainAliases;
  synth(fleet, { outDir: out, outputsDir, ...withCache });
  expect(uriSans(out)).toEqual([JSON.stringify(['spiffe://acme.example/*'])]);
  expect(meshConfig(out).trustDomainAliases).toBeUndefined();
});

test('a fleetsynth that would move istiod two Istio minors past the previous synth\'s is refused at each cluster, writing nothing (lib/synth/istio-version-step-guard.ts)', () => {
  const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
  // The previous synth as an older fleetsynth wrote it: istiod two minors back.
  const file = path.join(out, ISTIOD);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/targetRevision: 1\.(\d+)\.\d+/, (_m: string, minor: string) => `targetRevision: 1.${Number(minor) - 2}.0`));
  const before = readTree(out);
  expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).toThrow(refusedAt(['clusters[aws-prod]']));
  expect(readTree(out)).toEqual(before);
});

describe('the Vault tokens\' audience (lib/addons/secrets/vault-audience-guard.ts)', () => {
  const OLD = 'https://vault.acme.example.com:8200';
  const NEW = 'https://vault.new.example.com:8200';
  const BOOTSTRAP = 'k8s/aws/aws-prod/_bootstrap';
  const STORES = ['vault', 'vault-mesh'].map((s) => `${BOOTSTRAP}/_cluster/clustersecretstore.external-secrets.io_${s}.yaml`);
  const ISSUER = `${BOOTSTRAP}/istio-system/issuer.cert-manager.io_istio-ca.yaml`;
  const vaultOf = (out: string, file: string) => {
    const spec = parse(readTree(out)[file]).spec;
    return spec.provider?.vault ?? spec.vault;
  };

  test('Moving Vault: refused at platform.secrets.vault.address when the audience moves with it, writing nothing; with the old audience kept it goes, and only the servers move', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    const before = readTree(out);
    expect(boundAudiences(before[VAULT])).toEqual([OLD]);
    fleet.platform.secrets.vault.address = NEW;
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).toThrow(refusedAt(['platform.secrets.vault.address']));
    expect(readTree(out)).toEqual(before);

    fleet.platform.secrets.vault.audience = OLD;
    synth(fleet, { outDir: out, outputsDir, ...withCache });
    // The roles are as they were; the provider, the stores and the Issuer talk to the new address.
    expect(boundAudiences(readTree(out)[VAULT])).toEqual([OLD]);
    expect(JSON.parse(readTree(out)[VAULT]).provider.vault[0].address).toBe(NEW);
    for (const store of STORES) {
      expect(vaultOf(out, store)).toMatchObject({ server: NEW, auth: { jwt: { kubernetesServiceAccountToken: { serviceAccountRef: { audiences: [OLD] } } } } });
    }
    // cert-manager adds `server` (now NEW) by itself: the old audience is named beside it.
    expect(vaultOf(out, ISSUER).auth.kubernetes.serviceAccountRef).toEqual({ name: 'vault-istio-ca', audiences: [OLD] });
    // Nothing depends on the previous output: a check agrees.
    expect(synth(fleet, { outDir: out, outputsDir, ...withCache, check: true }).upToDate).toBe(true);
  });

  test('another audience is refused at platform.secrets.vault.audience until --allow-mesh-trust-change (by its name, mesh-trust-change)', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    // The Issuer whose audience is its server names none: cert-manager adds the server (a running fleet's output is unchanged).
    expect(vaultOf(out, ISSUER).auth.kubernetes.serviceAccountRef).toEqual({ name: 'vault-istio-ca' });
    fleet.platform.secrets.vault.audience = 'vault';
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).toThrow(refusedAt(['platform.secrets.vault.audience']));
    // --allow-mesh-trust-change reaches the secrets service's guard as well as the core's (two constants name the change).
    expect(synth(fleet, { outDir: out, outputsDir, ...withCache, check: true, allowMeshTrustChange: true }).upToDate).toBe(false);
    // --allow-change mesh-trust-change, the flag's name: the secrets service's guard reads it (FleetAddon.guard).
    synth(fleet, { outDir: out, outputsDir, ...withCache, allowChanges: ['mesh-trust-change'] });
    expect(boundAudiences(readTree(out)[VAULT])).toEqual(['vault']);
  });
});
