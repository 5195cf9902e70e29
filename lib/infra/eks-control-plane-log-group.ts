import { Construct } from 'constructs';
import { CloudwatchLogGroup, DataAwsCloudwatchLogGroups } from './providers/aws';

/** Days CloudWatch keeps an EKS cluster's control-plane logs unless told otherwise. */
export const EKS_CONTROL_PLANE_LOG_RETENTION_DAYS = 90;

/** The log group EKS sends a cluster's control-plane logs to (amazon-eks-user-guide latest/ug/observability/control-plane-logs.adoc). */
export const eksControlPlaneLogGroupName = (clusterName: string): string => `/aws/eks/${clusterName}/cluster`;

export interface EksControlPlaneLogGroupProps {
  readonly clusterName: string;
  /** Days the logs are kept (one of CloudWatch's retention values). @default EKS_CONTROL_PLANE_LOG_RETENTION_DAYS */
  readonly retentionInDays?: number;
}

/**
 * The log group of an EKS cluster's control-plane logs, with a retention. Left to EKS, the group is
 * created with the first log and has none, so every audit and API server log is kept, and billed, for
 * ever (the aws provider's aws_eks_cluster docs, "Enabling Control Plane Logging": manage the group
 * yourself, created before the cluster; aws_cloudwatch_log_group: retention 0 or unset, "never expire").
 *
 * A cluster that already sends logs has that group: creating it would fail (ResourceAlreadyExistsException),
 * so the group takes it over with an import block that has one element when a group of that name exists
 * and none when it does not (a new cluster), read at plan time (hashicorp/terraform v1.11.4
 * internal/terraform/node_resource_plan.go: import for_each; an address already in the state is skipped).
 * The same takes over the group a destroyed cluster of the same name left: `skip_destroy`, so a cluster's
 * destroy leaves its logs to expire after the retention, as before, rather than deleting them with it.
 */
export class EksControlPlaneLogGroup extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: EksControlPlaneLogGroupProps) {
    super(scope, id);
    const name = eksControlPlaneLogGroupName(props.clusterName);
    const existing = new DataAwsCloudwatchLogGroups(this, 'existing', { logGroupNamePrefix: name });
    this.logGroup = new AdoptedLogGroup(this, 'group', {
      name,
      retentionInDays: props.retentionInDays ?? EKS_CONTROL_PLANE_LOG_RETENTION_DAYS,
      skipDestroy: true,
    }, existing);
  }
}

/** A log group that imports the group of its name where one exists (the prefix also matches longer names: only the exact one). */
class AdoptedLogGroup extends CloudwatchLogGroup {
  constructor(scope: Construct, id: string, config: ConstructorParameters<typeof CloudwatchLogGroup>[2] & { readonly name: string }, private readonly existing: DataAwsCloudwatchLogGroups) {
    super(scope, id, config);
  }

  override toTerraform(): any {
    const names = `data.${this.existing.terraformResourceType}.${this.existing.friendlyUniqueId}.log_group_names`;
    const name = JSON.stringify(this.nameInput);
    return {
      ...super.toTerraform(),
      import: [{ for_each: `\${toset([for n in ${names} : n if n == ${name}])}`, to: `${this.terraformResourceType}.${this.friendlyUniqueId}`, id: '${each.value}' }],
    };
  }
}
