import { BAD_FLEETS } from '../../test/bad-fleets';
import { clusterOf, fullFleet } from '../../test/fleet-fixture';
import { FleetError } from './fleet-error';
import { fleetProblems, validateFleet } from './validate-fleet';
import { fakeOutputsWithAddons, richTestFleet } from '../../test/fleets';
import { resourcesOf, synthFleetStack } from '../../test/stack-fixture';

const paths = (f: unknown) => fleetProblems(f).map((p) => p.path);

describe('validateFleet', () => {
  test('accepts the example fleet', () => {
    expect(fleetProblems(fullFleet())).toEqual([]);
  });

  test('reports every problem at once, each with its path, value given and what is allowed', () => {
    const f = fullFleet();
    clusterOf(f, 'aws-prod').nodePools[1].maxSize = -1;
    clusterOf(f, 'gcp-prod').region = 'mars-central1';
    f.gitops.repoURL = 'not a url';
    // WHEN
    let error: unknown;
    try {
      validateFleet(f);
    } catch (e) {
      error = e;
    }
    // THEN
    expect(error).toBeInstanceOf(FleetError);
    const problems = (error as FleetError).problems;
    expect(problems.map((p) => p.path)).toEqual(['gitops.repoURL', 'clusters[aws-prod].nodePools[spot].maxSize', 'clusters[gcp-prod].region']);
    expect(problems[1]).toMatchObject({ given: '-1', allowed: '1 to 1000' });
    expect((error as Error).message).toContain('clusters[gcp-prod].region: not a GKE region; given "mars-central1"; allowed one of');
  });

  test('gitops.formerRepoURLs: git URLs without credentials, not gitops.repoURL itself, each once; a misspelt field is named', () => {
    const f = fullFleet() as any;
    f.gitops.formerRepoURLs = ['https://github.com/acme/old.git', 'not a url', 'https://github.com/acme/platform-gitops.git', 'https://github.com/acme/old.git', 'https://user:secret@github.com/acme/x.git'];
    expect(fleetProblems(f).map((p) => [p.path, p.message])).toEqual([
      ['gitops.formerRepoURLs[4]', expect.stringContaining('credential')],
      ['gitops.formerRepoURLs[1]', 'must be a git URL without credentials'],
      ['gitops.formerRepoURLs[2]', 'is gitops.repoURL itself'],
      ['gitops.formerRepoURLs[3]', 'listed twice'],
    ]);
    f.gitops.formerRepoURLs = 'https://github.com/acme/old.git';
    expect(paths(f)).toEqual(['gitops.formerRepoURLs']);
    delete f.gitops.formerRepoURLs;
    f.gitops.formerRepoURL = ['https://github.com/acme/old.git'];
    expect(fleetProblems(f)).toEqual([expect.objectContaining({ path: 'gitops.formerRepoURL', message: 'unknown field; did you mean "formerRepoURLs"?' })]);
    delete f.gitops.formerRepoURL;
    f.gitops.formerRepoURLs = ['https://github.com/acme/old.git'];
    expect(fleetProblems(f)).toEqual([]);
  });

  test('node OS disk sizes are per service: 25 GiB is refused on AKS (30 to 2048) and taken on EKS and GKE (20 to 2048)', () => {
    const f = fullFleet();
    for (const c of ['aws-prod', 'gcp-prod', 'azure-prod']) clusterOf(f, c).nodePools[0].diskSizeGb = 25;
    expect(fleetProblems(f)).toEqual([expect.objectContaining({ path: 'clusters[azure-prod].nodePools[system].diskSizeGb', given: '25', allowed: '30 to 2048' })]);
  });

  test('a DNS endpoint\'s address may be an IPv4 address, which istiod takes as it is (istio 1.30.3 pkg/config/validation/validation.go ValidateServiceEntry: netutil.IsValidIPAddress before ValidateFQDN); one Go does not parse as IPv4 is a name ending in a numeric label', () => {
    const f = fullFleet();
    f.meshServices[0].endpoints[0].address = '10.20.0.15';
    expect(fleetProblems(f)).toEqual([]);
    f.meshServices[0].endpoints[0].address = '10.20.0.256';
    expect(fleetProblems(f)).toEqual([expect.objectContaining({ path: 'meshServices[api].endpoints[0].address', message: 'istiod\'s validating webhook refuses this endpoint address: its top-level label "256" is all digits' })]);
  });

  // A mutator edits the fleet in place, or returns something to validate instead of it.
  test.each(BAD_FLEETS)('fails when %s', (_, breakIt, path) => {
    const f = fullFleet();
    const input = breakIt(f) ?? f;
    expect(paths(input)).toContain(path);
  });
});

describe('the AKS system pool', () => {
  test('an AKS cluster created with a system pool named otherwise keeps it through systemPool: valid, and its stack\'s default pool', () => {
    const f = fullFleet();
    const aks = clusterOf(f, 'azure-prod');
    aks.nodePools.find((x: { name: string }) => x.name === 'system').name = 'general';
    expect(paths(f)).toEqual(['clusters[azure-prod].nodePools']);
    expect(fleetProblems(f)[0].message).toContain('set systemPool: "general"');
    aks.systemPool = 'general';
    expect(paths(f)).toEqual([]);
    const stack = synthFleetStack(f, 'azure-prod', fakeOutputsWithAddons(f));
    expect(resourcesOf(stack, 'azurerm_kubernetes_cluster')[0].default_node_pool.name).toBe('general');
  });
});

describe('AKS temporary pool names (temporary_name_for_rotation)', () => {
  // GIVEN azure-prod's pools: system (temporary name "rotating") and spot ("spottmp"); WHEN `edit` changes them
  const problemsWith = (edit: (pools: any[]) => void) => {
    const f = fullFleet();
    edit(clusterOf(f, 'azure-prod').nodePools);
    return fleetProblems(f);
  };

  test.each([
    ['a pool is named like another pool\'s temporary pool', (pools: any[]) => pools.push({ ...pools[1], name: 'spottmp' }), {
      path: 'clusters[azure-prod].nodePools[spottmp].name',
      message: 'is the temporary name of pool "spot" (temporary_name_for_rotation), the pool AKS creates beside it to change its machineType, diskSizeGb or zones',
      given: '"spottmp"',
      allowed: 'a name other than the other pools\' temporary names ("rotating", "spottmp")',
    }],
    ['two pools share a temporary name (reported at the second)', (pools: any[]) => { pools[1].name = 'workloads1'; pools.push({ ...pools[1], name: 'workloads2' }); }, {
      path: 'clusters[azure-prod].nodePools[workloads2].name',
      message: 'has the same temporary name (temporary_name_for_rotation) as pool "workloads1": "workloadstmp", the first 9 characters of the name then "tmp"',
      given: '"workloads2"',
      allowed: 'a name whose first 9 characters differ from those of "workloads1"',
    }],
  ])('fails when %s, naming the pool, the name given and what is allowed', (_, edit, problem) => {
    expect(problemsWith(edit)).toEqual([problem]);
  });

  test('pools whose names differ in their first 9 characters pass', () => {
    expect(problemsWith((pools) => pools.push({ ...pools[1], name: 'batch' }, { ...pools[1], name: 'rotatin' }, { ...pools[1], name: 'gpupool1tmp' }))).toEqual([]);
  });
});

describe('the AKS system pool is the pool named "system"', () => {
  // GIVEN azure-prod's pools: system (regular, minSize 2) and spot; WHEN `edit` changes them
  const problemsWith = (edit: (pools: any[]) => void) => {
    const f = fullFleet();
    edit(clusterOf(f, 'azure-prod').nodePools);
    return fleetProblems(f);
  };

  test('fails when no pool is named "system", at nodePools, naming the pool the implicit rule would have picked', () => {
    expect(problemsWith((pools) => { pools[0].name = 'general'; })).toEqual([{
      path: 'clusters[azure-prod].nodePools',
      message: 'an AKS cluster needs a pool named "system": it becomes the cluster\'s default (system) pool, and azurerm replaces the whole cluster whenever that pool\'s name changes: name the pool that runs the cluster\'s system pods "system" (e.g. rename "general"), or, for a cluster that exists with "general" as its system pool, set systemPool: "general"',
      given: '["general","spot"]',
      allowed: 'a pool named "system", not spot, minSize >= 1, no taints (renaming the default pool of an existing cluster replaces the cluster)',
    }]);
  });

  test('fails when the system pool is spot, or can scale to zero, at its field', () => {
    expect(problemsWith((pools) => { pools[0].spot = true; }).map((p) => [p.path, p.message])).toEqual([['clusters[azure-prod].nodePools[system].spot', 'the AKS system pool cannot be spot (AKS: spot node pools must be user pools)']]);
    expect(problemsWith((pools) => { pools[0].minSize = 0; }).map((p) => [p.path, p.message])).toEqual([['clusters[azure-prod].nodePools[system].minSize', 'the AKS system pool needs at least one node (AKS refuses a system pool that can scale to zero)']]);
  });

  test('a regular pool that sorts before "system" is a user pool: adding one passes and moves nothing', () => {
    expect(problemsWith((pools) => pools.push({ ...pools[0], name: 'batch' }))).toEqual([]);
  });
});

describe('an app\'s per-cluster values', () => {
  test('fail at the cluster they name when the app does not run there, with a suggestion for a slip of the keyboard', () => {
    const f = fullFleet();
    f.apps[0].overrides = { 'aws-prdo': { replicaCount: 3 } };
    expect(fleetProblems(f)).toContainEqual(expect.objectContaining({ path: 'apps[podinfo].overrides[aws-prdo]', message: 'not a workload cluster this app runs on; did you mean "aws-prod"?', given: '"aws-prdo"' }));
  });
});

// helm v3.19.4 pkg/chartutil/validate_name.go: a release name over 53 characters is refused, by
// `helm template` too (pkg/action/install.go availableName), which Argo CD v3.4.7 runs with the app's name.
describe('an app\'s name as a Helm release', () => {
  // Workload clusters t-aws, t-gcp, t-azure: every Application name "<cluster>-<app>" fits 63 up to 55 characters.
  const named = (name: string, source?: unknown) => {
    const f = richTestFleet();
    f.apps[0].name = name;
    if (source) f.apps[0].source = source;
    return fleetProblems(f).filter((p) => p.path === `apps[${name}].name`);
  };

  test('fails when an app with a Helm source has a name over 53 characters, though its Applications\' names fit 63', () => {
    const name = `p${'a'.repeat(53)}`;
    expect(`t-azure-${name}`.length).toBe(62);
    expect(named(name)).toEqual([expect.objectContaining({ message: expect.stringContaining('too long for a Helm release'), allowed: 'at most 53 characters' })]);
    expect(named(name, { git: { path: 'apps/web', helm: true } })).toHaveLength(1);
  });

  test('passes at 53 characters, and at 54 for plain manifests or a Kustomization, which have no release', () => {
    expect(named(`p${'a'.repeat(52)}`)).toEqual([]);
    expect(named(`p${'a'.repeat(53)}`, { git: { path: 'apps/web' } })).toEqual([]);
    expect(named(`p${'a'.repeat(53)}`, { git: { path: 'apps/web', kustomize: true } })).toEqual([]);
  });
});

describe('an app\'s fleetParameters', () => {
  test('fails when it is no boolean, or set on a source that is not a Helm chart', () => {
    const f = fullFleet();
    f.apps[0].fleetParameters = 'no';
    f.apps[1].source = { git: { path: 'apps/checkout', kustomize: true } };
    f.apps[1].fleetParameters = false;
    const problems = fleetProblems(f);
    expect(problems).toContainEqual(expect.objectContaining({ path: 'apps[podinfo].fleetParameters', message: 'must be a boolean' }));
    expect(problems).toContainEqual(expect.objectContaining({ path: 'apps[checkout].fleetParameters', message: expect.stringContaining('need a Helm source') }));
  });

  test('passes off on a Helm chart, from a repository or a git folder', () => {
    const f = fullFleet();
    f.apps[0].fleetParameters = false;
    f.apps[1].fleetParameters = false;
    expect(fleetProblems(f)).toEqual([]);
  });
});

describe('an app\'s ignoreDifferences', () => {
  const withIgnored = (ignored: unknown) => {
    const f = fullFleet();
    f.apps[0].ignoreDifferences = ignored;
    return fleetProblems(f);
  };

  test('pass in every form Argo CD reads: a group or the core group, a name or none, pointers, jq paths, managers', () => {
    expect(withIgnored([
      { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas', '/metadata/annotations/a~1b'] },
      { kind: 'ConfigMap', name: 'podinfo.cache', jqPathExpressions: ['.data | keys'] },
      { group: 'autoscaling', kind: 'HorizontalPodAutoscaler', managedFieldsManagers: ['kube-controller-manager'] },
    ])).toEqual([]);
  });

  // argo-cd v3.4.4 util/argo/diff/ignore.go HasIgnoreDifference and normalizers/diff_normalizer.go match
  // group and kind with glob.Match; docs/user-guide/diffing.md ignores a manager's fields with group and kind '*'.
  test('pass with a glob for the group or the kind, as Argo CD matches them', () => {
    expect(withIgnored([
      { group: '*', kind: '*', managedFieldsManagers: ['kube-controller-manager'] },
      { group: '*.example.com', kind: 'Widget*', jsonPointers: ['/spec/size'] },
    ])).toEqual([]);
  });

  // Kubernetes validates RBAC object names as path segments (pkg/apis/rbac/validation ValidateRBACName:
  // apimachinery path.IsValidPathSegmentName), so a Role may be named with a colon, unlike a Deployment.
  test('pass with a Role\'s or RoleBinding\'s name that is a path segment, not a DNS name; fail with one holding a slash', () => {
    expect(withIgnored([{ group: 'rbac.authorization.k8s.io', kind: 'Role', name: 'team:reader', jsonPointers: ['/rules'] }])).toEqual([]);
    expect(withIgnored([{ group: 'rbac.authorization.k8s.io', kind: 'RoleBinding', name: 'team/reader', jsonPointers: ['/subjects'] }])).toContainEqual(expect.objectContaining({ path: 'apps[podinfo].ignoreDifferences[0].name' }));
    expect(withIgnored([{ group: 'apps', kind: 'Deployment', name: 'team:reader', jsonPointers: ['/spec/replicas'] }])).toContainEqual(expect.objectContaining({ path: 'apps[podinfo].ignoreDifferences[0].name' }));
  });

  test('fail at each wrong field, all at once, with what is allowed and the likely fix', () => {
    const problems = withIgnored([
      { group: 'apps/v1', kind: 'deployment', jsonPointers: ['spec.replicas', '/a~2b'] },
      { group: 'apps', kind: 'Deployment' },
      { group: 'apps', kind: 'Deployment', name: 'Not_A_Name', jqPathExpressions: [''], managedFieldsManagers: 'hpa' },
    ]);
    const at = (path: string) => problems.find((p) => p.path === `apps[podinfo].ignoreDifferences${path}`);
    expect(at('[0].group')).toEqual(expect.objectContaining({ given: '"apps/v1"', allowed: '"apps"' }));
    expect(at('[0].kind')).toEqual(expect.objectContaining({ given: '"deployment"' }));
    expect(at('[0].jsonPointers[0]')).toEqual(expect.objectContaining({ message: 'must be a JSON pointer (RFC 6901)', allowed: '"/spec/replicas"' }));
    expect(at('[0].jsonPointers[1]')).toEqual(expect.objectContaining({ given: '"/a~2b"' }));
    expect(at('[1]')).toEqual(expect.objectContaining({ message: 'names no field: Argo CD would ignore nothing' }));
    expect(at('[2].name')).toBeDefined();
    expect(at('[2].jqPathExpressions[0]')).toEqual(expect.objectContaining({ message: 'must be a non-empty string' }));
    expect(at('[2].managedFieldsManagers')).toEqual(expect.objectContaining({ message: 'must be a list of strings' }));
    expect(problems.filter((p) => p.path.startsWith('apps[podinfo].ignoreDifferences'))).toHaveLength(8);
  });

  // The core group's apiVersion is `v1`, and no API group is a bare version: a custom resource's group has a dot
  // (apiextensions validation), the built-in ones are names (apps, batch, policy…). Argo CD would match nothing.
  test('fails when the group is the core group\'s version: the suggestion is to leave it out', () => {
    expect(withIgnored([{ group: 'v1', kind: 'ConfigMap', jsonPointers: ['/data'] }])).toContainEqual(expect.objectContaining({ path: 'apps[podinfo].ignoreDifferences[0].group', given: '"v1"', allowed: 'leave it out: the core group' }));
  });

  test('an unknown field fails with the field meant; a value that is no list fails at the list', () => {
    expect(withIgnored([{ group: 'apps', kind: 'Deployment', jsonPointer: ['/spec/replicas'] }])).toContainEqual(expect.objectContaining({ path: 'apps[podinfo].ignoreDifferences[0].jsonPointer', message: expect.stringContaining('"jsonPointers"') }));
    expect(withIgnored({ kind: 'Deployment' })).toContainEqual(expect.objectContaining({ path: 'apps[podinfo].ignoreDifferences', message: 'must be a list' }));
  });
});
