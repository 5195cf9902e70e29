import { parse } from 'yaml';
import { synth } from '../lib/synth';
import { ArgoProject } from '../lib/verify/argo-project';
import { fileCache } from './file-cache';
import { clusterOf } from './fleet-fixture';
import { fakeOutputsWithAddons, outputsFolder, refused, synthesizedFullFleet } from './fleets';
import { readTree } from './tree';

// The guards judge edited fleets synthesized with this file's own cache: what an edit leaves alone
// is not rendered and checked again (test/file-cache.ts: where the path without a cache is tested).
const withCache = fileCache();

/*
 * Moves of what the running root app `<fleet>-root` reads: the GitOps repository, and the cluster that
 * runs Argo CD. The root changes its own spec only by syncing the folder it reads, in its own wave,
 * after the platform project's (wave -10); an Application whose repoURL its project does not permit
 * gets InvalidSpecError, and Argo CD runs no sync of it while it has it (argo-cd v3.4.4
 * util/argo/argo.go ValidatePermissions, controller/sync.go SyncAppState).
 */

const ARGOCD = 'k8s/aws/mgmt/argocd';
const ROOT = `${ARGOCD}/application.argoproj.io_acme-platform-root.yaml`;
const PROJECT = `${ARGOCD}/appproject.argoproj.io_acme-platform-platform.yaml`;
const OLD = 'https://github.com/acme/platform-gitops.git';
const NEW = 'https://github.com/acme/new-gitops.git';

const objectsIn = (out: string) => Object.entries(readTree(out)).filter(([p]) => p.startsWith(`${ARGOCD}/`)).map(([, text]) => parse(text));
const platformProject = (out: string) => {
  const project = parse(readTree(out)[PROJECT]);
  return new ArgoProject(project.metadata.name, project.spec);
};

describe('moving gitops.repoURL', () => {
  test('in one commit it is refused at gitops.repoURL, writing nothing: the new platform project would not permit the repository the running root reads', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    fleet.gitops.repoURL = NEW;
    const problems = refused(out, () => synth(fleet, { outDir: out, outputsDir, ...withCache }));
    expect(problems).toEqual([expect.objectContaining({ path: 'gitops.repoURL', given: JSON.stringify(NEW), allowed: expect.stringContaining('gitops.formerRepoURLs') })]);
  });

  test('in two commits: while the old repository is listed the project permits the root before and after it applies its new spec; then every Application reads the new one', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    const running = parse(readTree(out)[ROOT]);
    // Commit 1.
    fleet.gitops.repoURL = NEW;
    fleet.gitops.formerRepoURLs = [OLD];
    const first = synth(fleet, { outDir: out, outputsDir, ...withCache });
    expect(first.warnings.filter((w) => w.includes('formerRepoURLs'))).toEqual([]);
    const moving = platformProject(out);
    expect(moving.isSourcePermitted(running.spec.source.repoURL)).toBe(true);
    expect(parse(readTree(out)[ROOT]).spec.source.repoURL).toBe(NEW);
    for (const o of objectsIn(out).filter((x) => x.kind === 'Application' && x.spec.project === 'acme-platform-platform')) {
      expect([o.metadata.name, moving.isSourcePermitted(o.spec.source.repoURL)]).toEqual([o.metadata.name, true]);
    }
    // Any later synth, the root reading the new repository, reminds of commit 2 (so does a synth with nothing changed, from its stamp).
    const later = synth(fleet, { outDir: out, outputsDir, ...withCache });
    expect(later.warnings.filter((w) => w.includes('formerRepoURLs'))).toEqual([expect.stringMatching(/^gitops\.formerRepoURLs still lists https:\/\/github\.com\/acme\/platform-gitops\.git, and the root app acme-platform-root reads https:\/\/github\.com\/acme\/new-gitops\.git since the previous synth/)]);
    // Commit 2, once the root reads the new repository.
    delete fleet.gitops.formerRepoURLs;
    synth(fleet, { outDir: out, outputsDir, ...withCache });
    const moved = platformProject(out);
    expect(moved.isSourcePermitted(OLD)).toBe(false);
    const gitApps = objectsIn(out).filter((x) => x.kind === 'Application' && x.spec.source?.path !== undefined && x.spec.source.repoURL !== 'https://argoproj.github.io/argo-helm');
    expect(gitApps.map((o) => o.spec.source.repoURL).filter((u) => u !== NEW)).toEqual([]);
  });
});

describe('moving gitops.targetRevision', () => {
  test('is refused at gitops.targetRevision, writing nothing; with --allow-change gitops-revision-change every Application of the fleet\'s repository reads the new revision', () => {
    const { fleet, out, outputsDir } = synthesizedFullFleet(withCache);
    fleet.gitops.targetRevision = 'release';
    const problems = refused(out, () => synth(fleet, { outDir: out, outputsDir, ...withCache }));
    expect(problems).toEqual([expect.objectContaining({ path: 'gitops.targetRevision', given: '"release"', allowed: expect.stringContaining('--allow-change gitops-revision-change') })]);
    synth(fleet, { outDir: out, outputsDir, ...withCache, allowChanges: ['gitops-revision-change'] });
    const fleetApps = objectsIn(out).filter((x) => x.kind === 'Application' && x.spec.source?.repoURL === OLD);
    expect(fleetApps.map((o) => o.spec.source.targetRevision).filter((r) => r !== 'release')).toEqual([]);
    expect(parse(readTree(out)[ROOT]).spec.source.targetRevision).toBe('release');
  });
});

describe('switching the management cluster', () => {
  test('is refused at the former management cluster\'s role, writing nothing', () => {
    const { fleet, out } = synthesizedFullFleet(withCache);
    clusterOf(fleet, 'mgmt').role = 'workload';
    clusterOf(fleet, 'mgmt').accountId = clusterOf(fleet, 'aws-prod').accountId;
    clusterOf(fleet, 'aws-prod').role = 'management';
    for (const app of fleet.apps) delete app.overrides?.['aws-prod'];
    const outputsDir = outputsFolder(fakeOutputsWithAddons(fleet));
    const problems = refused(out, () => synth(fleet, { outDir: out, outputsDir, ...withCache }));
    expect(problems).toEqual([expect.objectContaining({ path: 'clusters[mgmt].role', given: '"workload"' })]);
  });
});
