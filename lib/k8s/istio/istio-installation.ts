import { Construct } from 'constructs';
import { ApplicationDestination, ArgoCdApplication } from '../argocd/argocd-application';
import { SYNC_WAVE } from '../argocd/sync-wave';
import { PropsCheck } from '../props-check';
import { ISTIO_CHART_REPO, ISTIO_NAMESPACE, ISTIO_VERSION, NETWORK_LABEL } from './istio-version';

export interface IstioInstallationProps {
  /** Prefix of the Application names: usually the cluster name. */
  readonly name: string;
  readonly project: string;
  /** The cluster to install into. */
  readonly destination: Omit<ApplicationDestination, 'namespace'>;
  readonly meshID: string;
  /** The cluster's name in the mesh. */
  readonly clusterName: string;
  readonly network: string;
  /** @default 'cluster.local' */
  readonly trustDomain?: string;
  /** @default ISTIO_VERSION */
  readonly version?: string;
}

const EASTWEST_PORTS = [
  { name: 'status-port', port: 15021, targetPort: 15021 },
  { name: 'tls', port: 15443, targetPort: 15443 },
  { name: 'tls-istiod', port: 15012, targetPort: 15012 },
  { name: 'tls-webhook', port: 15017, targetPort: 15017 },
];

/**
 * Istio multi-primary, multi-network on one cluster, as three Argo CD Applications installing
 * Istio's Helm charts in order: `base` (CRDs), `istiod`, and the east-west `gateway`.
 */
export class IstioInstallation extends Construct {
  readonly applications: readonly ArgoCdApplication[];

  constructor(scope: Construct, id: string, props: IstioInstallationProps) {
    super(scope, id);
    new PropsCheck(`IstioInstallation[${props.name}]`)
      .name('name', props.name, 'label')
      .name('meshID', props.meshID, 'label')
      .name('network', props.network, 'label')
      .name('clusterName', props.clusterName, 'label')
      .check('version', /^\d+\.\d+\.\d+$/.test(props.version ?? ISTIO_VERSION), 'must be an exact Istio version', props.version, 'e.g. "1.30.3"')
      .done();
    const version = props.version ?? ISTIO_VERSION;
    const destination = { ...props.destination, namespace: ISTIO_NAMESPACE };
    const common = { project: props.project, destination, syncPolicy: { managedNamespaceLabels: { [NETWORK_LABEL]: props.network } } };
    const chart = (name: string) => ({ repoURL: ISTIO_CHART_REPO, chart: name, targetRevision: version });
    this.applications = [
      new ArgoCdApplication(this, 'base', {
        ...common,
        name: `${props.name}-istio-base`,
        source: { ...chart('base'), helm: { valuesObject: { defaultRevision: 'default' } } },
        // istiod rewrites the validating webhook's failurePolicy once it is up; do not fight it.
        ignoreDifferences: [{ group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: 'istiod-default-validator', jsonPointers: ['/webhooks/0/failurePolicy'] }],
        syncWave: SYNC_WAVE.istioBase,
      }),
      new ArgoCdApplication(this, 'istiod', {
        ...common,
        name: `${props.name}-istiod`,
        source: {
          ...chart('istiod'),
          helm: {
            valuesObject: {
              global: { meshID: props.meshID, multiCluster: { clusterName: props.clusterName }, network: props.network },
              meshConfig: { trustDomain: props.trustDomain ?? 'cluster.local' },
            },
          },
        },
        syncWave: SYNC_WAVE.istiod,
      }),
      new ArgoCdApplication(this, 'eastwest', {
        ...common,
        name: `${props.name}-istio-eastwest`,
        source: {
          ...chart('gateway'),
          helm: {
            releaseName: 'istio-eastwestgateway',
            valuesObject: {
              name: 'istio-eastwestgateway',
              labels: { app: 'istio-eastwestgateway', istio: 'eastwestgateway', [NETWORK_LABEL]: props.network },
              env: { ISTIO_META_REQUESTED_NETWORK_VIEW: props.network },
              service: { ports: EASTWEST_PORTS },
            },
          },
        },
        syncWave: SYNC_WAVE.istioGateway,
      }),
    ];
  }
}
