import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { IGNORE_HEALTH } from '../../../k8s/argocd/sync-wave';
import { GO_YAML_STRINGIFY } from '../../../k8s/go-yaml';
import { ISTIO_NAMESPACE } from '../../../k8s/istio/istio-version';
import { PropsCheck } from '../../../k8s/props-check';
import { ExternalSecret, SecretStoreRef } from '../external-secrets/external-secret';

/** What istiod's secret controller watches: Secrets in its namespace with this label (istio pkg/kube/multicluster/secretcontroller.go). */
export const MULTICLUSTER_SECRET_LABEL = 'istio/multiCluster';
/** The annotation `istioctl create-remote-secret` puts on the Secret (istioctl/pkg/multicluster/options.go clusterNameAnnotationKey). */
export const CLUSTER_NAME_ANNOTATION = 'networking.istio.io/cluster';

/** The name `istioctl create-remote-secret` gives the Secret for `cluster` (istioctl/pkg/multicluster/remote_secret.go). */
export const remoteSecretName = (cluster: string) => `istio-remote-secret-${cluster}`;

/** The key of the token in the ExternalSecret's data, as the template refers to it. */
const TOKEN = 'token';

/**
 * The kubeconfig of a remote secret, as `istioctl create-remote-secret` writes it for a bearer
 * token: one cluster, context and user, all named after the cluster, the token as an ESO template
 * expression. istiod refuses exec plugins, auth providers other than OIDC, and files (istio
 * pkg/kube/util.go sanitizeKubeConfig), so a token is what the clouds' clusters leave.
 */
export function remoteSecretKubeconfig(cluster: string, server: string, caCertificateBase64: string): string {
  return stringify(
    {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: cluster, cluster: { server, 'certificate-authority-data': caCertificateBase64 } }],
      contexts: [{ name: cluster, context: { cluster, user: cluster } }],
      'current-context': cluster,
      users: [{ name: cluster, user: { token: `{{ .${TOKEN} }}` } }],
      preferences: {},
    },
    { lineWidth: 0, ...GO_YAML_STRINGIFY },
  );
}

export interface IstioRemoteSecretProps {
  /** The peer cluster's name in the mesh (its istiod's `clusterName`). */
  readonly cluster: string;
  /** The peer's API server URL (its Terraform output `cluster_endpoint`). */
  readonly server: string;
  /** The peer API server's CA, base64 PEM (its Terraform output `cluster_ca_certificate`). */
  readonly caCertificate: string;
  readonly store: SecretStoreRef;
  /** Where the peer pushed its istio-reader token. */
  readonly tokenKey: string;
  readonly tokenProperty: string;
  /** @default none */
  readonly syncWave?: number;
}

/**
 * The remote secret istiod needs to discover a peer's endpoints, assembled by ESO from a template:
 * server and CA are the peer's (public) Terraform outputs, the token is read from Vault where the
 * peer pushed it. The Secret has the shape `istioctl create-remote-secret` gives it: label
 * `istio/multiCluster: "true"`, annotation `networking.istio.io/cluster`, one key named after the
 * cluster holding its kubeconfig (the key is the cluster ID istiod uses).
 *
 * It carries `argocd.argoproj.io/ignore-healthcheck`: until the peer has pushed its token it is
 * Degraded, and a peer's progress must not hold back this cluster's Application (Argo CD docs,
 * operator-manual/health.md "Ignoring Child Resource Health Check"). ESO keeps retrying.
 */
export class IstioRemoteSecret extends Construct {
  constructor(scope: Construct, id: string, props: IstioRemoteSecretProps) {
    super(scope, id);
    new PropsCheck(`IstioRemoteSecret[${props.cluster}]`)
      .name('cluster', props.cluster, 'label')
      .check('server', /^https:\/\/\S+$/.test(props.server), 'must be an https URL', props.server, 'the peer\'s cluster_endpoint output')
      .check('caCertificate', /^[A-Za-z0-9+/]+={0,2}$/.test(props.caCertificate), 'must be base64 (of the PEM)', props.caCertificate, 'the peer\'s cluster_ca_certificate output')
      .done();
    new ExternalSecret(this, 'Resource', {
      name: remoteSecretName(props.cluster),
      namespace: ISTIO_NAMESPACE,
      store: props.store,
      data: [{ secretKey: TOKEN, remoteKey: props.tokenKey, property: props.tokenProperty }],
      target: {
        template: {
          type: 'Opaque',
          labels: { [MULTICLUSTER_SECRET_LABEL]: 'true' },
          annotations: { [CLUSTER_NAME_ANNOTATION]: props.cluster },
          data: { [props.cluster]: remoteSecretKubeconfig(props.cluster, props.server, props.caCertificate) },
        },
      },
      // The token changes only when the peer's token Secret is recreated; 15 minutes bounds the gap.
      refreshInterval: '15m',
      annotations: { ...IGNORE_HEALTH },
      ...(props.syncWave !== undefined ? { syncWave: props.syncWave } : {}),
    });
  }
}
