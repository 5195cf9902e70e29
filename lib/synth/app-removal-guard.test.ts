import { resolveFleet } from '../fleet';
import { fullFleet, LooseFleet } from '../../test/fleet-fixture';
import { appNamespaceChanges, FutureFiles, removedApps } from './app-removal-guard';
import { OutputIndex } from './output-index';
import { SynthCache } from './synth-cache';
import { tempDir } from '../../test/tree';

// The full test fleet (acme-platform): podinfo (ApplicationSet, namespace podinfo) and checkout
// (explicit Applications, namespace checkout), on aws-prod, gcp-prod and azure-prod.
const ARGOCD = 'k8s/aws/mgmt/argocd';
const WORKLOADS = [['aws', 'aws-prod'], ['gcp', 'gcp-prod'], ['azure', 'azure-prod']] as const;
const project = (app: string) => `${ARGOCD}/appproject.argoproj.io_acme-platform-app-${app}.yaml`;
const namespaceFile = (cloud: string, cluster: string, ns: string) => `k8s/${cloud}/${cluster}/_bootstrap/_cluster/namespace_${ns}.yaml`;
const namespaces = (ns: string) => WORKLOADS.map(([cloud, c]) => namespaceFile(cloud, c, ns));
const projectYaml = (ns: string) => `apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nspec:\n  destinations:\n${WORKLOADS.map(([, c]) => `    - name: ${c}\n      namespace: ${ns}\n`).join('')}`;

/** The previous synth's files of the two apps, and how to read their projects. */
const PODINFO = [project('podinfo'), `${ARGOCD}/applicationset.argoproj.io_podinfo.yaml`, ...namespaces('podinfo')];
const CHECKOUT = [project('checkout'), ...WORKLOADS.map(([, c]) => `${ARGOCD}/application.argoproj.io_${c}-checkout.yaml`), ...namespaces('checkout')];
const PREVIOUS: OutputIndex = { generator: 'fleetsynth', files: Object.fromEntries([...PODINFO, ...CHECKOUT, `${ARGOCD}/application.argoproj.io_acme-platform-root.yaml`].map((f) => [f, 'x'])) };
const read = (p: string) => ({ [project('podinfo')]: projectYaml('podinfo'), [project('checkout')]: projectYaml('checkout') })[p];
/** A synth of the whole fleet writing these files (and no other of the apps'). */
const writes = (...files: string[]): FutureFiles => ({ written: files, carried: [] });

const changed = (edit: (f: LooseFleet) => void) => {
  const f = fullFleet();
  edit(f);
  return resolveFleet(f);
};
const app = (f: LooseFleet, name: string) => f.apps.find((a: { name: string }) => a.name === name);
const withoutPodinfo = (f: LooseFleet) => {
  f.apps = f.apps.filter((a: { name: string }) => a.name !== 'podinfo');
};

describe('removedApps', () => {
  test('nothing without a previous synth, or when every app it deployed is still in the fleet', () => {
    const fleet = resolveFleet(fullFleet());
    expect(removedApps(fleet, undefined, writes(), read)).toEqual([]);
    expect(removedApps(fleet, PREVIOUS, writes(...PODINFO, ...CHECKOUT), read)).toEqual([]);
  });

  test('fails when an app the previous synth deployed is gone, at apps, saying its workloads and its namespace with its volumes are deleted', () => {
    expect(removedApps(changed(withoutPodinfo), PREVIOUS, writes(...CHECKOUT), read)).toEqual([
      {
        path: 'apps',
        message:
          'app podinfo, which the previous synth deployed, is no longer in the fleet: the root app would prune its ApplicationSet, and Kubernetes then its Applications <cluster>-podinfo, and Argo CD delete everything they deployed (resources finalizer); the bootstrap stage would delete namespace podinfo on aws-prod, azure-prod, gcp-prod, and Kubernetes every volume claim (with its volume, under the usual reclaim policy Delete) and Secret in it',
        given: 'no app "podinfo"',
        allowed: 'keep it in the fleet; or, to delete it with what it deployed, synth with --allow-app-removal podinfo (README, Apps, "Renaming, moving or removing an app")',
      },
    ]);
  });

  test('a hand-edited project whose destinations are not a list of objects names no namespace, and crashes nothing', () => {
    for (const destinations of ['  destinations: everywhere\n', '  destinations:\n    - 7\n    - null\n']) {
      const broken = (p: string) => (p === project('podinfo') ? `apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nspec:\n${destinations}` : read(p));
      const [problem] = removedApps(changed(withoutPodinfo), PREVIOUS, writes(...CHECKOUT), broken);
      expect(problem.path).toBe('apps');
      expect(problem.message).toContain('app podinfo, which the previous synth deployed, is no longer in the fleet');
    }
  });

  test('fails when an app of explicit Applications is gone, naming them, and leaves out a namespace another app still uses', () => {
    const fleet = changed((f) => {
      f.apps = f.apps.filter((a: { name: string }) => a.name !== 'checkout');
      app(f, 'podinfo').namespace = 'checkout';
    });
    const [problem] = removedApps(fleet, PREVIOUS, writes(...namespaces('checkout')), read);
    expect(problem.message).toContain('the root app would prune its Applications <cluster>-checkout, and Argo CD delete everything they deployed (resources finalizer)');
    expect(problem.message).not.toContain('namespace checkout');
  });

  test('fails when an app is renamed, at apps[<new name>].name: a renamed app is a removed one plus a new one', () => {
    const fleet = changed((f) => {
      app(f, 'podinfo').name = 'web';
    });
    // web keeps namespace podinfo: its namespace files are written again, so the namespace stays.
    expect(removedApps(fleet, PREVIOUS, writes(project('web'), ...namespaces('podinfo'), ...CHECKOUT), read)).toEqual([
      {
        path: 'apps[web].name',
        message: expect.stringMatching(/^app podinfo, which the previous synth deployed, is no longer in the fleet \(renamed to web\? a renamed app is a removed one plus a new one: .*\): the root app would prune its ApplicationSet, .*resources finalizer\)$/),
        given: '"web"',
        allowed: '"podinfo" as before; to rename it, add web beside it, move traffic and data over, then remove podinfo with --allow-app-removal podinfo (README, Apps, "Renaming, moving or removing an app")',
      },
    ]);
  });

  test('a removal allowed passes; the others are still checked', () => {
    const fleet = changed((f) => {
      f.apps = [];
    });
    expect(removedApps(fleet, PREVIOUS, writes(), read, ['podinfo']).map((p) => p.given)).toEqual(['no app "checkout"']);
    expect(removedApps(fleet, PREVIOUS, writes(), read, ['podinfo', 'checkout'])).toEqual([]);
  });

  test('--cluster: refused where the selection prunes something of the app (there only), not where it touches nothing of it', () => {
    const fleet = changed(withoutPodinfo);
    const everythingBut = (...gone: string[]) => [...PODINFO, ...CHECKOUT].filter((p) => !gone.includes(p));
    // --cluster mgmt: podinfo's project, ApplicationSet and namespaces are carried as they are.
    expect(removedApps(fleet, PREVIOUS, { written: [], carried: everythingBut() }, read)).toEqual([]);
    // --cluster gcp-prod: its namespace podinfo is pruned.
    const gcp = namespaceFile('gcp', 'gcp-prod', 'podinfo');
    const [problem] = removedApps(fleet, PREVIOUS, { written: [namespaceFile('gcp', 'gcp-prod', 'checkout')], carried: everythingBut(gcp, namespaceFile('gcp', 'gcp-prod', 'checkout')) }, read);
    expect(problem.path).toBe('apps');
    expect(problem.message).toContain('delete namespace podinfo on gcp-prod, and Kubernetes');
  });
});

describe('appNamespaceChanges', () => {
  const toCheckout2 = (f: LooseFleet) => {
    app(f, 'checkout').namespace = 'checkout2';
  };

  test('nothing without a previous synth, or when each app keeps its namespace', () => {
    expect(appNamespaceChanges(changed(toCheckout2), undefined, writes(), read)).toEqual([]);
    expect(appNamespaceChanges(resolveFleet(fullFleet()), PREVIOUS, writes(...PODINFO, ...CHECKOUT), read)).toEqual([]);
  });

  test('fails when an app changes namespace, at apps[<app>].namespace, saying the old namespace is deleted with what is in it', () => {
    const future = writes(...PODINFO, ...CHECKOUT.filter((p) => !p.includes('namespace_')), ...namespaces('checkout2'));
    expect(appNamespaceChanges(changed(toCheckout2), PREVIOUS, future, read)).toEqual([
      {
        path: 'apps[checkout].namespace',
        message:
          'the previous synth deployed the app into namespace checkout: the app would start anew in checkout2, on new volume claims, and the bootstrap stage would delete namespace checkout on aws-prod, azure-prod, gcp-prod, and Kubernetes every volume claim (with its volume, under the usual reclaim policy Delete) and Secret in it',
        given: '"checkout2"',
        allowed: '"checkout" as before; to move it, add an app in checkout2 beside it, move traffic and data over, then remove this one (README, Apps, "Renaming, moving or removing an app"); to give up what is in checkout now, synth with --allow-app-removal checkout',
      },
    ]);
    expect(appNamespaceChanges(changed(toCheckout2), PREVIOUS, future, read, ['checkout'])).toEqual([]);
  });

  test('fails when the old namespace stays (another app uses it), saying what the app deployed there is left behind', () => {
    const fleet = changed((f) => {
      app(f, 'podinfo').namespace = 'checkout';
      app(f, 'checkout').namespace = 'podinfo';
    });
    const problems = appNamespaceChanges(fleet, PREVIOUS, writes(...PODINFO, ...CHECKOUT), read);
    expect(problems.map((p) => p.path)).toEqual(['apps[checkout].namespace', 'apps[podinfo].namespace']);
    expect(problems[0].message).toBe('the previous synth deployed the app into namespace checkout: the app would start anew in podinfo, on new volume claims, and what it deployed in checkout would stay there, no longer Argo CD\'s (its project would no longer permit checkout)');
  });

  test('--cluster: not refused by a selection that writes and prunes nothing of the app', () => {
    const carried = [...PODINFO, ...CHECKOUT];
    expect(appNamespaceChanges(changed(toCheckout2), PREVIOUS, { written: [], carried }, read)).toEqual([]);
    // An explicit Application of the app written: refused.
    const aws = `${ARGOCD}/application.argoproj.io_aws-prod-checkout.yaml`;
    expect(appNamespaceChanges(changed(toCheckout2), PREVIOUS, { written: [aws], carried: carried.filter((p) => p !== aws) }, read).map((p) => p.path)).toEqual(['apps[checkout].namespace']);
  });
});

describe('the previous projects, with a cache', () => {
  const toCheckout2 = (f: LooseFleet) => {
    app(f, 'checkout').namespace = 'checkout-2';
  };

  test('a project as it was is not parsed again, and the guards judge as without the cache; other bytes are never answered from it', () => {
    const cache = new SynthCache(tempDir());
    const texts: Record<string, string | undefined> = { [project('podinfo')]: projectYaml('podinfo'), [project('checkout')]: projectYaml('checkout') };
    const readNow = (p: string) => texts[p];
    const judged = () => [
      removedApps(changed(withoutPodinfo), PREVIOUS, writes(...CHECKOUT), readNow, [], cache),
      appNamespaceChanges(changed(toCheckout2), PREVIOUS, writes(...PODINFO, ...CHECKOUT), readNow, [], cache),
    ];
    const without = [removedApps(changed(withoutPodinfo), PREVIOUS, writes(...CHECKOUT), readNow), appNamespaceChanges(changed(toCheckout2), PREVIOUS, writes(...PODINFO, ...CHECKOUT), readNow)];
    expect(without.map((problems) => problems.length)).toEqual([1, 1]);
    expect(judged()).toEqual(without);
    expect(cache.stats).toMatchObject({ written: 2 });
    const hits = cache.stats.hits;
    expect(judged()).toEqual(without);
    // Each call reads both projects: all four from the cache.
    expect(cache.stats.hits - hits).toBe(4);
    expect(cache.stats.written).toBe(2);
    // checkout's project edited by hand since (back to its first namespace, as an unchanged fleet would have it): read again.
    texts[project('checkout')] = projectYaml('checkout-2');
    expect(appNamespaceChanges(changed(toCheckout2), PREVIOUS, writes(...PODINFO, ...CHECKOUT), readNow, [], cache)).toEqual([]);
    expect(cache.stats.written).toBe(3);
  });
});
