import { lauxlib, lua, lualib, to_jsstring, to_luastring } from 'fengari';
import { synthChart } from '../../../test/k8s-fixture';
import { APPLICATION_HEALTH_CHECK, ARGOCD_CHART, ArgoCdSelfManagement, argoCdHelmValues, CLIENT_SIDE_APPLY_MIGRATION_MANAGER } from './argocd-install';

/*
 * The Application health check, run in a Lua interpreter (fengari, Lua 5.3; Argo CD runs gopher-lua,
 * Lua 5.1: the check uses only what both have) against child Applications as Argo CD's controller
 * leaves them during a chart bump, a sync and a failed sync (argo-cd controller/state.go,
 * controller/appcontroller.go). With the libraries Argo CD opens for a health check of argocd-cm, and no
 * other: package, base, table and its own os (time and date only), unless the key
 * `resource.customizations.useOpenLibs.<group>_<kind>` says otherwise (argo-cd v3.4.7 util/lua/lua.go
 * runLuaWithResourceActionParameters, `SkipOpenLibs: !vm.UseOpenLibs`; util/lua/oslib_safe.go). No string
 * library, so no `string.*` and no method on a string: the check would fail there and the Application read
 * its error, not its health.
 */

/** Argo CD's libraries for a health check; its os has only time and date, which fengari's os has too. */
const ARGOCD_LUA_LIBS = [
  [lualib.LUA_LOADLIBNAME, lualib.luaopen_package],
  ['_G', lualib.luaopen_base],
  [lualib.LUA_TABLIBNAME, lualib.luaopen_table],
  [lualib.LUA_OSLIBNAME, lualib.luaopen_os],
] as const;

/** A Lua table constructor for plain JSON data (null and undefined leave the key out, as Argo CD's conversion does). */
function luaValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `{ ${value.map(luaValue).join(', ')} }`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
  return `{ ${entries.map(([k, v]) => `[${JSON.stringify(k)}] = ${luaValue(v)}`).join(', ')} }`;
}

/** What the check (or another health script) returns for `obj`. */
function health(obj: unknown, script = APPLICATION_HEALTH_CHECK): { status: string; message: string } {
  const L = lauxlib.luaL_newstate();
  for (const [name, open] of ARGOCD_LUA_LIBS) {
    lauxlib.luaL_requiref(L, to_luastring(name), open, 1);
    lua.lua_pop(L, 1);
  }
  const program = `obj = ${luaValue(obj)}\nlocal function check()\n${script}\nend\nlocal hs = check()\nreturn hs.status, hs.message`;
  if (lauxlib.luaL_loadstring(L, to_luastring(program)) !== lua.LUA_OK || lua.lua_pcall(L, 0, 2, 0) !== lua.LUA_OK) {
    throw new Error(to_jsstring(lua.lua_tostring(L, -1)));
  }
  return { status: to_jsstring(lua.lua_tostring(L, -2)), message: to_jsstring(lua.lua_tostring(L, -1)) };
}

const chart = (version: string) => ({ repoURL: 'https://istio-release.storage.googleapis.com/charts', chart: 'istiod', targetRevision: version, helm: { valuesObject: { meshConfig: { trustDomain: 'cluster.local' } } } });
/** A child synced and healthy at `version`, its spec naming `specVersion`. */
const child = (specVersion: string, version = specVersion, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'prod-istiod', namespace: 'argocd' },
  spec: { project: 'platform', source: chart(specVersion), destination: { name: 'prod', namespace: 'istio-system' } },
  status: {
    sync: { status: 'Synced', revision: version, comparedTo: { source: chart(version), destination: { name: 'prod', namespace: 'istio-system' } } },
    health: { status: 'Healthy' },
    operationState: { phase: 'Succeeded', message: 'successfully synced (all tasks run)', syncResult: { revision: version, source: chart(version) } },
    ...extra,
  },
});

describe('the Application health check (parents wait for their children)', () => {
  test('runs with the libraries Argo CD gives a health check of argocd-cm: no string library', () => {
    expect(() => health({}, 'return { status = string.lower("Healthy"), message = "" }')).toThrow(/string/);
    expect(() => health({}, 'local s = "Healthy"\nreturn { status = s:lower(), message = "" }')).toThrow();
    expect(health({}, 'local t = {}\ntable.insert(t, "Healthy")\nreturn { status = t[1], message = tostring(#t) .. "" }')).toEqual({ status: 'Healthy', message: '1' });
  });

  test('a child with no status yet is Progressing', () => {
    expect(health({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', spec: { source: chart('1.30.3') } }).status).toBe('Progressing');
  });

  test('a child synced and healthy at the version its spec names takes its own health', () => {
    expect(health(child('1.30.3'))).toEqual({ status: 'Healthy', message: '' });
    const degraded = child('1.30.3');
    degraded.status.health = { status: 'Degraded', message: 'Deployment istiod: progress deadline exceeded' } as never;
    expect(health(degraded)).toEqual({ status: 'Degraded', message: 'Deployment istiod: progress deadline exceeded' });
  });

  test('just after its parent bumped its chart (status still compared with the old version): Progressing, not its old Healthy', () => {
    expect(health(child('1.31.0', '1.30.3'))).toEqual({ status: 'Progressing', message: 'its status is for another targetRevision than its spec names' });
  });

  test('a sync requested (operation) or running: Progressing, whatever its resources say', () => {
    expect(health({ ...child('1.31.0'), operation: { sync: { revision: '1.31.0' }, initiatedBy: { automated: true } } })).toEqual({ status: 'Progressing', message: 'a sync is requested' });
    const running = child('1.31.0');
    running.status.operationState = { ...running.status.operationState, phase: 'Running' };
    expect(health(running)).toEqual({ status: 'Progressing', message: 'its sync is running' });
  });

  test('its last sync of the source its spec names failed (an automated sync is not retried): Degraded, though its old workloads are Healthy', () => {
    const failed = child('1.31.0');
    failed.status.operationState = { ...failed.status.operationState, phase: 'Failed', message: 'Deployment.apps "istiod" is invalid: spec.selector: field is immutable' };
    expect(health(failed)).toEqual({ status: 'Degraded', message: 'its last sync failed: Deployment.apps "istiod" is invalid: spec.selector: field is immutable' });
    failed.status.operationState = { ...failed.status.operationState, phase: 'Error' };
    expect(health(failed).status).toBe('Degraded');
  });

  test('a chart version Argo CD cannot render (ComparisonError: sync Unknown, health still the old workloads\') is Degraded, not Healthy', () => {
    const unrenderable = child('1.31.0', '1.31.0');
    unrenderable.status.sync.status = 'Unknown';
    unrenderable.status.operationState = { phase: 'Succeeded', message: 'successfully synced', syncResult: { revision: '1.30.3', source: chart('1.30.3') } };
    (unrenderable.status as Record<string, unknown>).conditions = [{ type: 'ComparisonError', message: 'Failed to load target state: chart "istiod" version "1.31.0" not found' }];
    expect(health(unrenderable)).toEqual({ status: 'Degraded', message: 'Argo CD cannot compare it with its spec: Failed to load target state: chart "istiod" version "1.31.0" not found' });
    // a ComparisonError beside a known sync status is not this case
    unrenderable.status.sync.status = 'Synced';
    expect(health(unrenderable).status).toBe('Healthy');
  });

  test('a spec Argo CD refuses (InvalidSpecError, never compared: comparedTo.source has an empty repoURL) is Degraded with Argo CD\'s reason', () => {
    const invalid = { spec: { source: chart('1.30.3') }, status: { sync: { status: 'Unknown', comparedTo: { source: { repoURL: '' } } }, conditions: [{ type: 'InvalidSpecError', message: 'application destination {prod istio-system} is not permitted in project \'platform\'' }] } };
    expect(health(invalid)).toEqual({ status: 'Degraded', message: 'Argo CD cannot compare it with its spec: application destination {prod istio-system} is not permitted in project \'platform\'' });
    // without the condition, an empty comparedTo says nothing: the child's own (missing) health, Progressing
    delete (invalid.status as Record<string, unknown>).conditions;
    expect(health(invalid)).toEqual({ status: 'Progressing', message: '' });
  });

  test('terminated by hand (argocd app terminate-op): Degraded until synced again, so its parent fails rather than waits', () => {
    const terminated = child('1.31.0');
    terminated.status.operationState = { ...terminated.status.operationState, phase: 'Failed', message: 'Operation terminated' };
    expect(health(terminated)).toEqual({ status: 'Degraded', message: 'its last sync failed: Operation terminated' });
  });

  test('a failure of another version or commit than the current one is not held against it (a sync of the current one follows)', () => {
    const olderVersion = child('1.31.0');
    olderVersion.status.operationState = { phase: 'Failed', message: 'boom', syncResult: { revision: '1.30.3', source: chart('1.30.3') } };
    expect(health(olderVersion)).toEqual({ status: 'Healthy', message: '' });
    // a folder source: same path and branch, an older commit
    const folder = { repoURL: 'https://git.example.com/gitops.git', targetRevision: 'main', path: 'dist/k8s/aws/prod/_bootstrap' };
    const olderCommit = { spec: { source: folder }, status: { sync: { status: 'OutOfSync', revision: 'b'.repeat(40), comparedTo: { source: folder } }, health: { status: 'Healthy' }, operationState: { phase: 'Failed', message: 'boom', syncResult: { revision: 'a'.repeat(40), source: folder } } } };
    expect(health(olderCommit).status).toBe('Healthy');
    olderCommit.status.sync.revision = 'a'.repeat(40);
    expect(health(olderCommit).status).toBe('Degraded');
  });

  test('runs Argo CD v3.4.15, ahead of the chart\'s appVersion v3.4.4 (CRITICAL and HIGH security fixes), through the one tag every component reads', () => {
    expect(argoCdHelmValues().global).toEqual({ image: { tag: 'v3.4.15' } });
    expect(ARGOCD_CHART.version).toBe('10.1.1');
  });

  test('is what Argo CD is installed with (the bootstrap and its own Application)', () => {
    expect((argoCdHelmValues().configs as Record<string, Record<string, string>>).cm['resource.customizations.health.argoproj.io_Application']).toBe(APPLICATION_HEALTH_CHECK);
  });
});

describe('Argo CD managing itself', () => {
  const [app] = synthChart((c) => new ArgoCdSelfManagement(c, 'argocd', { project: 'platform', values: argoCdHelmValues() }));

  test('carries no resources finalizer: a deleted Application never uninstalls Argo CD', () => {
    expect(app.metadata.finalizers).toBeUndefined();
  });

  test('prunes what a new chart no longer renders, last (after the new objects are healthy): auto-sync never prunes for an Application without prune', () => {
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(app.spec.syncPolicy.syncOptions).toContain('PruneLast=true');
  });

  test('never prunes Argo CD\'s CRDs (that would delete every Application): Prune=false on them, beside the chart\'s own ServerSideApply=true', () => {
    const values = app.spec.source.helm.valuesObject;
    expect(values.crds).toEqual({ annotations: { 'argocd.argoproj.io/sync-options': 'ServerSideApply=true,Prune=false' } });
  });

  test('takes over the fields a Helm 3 `helm install` owns (client-side apply migration of manager helm), beside its sync wave', () => {
    expect(app.metadata.annotations).toEqual({ [CLIENT_SIDE_APPLY_MIGRATION_MANAGER]: 'helm', 'argocd.argoproj.io/sync-wave': '-9' });
  });
});
