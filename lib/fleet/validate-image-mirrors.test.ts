import { testFleet } from '../../test/fleets';
import { resolveFleet } from './resolve-fleet';
import { fleetProblems } from './validate-fleet';
import { crossCloudMirrorWarnings } from './validate-image-mirrors';

const ECR = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub';
const problemsAt = (f: unknown, path: string) => fleetProblems(f).filter((p) => p.path === path);
const withClusterMirrors = (imageMirrors: unknown) => {
  const f = testFleet();
  (f.clusters as { name: string; imageMirrors?: unknown }[]).find((c) => c.name === 't-aws')!.imageMirrors = imageMirrors;
  return f;
};
const withFleetMirrors = (imageMirrors: unknown) => ({ ...testFleet(), imageMirrors });

describe('imageMirrors', () => {
  test('is optional, and takes each cloud its own cache: ECR, Artifact Registry, ACR, or any registry with a host and path', () => {
    expect(fleetProblems(withClusterMirrors({ 'docker.io': ECR, 'quay.io': '123456789012.dkr.ecr.eu-west-1.amazonaws.com/quay', 'registry.k8s.io': 'harbor.example.com:8443/k8s' }))).toEqual([]);
    expect(fleetProblems(withFleetMirrors({
      aws: { 'docker.io': ECR },
      gcp: { 'docker.io': 'europe-west1-docker.pkg.dev/acme-prod/docker-hub', 'ghcr.io': 'europe-west1-docker.pkg.dev/acme-prod/ghcr' },
      azure: { 'docker.io': 'acmecache.azurecr.io/docker-hub', 'ecr-public.aws.com': 'acmecache.azurecr.io' },
    }))).toEqual([]);
  });

  test.each([
    ['the value has a scheme', { 'docker.io': `https://${ECR}` }, /has a scheme/, `"${ECR}"`],
    ['the value ends with a slash', { 'docker.io': `${ECR}/` }, /ends with "\/"/, `"${ECR}"`],
    ['the value names a tag', { 'docker.io': `${ECR}:latest` }, /tag or digest/, `"${ECR}"`],
    ['the value names a digest', { 'docker.io': `${ECR}@sha256:${'a'.repeat(64)}` }, /tag or digest/, `"${ECR}"`],
    ['the host has no "." or port, so Docker Hub would read it as a namespace', { 'docker.io': 'mirror/docker-hub' }, /Docker Hub namespace/, /full host name/],
    ['a path segment has capitals', { 'docker.io': '123456789012.dkr.ecr.eu-west-1.amazonaws.com/DockerHub' }, /"DockerHub" is not a valid repository name part/, /lowercase|e\.g\./],
    ['the value is empty', { 'docker.io': '' }, /address of a registry mirror/, /e\.g\./],
    ['the value is not a string', { 'docker.io': 42 }, /address of a registry mirror/, /e\.g\./],
  ])('fails when %s', (_, mirrors, message, allowed) => {
    const found = problemsAt(withClusterMirrors(mirrors), 'clusters[t-aws].imageMirrors[docker.io]');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(message);
    if (typeof allowed === 'string') expect(found[0].allowed).toBe(allowed);
    else expect(found[0].allowed).toMatch(allowed);
  });

  test('fails when a key is a registry nothing the platform runs pulls from, with the closest and every allowed registry', () => {
    const found = fleetProblems(withClusterMirrors({ 'dockr.io': ECR, 'public.ecr.aws': ECR }));
    const typo = found.find((p) => p.path === 'clusters[t-aws].imageMirrors.dockr.io')!;
    expect(typo.message).toBe('unknown field; did you mean "docker.io"?');
    const other = found.find((p) => p.path === 'clusters[t-aws].imageMirrors.public.ecr.aws')!;
    expect(other.allowed).toBe('"docker.io", "ecr-public.aws.com", "ghcr.io", "quay.io", "registry.k8s.io"');
    expect(found).toHaveLength(2);
  });

  test('fails when the fleet\'s map for a cloud names another cloud\'s private registry, or a cloud is unknown', () => {
    const f = withFleetMirrors({ azure: { 'quay.io': '123456789012.dkr.ecr.eu-west-1.amazonaws.com/quay' }, awz: {} });
    const wrong = problemsAt(f, 'imageMirrors.azure[quay.io]');
    expect(wrong).toHaveLength(1);
    expect(wrong[0].message).toMatch(/ECR private registry, which AKS nodes have no credentials for, and which serves no anonymous pull/);
    expect(problemsAt(f, 'imageMirrors.awz')[0].message).toBe('unknown field; did you mean "aws"?');
  });

  test('takes another cloud\'s Artifact Registry repository or ACR registry, which serve anonymous pulls once made public, and synth warns', () => {
    const f = withFleetMirrors({ gcp: { 'quay.io': 'acmecache.azurecr.io/quay' } });
    (f.clusters as { name: string; imageMirrors?: unknown }[]).find((c) => c.name === 't-aws')!.imageMirrors = { 'docker.io': 'europe-west1-docker.pkg.dev/acme/docker-hub' };
    expect(fleetProblems(f)).toEqual([]);
    expect(crossCloudMirrorWarnings(resolveFleet(f))).toEqual([
      'EKS cluster t-aws: its nodes pull the platform\'s docker.io images from europe-west1-docker.pkg.dev/acme/docker-hub, an Artifact Registry repository, with no credentials for it: anonymously, which works only with the Artifact Registry Reader role granted to allUsers; otherwise every such pod stays in ImagePullBackOff',
      'GKE cluster t-gcp: its nodes pull the platform\'s quay.io images from acmecache.azurecr.io/quay, an Azure Container Registry, with no credentials for it: anonymously, which works only with its anonymous pull access on; otherwise every such pod stays in ImagePullBackOff',
    ]);
    // A cloud's own registry: no warning.
    expect(crossCloudMirrorWarnings(resolveFleet(withFleetMirrors({ gcp: { 'docker.io': 'europe-west1-docker.pkg.dev/acme/docker-hub' } })))).toEqual([]);
  });

  test('fails when one ECR mirror is given for two registries: a pull through cache rule has one upstream', () => {
    const found = problemsAt(withClusterMirrors({ 'docker.io': ECR, 'quay.io': ECR }), 'clusters[t-aws].imageMirrors[quay.io]');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/is also the mirror of docker\.io/);
    expect(problemsAt(withClusterMirrors({ 'docker.io': ECR, 'quay.io': ECR }), 'clusters[t-aws].imageMirrors[docker.io]')).toEqual([]);
  });

  test('fails when a cluster\'s ECR mirror is one the fleet\'s map gives another registry that the cluster keeps: the cluster resolves to both', () => {
    const f = withFleetMirrors({ aws: { 'docker.io': ECR } });
    (f.clusters as { name: string; imageMirrors?: unknown }[]).find((c) => c.name === 't-aws')!.imageMirrors = { 'quay.io': ECR };
    const found = problemsAt(f, 'clusters[t-aws].imageMirrors[quay.io]');
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^is also the mirror of docker\.io \(the fleet's imageMirrors\.aws, which this cluster keeps\)/);
    // Its own docker.io replaces the fleet's: no two registries share the rule then.
    (f.clusters as { name: string; imageMirrors?: unknown }[]).find((c) => c.name === 't-aws')!.imageMirrors = { 'quay.io': ECR, 'docker.io': '123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker' };
    expect(fleetProblems(f)).toEqual([]);
  });

  test('fails when imageMirrors is not a map', () => {
    expect(problemsAt(withClusterMirrors(ECR), 'clusters[t-aws].imageMirrors')[0].message).toMatch(/map from a registry to its mirror/);
    expect(problemsAt(withFleetMirrors(['aws']), 'imageMirrors')[0].message).toMatch(/map of mirrors per cloud/);
  });
});

describe('imageMirrors, resolved', () => {
  test('a cluster takes its cloud\'s fleet mirrors, and its own replace them registry by registry', () => {
    const f = withFleetMirrors({
      aws: { 'quay.io': '123456789012.dkr.ecr.us-west-2.amazonaws.com/quay', 'docker.io': '123456789012.dkr.ecr.us-west-2.amazonaws.com/docker-hub' },
      gcp: { 'docker.io': 'us-central1-docker.pkg.dev/acme/docker-hub' },
    });
    (f.clusters as { name: string; imageMirrors?: unknown }[]).find((c) => c.name === 't-aws')!.imageMirrors = { 'docker.io': ECR };
    const clusters = new Map(resolveFleet(f).clusters.map((c) => [c.name, c]));
    // t-aws: its own docker.io, the fleet's quay.io; keys sorted.
    expect(Object.entries(clusters.get('t-aws')!.imageMirrors!)).toEqual([['docker.io', ECR], ['quay.io', '123456789012.dkr.ecr.us-west-2.amazonaws.com/quay']]);
    expect(clusters.get('t-gcp')!.imageMirrors).toEqual({ 'docker.io': 'us-central1-docker.pkg.dev/acme/docker-hub' });
    // No map for Azure: nothing, not an empty map, so a fleet without mirrors resolves as before.
    expect('imageMirrors' in clusters.get('t-azure')!).toBe(false);
  });
});
