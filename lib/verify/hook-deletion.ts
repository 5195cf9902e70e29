/**
 * When Argo CD deletes a hook it ran (argo-cd v3.4.4 gitops-engine pkg/sync): every hook has delete
 * policies (hook/delete_policy.go DeletePolicies: Argo CD's annotation, then Helm's, BeforeHookCreation when
 * neither names one). BeforeHookCreation deletes the live hook when a later sync runs it again, before
 * creating it anew (sync_context.go runTasks, sync_task.go deleteBeforeCreation); HookSucceeded deletes it
 * once the operation succeeds, HookFailed once it fails (sync_context.go Sync, deleteHooks).
 */
import { annotationOptions } from './sync-order';

export type HookDeletePolicy = 'BeforeHookCreation' | 'HookSucceeded' | 'HookFailed';

const WHEN: ReadonlyMap<string, string> = new Map([
  ['BeforeHookCreation', 'before each later sync creates it again'],
  ['HookSucceeded', 'once a sync succeeds'],
  ['HookFailed', 'once a sync fails'],
]);

const HELM_POLICIES: ReadonlyMap<string, HookDeletePolicy> = new Map([
  ['before-hook-creation', 'BeforeHookCreation'],
  ['hook-succeeded', 'HookSucceeded'],
  ['hook-failed', 'HookFailed'],
]);

/** hook/delete_policy.go DeletePolicies: the known ones of `argocd.argoproj.io/hook-delete-policy`, then of `helm.sh/hook-delete-policy` (hook/helm/delete_policy.go). */
export function hookDeletePolicies(object: Record<string, any>): HookDeletePolicy[] {
  const named = namedPolicies(object);
  return named.length > 0 ? named : ['BeforeHookCreation'];
}

/** When Argo CD deletes a hook, in words: `before each later sync creates it again (BeforeHookCreation, the default hook-delete-policy)`. */
export function whenHookIsDeleted(object: Record<string, any>): string {
  const policies = hookDeletePolicies(object);
  const policy = namedPolicies(object).length > 0 ? `hook-delete-policy ${policies.join(',')}` : 'BeforeHookCreation, the default hook-delete-policy';
  return `${policies.map((p) => WHEN.get(p)).join(' and ')} (${policy})`;
}

function namedPolicies(object: Record<string, any>): HookDeletePolicy[] {
  const argo = annotationOptions(object, 'argocd.argoproj.io/hook-delete-policy').filter((p): p is HookDeletePolicy => WHEN.has(p));
  const helm = annotationOptions(object, 'helm.sh/hook-delete-policy').flatMap((p) => HELM_POLICIES.get(p) ?? []);
  return [...new Set([...argo, ...helm])];
}
