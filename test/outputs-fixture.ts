import * as path from 'path';
import { ClusterOutputs } from '../lib/fleet';
import { tempDir, writeTree } from './tree';

const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n').toString('base64');

/** What `terraform output` reports for each example cluster once applied (test data, never committed to dist/). */
export const EXAMPLE_OUTPUTS: Record<string, ClusterOutputs> = {
  mgmt: {
    clusterName: 'mgmt',
    endpoint: 'https://0A1B2C.gr7.us-west-2.eks.amazonaws.com',
    caCertificate: CA,
    oidcIssuer: 'https://oidc.eks.us-west-2.amazonaws.com/id/0A1B2C',
    argocdControllerRoleArn: 'arn:aws:iam::444455556666:role/mgmt-argocd-controller',
  },
  'aws-prod': {
    clusterName: 'aws-prod',
    endpoint: 'https://3D4E5F.gr7.us-west-2.eks.amazonaws.com',
    caCertificate: CA,
    oidcIssuer: 'https://oidc.eks.us-west-2.amazonaws.com/id/3D4E5F',
    argocdIdentity: 'arn:aws:iam::111122223333:role/aws-prod-argocd',
    argocdTrusts: 'arn:aws:iam::444455556666:role/mgmt-argocd-controller',
  },
  'gcp-prod': {
    clusterName: 'gcp-prod',
    endpoint: 'https://34.70.1.2',
    caCertificate: CA,
    oidcIssuer: 'https://container.googleapis.com/v1/projects/acme-platform-prod/locations/us-central1/clusters/gcp-prod',
    argocdIdentity: 'gcp-prod-argocd@acme-platform-prod.iam.gserviceaccount.com',
    argocdTrusts: 'https://oidc.eks.us-west-2.amazonaws.com/id/0A1B2C',
    gcpProjectNumber: '123456789012',
  },
  'azure-prod': {
    clusterName: 'azure-prod',
    endpoint: 'https://azure-prod-1a2b3c.hcp.eastus.azmk8s.io:443',
    caCertificate: CA,
    oidcIssuer: 'https://eastus.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/',
    argocdIdentity: '22222222-2222-2222-2222-222222222222',
    argocdTrusts: 'https://oidc.eks.us-west-2.amazonaws.com/id/0A1B2C',
    tenantId: '00000000-0000-0000-0000-000000000000',
  },
};

export function outputsMap(names: string[] = Object.keys(EXAMPLE_OUTPUTS)): Map<string, ClusterOutputs> {
  return new Map(names.map((n) => [n, EXAMPLE_OUTPUTS[n]]));
}

/** A folder of `<cluster>.json` files in the shape `terraform output -json` prints. */
export function outputsDir(names: string[] = Object.keys(EXAMPLE_OUTPUTS)): string {
  const dir = path.join(tempDir(), 'terraform-outputs');
  const json = (o: ClusterOutputs) => {
    const entry = (value: string) => ({ sensitive: false, type: 'string', value });
    return JSON.stringify({
      cluster_name: entry(o.clusterName),
      cluster_endpoint: entry(o.endpoint),
      cluster_ca_certificate: entry(o.caCertificate),
      oidc_issuer_url: entry(o.oidcIssuer),
      ...(o.argocdIdentity ? { argocd_identity: entry(o.argocdIdentity) } : {}),
      ...(o.tenantId ? { tenant_id: entry(o.tenantId) } : {}),
      ...(o.argocdTrusts ? { argocd_trusts: entry(o.argocdTrusts) } : {}),
      ...(o.argocdControllerRoleArn ? { argocd_controller_role_arn: entry(o.argocdControllerRoleArn) } : {}),
      ...(o.gcpProjectNumber ? { gcp_project_number: entry(o.gcpProjectNumber) } : {}),
    }, null, 2);
  };
  writeTree(dir, Object.fromEntries(names.map((n) => [`${n}.json`, json(EXAMPLE_OUTPUTS[n])])));
  return dir;
}
