import { hasHealth } from './argo-health';

describe('the kinds Argo CD assesses the health of', () => {
  test('gitops-engine\'s built-in checks, and the Lua checks Argo CD ships (External Secrets, cert-manager, ...)', () => {
    expect(hasHealth('apps', 'Deployment', true)).toBe(true);
    expect(hasHealth('', 'Service', true)).toBe(true);
    expect(hasHealth('external-secrets.io', 'ExternalSecret', true)).toBe(true);
    expect(hasHealth('external-secrets.io', 'ClusterSecretStore', true)).toBe(true);
    expect(hasHealth('cert-manager.io', 'Issuer', true)).toBe(true);
    expect(hasHealth('argoproj.io', 'ApplicationSet', true)).toBe(true);
  });

  test('wildcards: a group suffix, any kind', () => {
    expect(hasHealth('compute.cnrm.cloud.google.com', 'ComputeAddress', true)).toBe(true);
    expect(hasHealth('ec2.aws.upbound.io', 'VPC', true)).toBe(true);
  });

  test('no health: ConfigMaps, Secrets, Namespaces, RBAC, Istio resources; an Application only with the installed check', () => {
    for (const [group, kind] of [['', 'ConfigMap'], ['', 'Secret'], ['', 'Namespace'], ['rbac.authorization.k8s.io', 'ClusterRole'], ['networking.istio.io', 'Gateway']]) expect(hasHealth(group, kind, true)).toBe(false);
    expect(hasHealth('argoproj.io', 'Application', true)).toBe(true);
    expect(hasHealth('argoproj.io', 'Application', false)).toBe(false);
  });
});
