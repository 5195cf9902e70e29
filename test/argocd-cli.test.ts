import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { kubectlStandIn } from './kubectl-stand-in';
import { README, readmeBlock } from './readme-block';

/*
 * The README's way to the `argocd` CLI (*Bootstrap*, "Reaching Argo CD": the sh block between
 * `<!-- argocd-cli:begin -->` and `<!-- argocd-cli:end -->`), run as written with bash in a folder synth
 * wrote for the full test fleet, with stand-in `kubectl` and `argocd`. The README's `argocd app …`
 * commands need a server, and nothing synth writes exposes Argo CD's: so core mode, which finds Argo CD
 * in the kube context's namespace (argo-cd v3.4.7 cmd/argocd/commands/headless/headless.go:
 * `clientConfig.Namespace()`; docs/operator-manual/core.md, "Using"), that namespace being the one
 * Argo CD's own Application installs it in. The values' exposure settings are argo-helm argo-cd-10.1.1
 * charts/argo-cd/values.yaml's (`server.service.type` ClusterIP, `server.ingress.enabled` false, …).
 */

test('the README\'s commands reach Argo CD in core mode, in the namespace Argo CD runs in', () => {
  const block = readmeBlock('argocd-cli');
  const kubectl = kubectlStandIn();
  const argocdLog = path.join(kubectl.work, 'argocd.log');
  fs.writeFileSync(path.join(kubectl.work, 'bin', 'argocd'), `#!/bin/bash\nprintf '%s ' "$@" >> ${JSON.stringify(argocdLog)}\necho >> ${JSON.stringify(argocdLog)}\n`, { mode: 0o755 });
  kubectl.run(block);

  const argocdApp = parse(fs.readFileSync(path.join(kubectl.work, 'dist/k8s/aws/mgmt/argocd/application.argoproj.io_argocd.yaml'), 'utf8'));
  const namespace = argocdApp.spec.destination.namespace;
  expect(namespace).toBe(argocdApp.metadata.namespace);
  expect(kubectl.calls()).toEqual([['config', 'set-context', '--current', `--namespace=${namespace}`]]);
  expect(fs.readFileSync(argocdLog, 'utf8').trim()).toBe('login --core');
});

test('nothing synth writes exposes Argo CD\'s API server or sets SSO or an RBAC policy, as the README says', () => {
  const kubectl = kubectlStandIn();
  const values = parse(fs.readFileSync(path.join(kubectl.work, 'dist/bootstrap/argocd-values.yaml'), 'utf8'));
  const server = values.server ?? {};
  expect([undefined, 'ClusterIP']).toContain(server.service?.type);
  for (const exposure of ['ingress', 'ingressGrpc', 'route', 'httproute', 'grpcroute']) expect(server[exposure]?.enabled).not.toBe(true);
  expect(values.configs?.rbac).toBeUndefined();
  for (const sso of ['oidc.config', 'dex.config']) expect(values.configs?.cm?.[sso]).toBeUndefined();
  // and the README gives `argocd` commands that need it
  expect(README).toMatch(/`argocd app (sync|terminate-op|diff|get) /);
});
