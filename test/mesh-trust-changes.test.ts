import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { synth } from '../lib/synth';
import { fullFleet, LooseFleet } from './fleet-fixture';
import { fakeOutputsWithAddons, outputsFolder } from './fleets';
import { readTree, tempDir } from './tree';

/*
 * Changes to the mesh's trust across synths (lib/synth/mesh-trust-guard.ts): refused against the
 * previous output, writing nothing, until allowed with --allow-mesh-trust-change; and the trust
 * domain migration of README, Secrets, "Changing the trust domain or the mesh ID", step by step.
 */

const VAULT = 'terraform/stacks/vault/cdk.tf.json';
const ISTIOD = 'k8s/aws/mgmt/argocd/clusters/aws-prod/application.argoproj.io_aws-prod-istiod.yaml';

function written() {
  const fleet = fullFleet();
  const out = path.join(tempDir(), 'dist');
  const outputsDir = outputsFolder(fakeOutputsWithAddons(fleet));
  synth(fleet, { outDir: out, outputsDir, cache: false });
  return { fleet, out, outputsDir };
}

const refusedAt = (paths: string[]) => expect.objectContaining({ problems: paths.map((p) => expect.objectContaining({ path: p })) });
/** Every `allowed_uri_sans` of the vault stack (one per cluster's istio-csr role), deduplicated. */
const uriSans = (out: string): string[] => {
  const stack = JSON.parse(readTree(out)[VAULT]);
  return [...new Set(Object.values(stack.resource.vault_pki_secret_backend_role as Record<string, { allowed_uri_sans: string[] }>).map((r) => JSON.stringify(r.allowed_uri_sans)))];
};
const meshConfig = (out: string) => parse(readTree(out)[ISTIOD]).spec.source.helm.valuesObject.meshConfig;

test('fails when platform.secrets is removed from a running fleet, at platform.secrets, writing nothing; with --allow-mesh-trust-change it goes', () => {
  const { fleet, out, outputsDir } = written();
  const before = readTree(out);
  delete fleet.platform.secrets;
  // What needs it goes first (lib/addons/platform-dependencies.ts): observability's telemetry, the Service of the mesh.
  delete fleet.platform.observability;
  fleet.meshServices = fleet.meshServices.filter((s: LooseFleet) => s.namespace === undefined);
  expect(() => synth(fleet, { outDir: out, outputsDir, cache: false })).toThrow(refusedAt(['platform.secrets']));
  expect(readTree(out)).toEqual(before);

  const result = synth(fleet, { outDir: out, outputsDir, cache: false, allowMeshTrustChange: true });
  expect(result.plan.stale).toEqual(expect.arrayContaining([VAULT, 'k8s/aws/mgmt/argocd/clusters/aws-prod/application.argoproj.io_aws-prod-external-secrets.yaml']));
});

test('the trust domain migration: the alias first (allowed as it is), then the new domain (refused at mesh.trustDomain until allowed), then the alias dropped', () => {
  const { fleet, out, outputsDir } = written();
  expect(uriSans(out)).toEqual([JSON.stringify(['spiffe://cluster.local/*'])]);

  // 1. Vault signs both domains; istiod counts the new one as its own.
  fleet.mesh.trustDomainAliases = ['acme.example'];
  synth(fleet, { outDir: out, outputsDir, cache: false });
  expect(uriSans(out)).toEqual([JSON.stringify(['spiffe://acme.example/*', 'spiffe://cluster.local/*'])]);
  expect(meshConfig(out)).toMatchObject({ trustDomain: 'cluster.local', trustDomainAliases: ['acme.example'] });

  // 2. The new domain, the old one its alias: refused, writing nothing, until allowed; the vault stack does not change.
  fleet.mesh.trustDomain = 'acme.example';
  fleet.mesh.trustDomainAliases = ['cluster.local'];
  const before = readTree(out);
  expect(() => synth(fleet, { outDir: out, outputsDir, cache: false })).toThrow(refusedAt(['mesh.trustDomain']));
  expect(readTree(out)).toEqual(before);
  const swapped = synth(fleet, { outDir: out, outputsDir, cache: false, allowMeshTrustChange: true });
  expect(swapped.plan.changed.map((f) => f.path)).not.toContain(VAULT);
  expect(meshConfig(out)).toMatchObject({ trustDomain: 'acme.example', trustDomainAliases: ['cluster.local'] });

  // 3. Once every pod has restarted: the alias goes, and so does the old domain in Vault.
  delete fleet.mesh.trustDomainAliases;
  synth(fleet, { outDir: out, outputsDir, cache: false });
  expect(uriSans(out)).toEqual([JSON.stringify(['spiffe://acme.example/*'])]);
  expect(meshConfig(out).trustDomainAliases).toBeUndefined();
});

test('a fleetsynth that would move istiod two Istio minors past the previous synth\'s is refused at each cluster, writing nothing (lib/synth/istio-version-step-guard.ts)', () => {
  const { fleet, out, outputsDir } = written();
  // The previous synth as an older fleetsynth wrote it: istiod two minors back.
  const file = path.join(out, ISTIOD);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/targetRevision: 1\.(\d+)\.\d+/, (_m: string, minor: string) => `targetRevision: 1.${Number(minor) - 2}.0`));
  const before = readTree(out);
  expect(() => synth(fleet, { outDir: out, outputsDir, cache: false })).toThrow(refusedAt(['clusters[aws-prod]']));
  expect(readTree(out)).toEqual(before);
});
