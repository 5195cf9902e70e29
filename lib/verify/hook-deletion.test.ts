import { hookDeletePolicies, whenHookIsDeleted } from './hook-deletion';

const hook = (annotations: Record<string, string>) => ({ metadata: { annotations: { 'argocd.argoproj.io/hook': 'PreSync', ...annotations } } });

describe('hookDeletePolicies (argo-cd v3.4.4 gitops-engine pkg/sync/hook/delete_policy.go)', () => {
  test('Argo CD\'s annotation, then Helm\'s, each known value once; BeforeHookCreation when none is named', () => {
    expect(hookDeletePolicies(hook({}))).toEqual(['BeforeHookCreation']);
    expect(hookDeletePolicies(hook({ 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded, HookFailed' }))).toEqual(['HookSucceeded', 'HookFailed']);
    expect(hookDeletePolicies(hook({ 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' }))).toEqual(['BeforeHookCreation', 'HookSucceeded']);
    expect(hookDeletePolicies(hook({ 'argocd.argoproj.io/hook-delete-policy': 'HookFailed', 'helm.sh/hook-delete-policy': 'hook-failed,hook-succeeded' }))).toEqual(['HookFailed', 'HookSucceeded']);
    // unknown values are dropped (NewHookDeletePolicy), and prototype names are no policies
    expect(hookDeletePolicies(hook({ 'argocd.argoproj.io/hook-delete-policy': 'OnSuccess,toString', 'helm.sh/hook-delete-policy': 'constructor' }))).toEqual(['BeforeHookCreation']);
  });

  test('when, in words, saying whether the policy is the default', () => {
    expect(whenHookIsDeleted(hook({}))).toBe('before each later sync creates it again (BeforeHookCreation, the default hook-delete-policy)');
    expect(whenHookIsDeleted(hook({ 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation,HookSucceeded' }))).toBe(
      'before each later sync creates it again and once a sync succeeds (hook-delete-policy BeforeHookCreation,HookSucceeded)',
    );
  });
});
