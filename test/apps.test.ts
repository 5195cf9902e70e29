import { fleet as example } from './full-fleet';
import { resolveFleet } from '../lib/fleet';
import { prepareFleet, renderChecked, renderFleet, schemaProblems } from '../lib/synth';
import { fakeOutputsWithAddons } from './fleets';

describe('apps without values', () => {
  test('render and pass the placeholder and schema checks', () => {
    const bare = resolveFleet({
      ...example,
      apps: [
        { name: 'bare', namespace: 'bare', source: { helm: { repoURL: 'https://charts.example.com', chart: 'bare', version: '1.0.0' } } },
        { name: 'manifests', namespace: 'manifests', source: { git: { path: 'apps/manifests' } }, deployAs: 'applications' },
      ],
    });
    const rendered = renderFleet(bare, { outputs: new Map() });
    const set = rendered.files.find((f) => f.path.endsWith('applicationset.argoproj.io_bare.yaml'))!;
    expect(set.content).toMatch(/helmValues: \|\n\s+\{\}\n/);
    const objects = rendered.files.flatMap((f) => (f.objects ?? []).map((object) => ({ file: f.path, object })));
    expect(schemaProblems(objects)).toEqual([]);
  });
});

describe('Helm values holding {{', () => {
  test('an ApplicationSet app passes every check synth runs (convergence included) and its ApplicationSet holds them escaped, an explicit app inline as written', () => {
    const f: any = { ...example, apps: example.apps!.map((a) => ({ ...a })) };
    f.apps[0].source = { helm: { ...f.apps[0].source.helm, values: { podAnnotations: { release: '{{ .Release.Name }}' } } } };
    f.apps[1].source = { git: { ...f.apps[1].source.git, values: { podAnnotations: { release: '{{ .Release.Name }}' } } } };
    const { fleet, addons } = prepareFleet(f);
    const rendered = renderChecked(fleet, { outputs: fakeOutputsWithAddons(f), stackOutputs: new Map(), addons });
    const file = (name: string) => rendered.files.find((x) => x.path.endsWith(name))!.objects![0] as any;
    expect(file('applicationset.argoproj.io_podinfo.yaml').spec.generators[0].merge.generators[0].clusters.values.helmValues).toContain('release: "{{ "{{" }} .Release.Name }}"');
    expect(file('application.argoproj.io_aws-prod-checkout.yaml').spec.source.helm.valuesObject.podAnnotations).toEqual({ release: '{{ .Release.Name }}' });
  });
});

describe('an app\'s ignoreDifferences', () => {
  test('of the core group (group left out, or "") reach the Application and the ApplicationSet without a group, as Argo CD writes it; synth\'s checks pass', () => {
    const f: any = { ...example, apps: example.apps!.map((a) => ({ ...a })) };
    f.apps[0].ignoreDifferences = [{ kind: 'ConfigMap', name: 'podinfo', jsonPointers: ['/data'] }];
    f.apps[1].ignoreDifferences = [{ group: '', kind: 'ConfigMap', jsonPointers: ['/data'] }];
    const { fleet, addons } = prepareFleet(f);
    const rendered = renderChecked(fleet, { outputs: fakeOutputsWithAddons(f), stackOutputs: new Map(), addons });
    const file = (name: string) => rendered.files.find((x) => x.path.endsWith(name))!.objects![0] as any;
    expect(file('applicationset.argoproj.io_podinfo.yaml').spec.template.spec.ignoreDifferences).toEqual([{ kind: 'ConfigMap', name: 'podinfo', jsonPointers: ['/data'] }]);
    expect(file('application.argoproj.io_aws-prod-checkout.yaml').spec.ignoreDifferences).toEqual([{ kind: 'ConfigMap', jsonPointers: ['/data'] }]);
  });

  test('reach each Application, in the order written, with RespectIgnoreDifferences so that syncs keep the live values; an ApplicationSet\'s strings escaped for its Go template; apps without keep their sync options', () => {
    const f: any = { ...example, apps: example.apps!.map((a) => ({ ...a })) };
    const ignored = [
      { group: 'autoscaling', kind: 'HorizontalPodAutoscaler', managedFieldsManagers: ['kube-controller-manager'] },
      { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/template/metadata/annotations', '/spec/replicas'], jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "{{app}}") | .image'] },
    ];
    f.apps[0].ignoreDifferences = ignored;
    f.apps[1].ignoreDifferences = ignored;
    const { fleet, addons } = prepareFleet(f);
    const rendered = renderChecked(fleet, { outputs: fakeOutputsWithAddons(f), stackOutputs: new Map(), addons });
    const file = (name: string) => rendered.files.find((x) => x.path.endsWith(name))!.objects![0] as any;
    const expected = [
      { group: 'autoscaling', kind: 'HorizontalPodAutoscaler', managedFieldsManagers: ['kube-controller-manager'] },
      { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/template/metadata/annotations', '/spec/replicas'], jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "{{app}}") | .image'] },
    ];
    const explicit = file('application.argoproj.io_aws-prod-checkout.yaml').spec;
    expect(explicit.ignoreDifferences).toEqual(expected);
    expect(explicit.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    const template = file('applicationset.argoproj.io_podinfo.yaml').spec.template.spec;
    expect(template.ignoreDifferences).toEqual([expected[0], { ...expected[1], jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "{{ "{{" }}app}}") | .image'] }]);
    expect(template.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    const plain = resolveFleet(example);
    const before = renderFleet(plain, { outputs: new Map() }).files.find((x) => x.path.endsWith('applicationset.argoproj.io_podinfo.yaml'))!.objects![0] as any;
    expect(before.spec.template.spec.syncPolicy.syncOptions).not.toContain('RespectIgnoreDifferences=true');
    expect(before.spec.template.spec.ignoreDifferences).toBeUndefined();
  });
});
