import { parse } from 'yaml';
import { testFleet } from '../../../test/fleets';
import { renderForTest } from '../../testing';
import { ARGOCD_SELF_APPLICATION } from '../../fleet';
import { argoCdHelmValues } from './argocd-install';
import { argoCdSizingValues } from './argocd-sizing-values';

/*
 * What the fleet's `argoCd` sets on Argo CD's chart (argoproj/argo-helm argo-cd-10.1.1). The chart reads
 * `controller.replicas` twice in templates/argocd-application-controller/statefulset.yaml, for
 * `spec.replicas` and for the env `ARGOCD_CONTROLLER_REPLICAS` ({{ .Values.controller.replicas | quote }}),
 * so the two the sharding needs equal always agree; and `configs.params` becomes the ConfigMap
 * argocd-cmd-params-cm, whose keys the controller's env reads (ARGOCD_CONTROLLER_SHARDING_ALGORITHM from
 * `controller.sharding.algorithm`, ARGOCD_APPLICATION_CONTROLLER_STATUS_PROCESSORS and …_OPERATION_PROCESSORS).
 * The project has no offline Helm renderer: the paths are held against the templates in
 * test/chart-values-read.test.ts. Checked once by hand with `helm template` (v3.8.1) of argo-cd 10.1.1, with the
 * values synth writes for a fleet without and with every field: only the StatefulSet's replicas and
 * ARGOCD_CONTROLLER_REPLICAS ("3"), argocd-cmd-params-cm's three keys (as strings), the controller's,
 * repo server's and copyutil's resources, the repo server's replicas, and the checksum/cmd-params of
 * every Argo CD pod template (so all of Argo CD rolls on a change of algorithm or processors) differ.
 */

describe('Argo CD\'s size as chart values', () => {
  test('a fleet without argoCd sets nothing: Argo CD is installed as before', () => {
    expect(argoCdSizingValues({})).toEqual({});
    expect(argoCdHelmValues({ sizing: {} })).toEqual(argoCdHelmValues());
  });

  test('controller replicas are the chart\'s controller.replicas, never an env of ours (the chart writes ARGOCD_CONTROLLER_REPLICAS from it)', () => {
    const values = argoCdSizingValues({ controller: { replicas: 3 } });
    expect(values).toEqual({ controller: { replicas: 3 } });
    expect(JSON.stringify(values)).not.toContain('ARGOCD_CONTROLLER_REPLICAS');
  });

  test('sharding algorithm and processors are keys of argocd-cmd-params-cm (configs.params), as Argo CD documents them', () => {
    expect(argoCdSizingValues({ controller: { shardingAlgorithm: 'consistent-hashing', statusProcessors: 50, operationProcessors: 25 } })).toEqual({
      configs: { params: { 'controller.sharding.algorithm': 'consistent-hashing', 'controller.status.processors': '50', 'controller.operation.processors': '25' } },
    });
  });

  test('processors are written as the strings the ConfigMap holds: Helm reads a number as float64 and prints it from 1000000 on as "1e+06", which Argo CD cannot parse', () => {
    // helm/helm#12195: `{{ 1000000 }}` renders 1e+06; the chart writes `toString $value | toYaml` (templates/_helpers.tpl argo-cd.config.params).
    const params = (argoCdSizingValues({ controller: { statusProcessors: 1000000, operationProcessors: 2147483647 } }).configs as { params: Record<string, unknown> }).params;
    expect(params).toEqual({ 'controller.status.processors': '1000000', 'controller.operation.processors': '2147483647' });
  });

  test('resources and repo server replicas go where the chart reads them', () => {
    const resources = { requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '6Gi' } };
    expect(argoCdSizingValues({ controller: { resources }, repoServer: { replicas: 2, resources: { requests: { memory: '1Gi' } } } })).toEqual({
      controller: { resources },
      repoServer: { replicas: 2, resources: { requests: { memory: '1Gi' } } },
    });
  });

  test('merge beside the health check in argocd-cm and the identity values other parts add to the controller', () => {
    const identity = { controller: { env: [{ name: 'AWS_CONFIG_FILE', value: '/var/run/secrets/fleetsynth/aws-config' }] } };
    const values = argoCdHelmValues({ sizing: { controller: { replicas: 2, statusProcessors: 40 } }, extra: [identity] }) as Record<string, any>;
    expect(values.controller).toEqual({ replicas: 2, env: identity.controller.env });
    expect(values.configs.params).toEqual({ 'controller.status.processors': '40' });
    expect(Object.keys(values.configs.cm)).toEqual(['resource.customizations.health.argoproj.io_Application']);
  });
});

test('the bootstrap\'s values file and Argo CD\'s own Application carry the same size (the Application adopts what the bootstrap installed)', () => {
  const rendered = renderForTest({ ...testFleet(), argoCd: { controller: { replicas: 2, shardingAlgorithm: 'round-robin' }, repoServer: { replicas: 2 } } });
  const [app] = rendered.objects({ kind: 'Application', name: ARGOCD_SELF_APPLICATION });
  const inApplication = (app.object as unknown as { spec: { source: { helm: { valuesObject: Record<string, any> } } } }).spec.source.helm.valuesObject;
  const bootstrap = parse(rendered.file('bootstrap/argocd-values.yaml'));
  for (const values of [inApplication, bootstrap]) {
    expect(values.controller.replicas).toBe(2);
    expect(values.configs.params).toEqual({ 'controller.sharding.algorithm': 'round-robin' });
    expect(values.repoServer).toEqual({ replicas: 2 });
  }
});
