/*
 * Example add-on (README, "Add-ons"): on one cluster only, a cdk8s-plus Deployment and the S3 bucket
 * it writes to, created by that cluster's own Terraform stack (with the AWS provider the stack
 * already configures). A user's add-on imports cdk8s-plus and the provider classes itself, from
 * their deep paths.
 */
import { Deployment } from 'cdk8s-plus-28';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import type { FleetAddon } from 'fleetsynth';

export function reports(clusterName: string, bucket: string): FleetAddon {
  return {
    name: 'reports',
    manifests(scope, { cluster }) {
      if (cluster.name !== clusterName) return;
      new Deployment(scope, 'reports', {
        metadata: { name: 'reports', namespace: 'default' },
        replicas: 2,
        containers: [{ image: 'ghcr.io/acme/reports:1.4.2', portNumber: 8080, envVariables: {}, securityContext: { ensureNonRoot: true, user: 1000, group: 1000 } }],
      });
    },
    clusterStack(scope, { cluster }) {
      if (cluster.name !== clusterName) return;
      new S3Bucket(scope, 'reports', { bucket });
    },
  };
}
