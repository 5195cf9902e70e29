import { Construct } from 'constructs';
import { ResolvedCluster } from '../fleet';
import { addStateBackend } from './backend';
import { TerraformStack } from './cdktf';
import { AwsProvider } from './providers/aws';
import { AzurermProvider } from './providers/azurerm';
import { GoogleProvider } from './providers/google';

export interface ClusterStackProps {
  readonly cluster: ResolvedCluster;
  /** Fleet name, put on every resource as a tag / label. */
  readonly fleetName: string;
}

/** One Terraform stack, with its own state, per cluster. */
export class ClusterStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: ClusterStackProps) {
    super(scope, id);
    const { cluster } = props;
    addStateBackend(this, cluster.stateBackend, cluster.name);
    // Underscores: GCP label keys go through the provider unchanged only in this form.
    const tags = { managed_by: 'fleetsynth', fleet: props.fleetName, cluster: cluster.name };
    switch (cluster.cloud) {
      case 'aws':
        new AwsProvider(this, 'aws', { region: cluster.region, defaultTags: [{ tags }], ...(cluster.accountId ? { allowedAccountIds: [cluster.accountId] } : {}) });
        break;
      case 'gcp':
        new GoogleProvider(this, 'google', { project: cluster.project, region: cluster.region, defaultLabels: tags });
        break;
      case 'azure':
        new AzurermProvider(this, 'azurerm', { features: [{}], ...(cluster.subscriptionId ? { subscriptionId: cluster.subscriptionId } : {}) });
        break;
    }
  }
}
