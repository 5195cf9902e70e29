import * as fs from 'fs';
import * as path from 'path';
import { resourcesOf, synthExampleStack } from '../../test/stack-fixture';

describe('EKS control-plane log group (aws-prod)', () => {
  const tf = synthExampleStack('aws-prod');
  const [[groupId, group]] = Object.entries(tf.resource.aws_cloudwatch_log_group as Record<string, any>);
  const [dataId] = Object.keys(tf.data.aws_cloudwatch_log_groups);

  test('the stack creates the group EKS sends the cluster\'s logs to, with a retention; its destroy leaves the logs to expire', () => {
    expect(group).toMatchObject({ name: '/aws/eks/aws-prod/cluster', retention_in_days: 90, skip_destroy: true });
  });

  test('the cluster waits for the group: EKS would otherwise create one without retention (kept for ever)', () => {
    const [cluster] = resourcesOf(tf, 'aws_eks_cluster');
    expect(cluster.depends_on).toContain(`aws_cloudwatch_log_group.${groupId}`);
  });

  test('a cluster that already has the group (created by EKS) has it imported, a new cluster has it created: the import has one element exactly when a group of that name exists', () => {
    expect(tf.data.aws_cloudwatch_log_groups[dataId].log_group_name_prefix).toBe('/aws/eks/aws-prod/cluster');
    expect(tf.import).toEqual([
      {
        // The prefix also matches longer names: only the group of this exact name is taken over.
        for_each: `\${toset([for n in data.aws_cloudwatch_log_groups.${dataId}.log_group_names : n if n == "/aws/eks/aws-prod/cluster"])}`,
        to: `aws_cloudwatch_log_group.${groupId}`,
        id: '${each.value}',
      },
    ]);
  });

  // The provider's default_tags are added to the imported group in place: terraform-provider-aws internal/service/logs
  // group.go @Tags(identifierAttribute="arn"), its generated updateTags calls TagResource (generate.go: the default ops).
  test('the README\'s upgrade item names every logs: action the plan and apply take, TagResource for the default tags', () => {
    expect(tf.provider.aws[0].default_tags).toBeDefined();
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const item = /EKS control-plane logs are kept 90 days\*\*.*?identity has them\)/.exec(readme)?.[0] ?? '';
    for (const action of ['DescribeLogGroups', 'CreateLogGroup', 'PutRetentionPolicy', 'ListTagsForResource', 'TagResource']) expect(item).toContain(`logs:${action}\``);
  });
});
