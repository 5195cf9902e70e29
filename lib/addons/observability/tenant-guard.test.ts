import * as path from 'path';
import { synth } from '../../synth';
import { fileCache } from '../../../test/file-cache';
import { fakeOutputs, observedTestFleet, outputsFolder, synthesized } from '../../../test/fleets';
import { readTree, tempDir } from '../../../test/tree';
import { previousTenant } from './tenant-guard';
import { resolveFleet } from '../../fleet';

// The guards judge edited fleets synthesized with this file's own cache: what an edit leaves alone
// is not rendered and checked again (test/file-cache.ts: where the path without a cache is tested).
const withCache = fileCache();

/*
 * platform.observability.tenant against the previous synth's output (tenant-guard.ts), through synth:
 * refused, writing nothing, until allowed with --allow-observability-tenant-change.
 */

function written(settings: Record<string, unknown> = {}) {
  const fleet = observedTestFleet(settings);
  return synthesized(fleet, fakeOutputs(fleet), withCache);
}

const refusedAt = (at: string) => expect.objectContaining({ problems: [expect.objectContaining({ path: at })] });

describe('observabilityTenantChange', () => {
  test('fails when the tenant changes on a running fleet, at platform.observability.tenant, writing nothing; with --allow-observability-tenant-change it goes', () => {
    const { out, outputsDir } = written({ tenant: 'acme' });
    const before = readTree(out);
    const fleet = observedTestFleet({ tenant: 'acme-2' });
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).toThrow(refusedAt('platform.observability.tenant'));
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).toThrow(/tenant "acme" \(k8s\/aws\/t-mgmt\/argocd\/.*application\.argoproj\.io_t-mgmt-metrics-agent\.yaml\).*FleetClusterStoppedReporting fires for every cluster/);
    expect(readTree(out)).toEqual(before);

    synth(fleet, { outDir: out, outputsDir, ...withCache, allowObservabilityTenantChange: true });
    expect(previousTenant(resolveFleet(fleet), Object.keys(readTree(out)), (p) => readTree(out)[p])?.tenant).toBe('acme-2');
    // Once written, the new tenant is the one a later synth compares with.
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache })).not.toThrow();
  });

  test('fails when a tenant set before is left out (back to the fleet name), at platform.observability', () => {
    const { out, outputsDir } = written({ tenant: 'acme' });
    expect(() => synth(observedTestFleet(), { outDir: out, outputsDir, ...withCache })).toThrow(refusedAt('platform.observability'));
  });

  test('fails with the core guards\' refusals in the same list: a new tenant and a new trust domain are both refused at once (FleetAddon.guard)', () => {
    const { out, outputsDir } = written({ tenant: 'acme' });
    const fleet = { ...observedTestFleet({ tenant: 'acme-2' }), mesh: { trustDomain: 'acme.example' } };
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache, check: true })).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ path: 'mesh.trustDomain' }), expect.objectContaining({ path: 'platform.observability.tenant' })] }),
    );
    // The one the flag lets through goes; the other stays refused.
    expect(() => synth(fleet, { outDir: out, outputsDir, ...withCache, check: true, allowMeshTrustChange: true })).toThrow(refusedAt('platform.observability.tenant'));
  });

  test('read from the log agent when metrics are off', () => {
    const { out, outputsDir } = written({ tenant: 'acme', metrics: false, alerts: false });
    expect(() => synth(observedTestFleet({ tenant: 'acme-2', metrics: false, alerts: false }), { outDir: out, outputsDir, ...withCache })).toThrow(/tenant "acme" \(.*t-mgmt-log-agent\.yaml\)/);
  });

  test('nothing when the tenant stays, when observability goes or ships nothing, or on a first synth', () => {
    const { out, outputsDir } = written({ tenant: 'acme' });
    expect(() => synth(observedTestFleet({ tenant: 'acme', grafana: false }), { outDir: out, outputsDir, ...withCache })).not.toThrow();
    expect(() => synth(observedTestFleet({ tenant: 'acme-2', metrics: false, logs: false, alerts: false }), { outDir: out, outputsDir, ...withCache })).not.toThrow();
    const fresh = observedTestFleet({ tenant: 'other' });
    expect(() => synth(fresh, { outDir: path.join(tempDir(), 'dist'), outputsDir, ...withCache })).not.toThrow();
  });

  test('on a fleet never applied it is still refused (a lost outputs file looks the same), saying that the flag alone is then enough', () => {
    const out = path.join(tempDir(), 'dist');
    const none = outputsFolder(new Map());
    synth(observedTestFleet({ tenant: 'acme' }), { outDir: out, outputsDir: none, ...withCache });
    expect(previousTenant(resolveFleet(observedTestFleet()), Object.keys(readTree(out)), (p) => readTree(out)[p])?.tenant).toBe('acme');
    const edited = observedTestFleet({ tenant: 'acme-2' });
    expect(() => synth(edited, { outDir: out, outputsDir: none, ...withCache })).toThrow(/t-mgmt has no Terraform outputs: if never applied, no Mimir runs yet and --allow-observability-tenant-change alone is enough/);
    synth(edited, { outDir: out, outputsDir: none, ...withCache, allowObservabilityTenantChange: true });
    // With the management cluster's outputs the hint is not given.
    const { out: running, outputsDir } = written({ tenant: 'acme' });
    expect(() => synth(edited, { outDir: running, outputsDir, ...withCache })).not.toThrow(/no Terraform outputs/);
  });
});
