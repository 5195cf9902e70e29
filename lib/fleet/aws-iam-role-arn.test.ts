import { iamRoleArnProblem } from './aws-iam-role-arn';

// IAM API reference, CreateRole (docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html): Path
// `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`, 1-512 characters; RoleName `[\w+=,.@-]+`, 1-64 characters.
describe('IAM role ARNs', () => {
  test.each([
    ['a role at the root path', 'arn:aws:iam::123456789012:role/mimir-storage'],
    ['a role under a path', 'arn:aws:iam::123456789012:role/platform/observability/mimir-storage'],
    ['every character a name may have', 'arn:aws:iam::123456789012:role/A_z0+=,.@-9'],
    ['a 64-character name', `arn:aws:iam::123456789012:role/${'n'.repeat(64)}`],
    ['a path and name longer than 64 together (the path counts apart, up to 512)', `arn:aws:iam::123456789012:role/${'p'.repeat(100)}/${'n'.repeat(64)}`],
    ['path punctuation IAM allows', 'arn:aws:iam::123456789012:role/team:a~b!/x'],
    ['an inner "//", which IAM\'s path pattern admits ("/", then "a/", then "/")', 'arn:aws:iam::123456789012:role/a//b'],
    ['the China partition', 'arn:aws-cn:iam::123456789012:role/x'],
    ['the GovCloud partition', 'arn:aws-us-gov:iam::123456789012:role/x'],
  ])('accepts %s', (_, arn) => {
    expect(iamRoleArnProblem(arn)).toBeUndefined();
  });

  test.each([
    ['its path is "//", neither "/" alone nor "/…/"', 'arn:aws:iam::123456789012:role//b', /^has the role path "\/\/", which IAM does not allow/],
    ['it ends with "/" (no name)', 'arn:aws:iam::123456789012:role/platform/', /^has no role name/],
    ['the name is 65 characters', `arn:aws:iam::123456789012:role/${'n'.repeat(65)}`, /^has the role name "n{65}", which IAM does not allow: 1-64/],
    ['the name has a ":"', 'arn:aws:iam::123456789012:role/a:b', /^has the role name "a:b"/],
    ['the path is longer than 512 characters', `arn:aws:iam::123456789012:role/${'p'.repeat(511)}/x`, /^has the role path .* at most 512 characters$/],
    ['the path has a space', 'arn:aws:iam::123456789012:role/my team/x', /^has the role path "\/my team\/"/],
    ['the path has a non-ASCII letter', 'arn:aws:iam::123456789012:role/équipe/x', /^has the role path/],
    ['it is a user, not a role', 'arn:aws:iam::123456789012:user/x', /^is not an IAM role ARN/],
    ['the account has 11 digits', 'arn:aws:iam::12345678901:role/x', /^is not an IAM role ARN/],
    ['the role is not under role/', 'arn:aws:iam::123456789012:rolex', /^is not an IAM role ARN/],
  ])('fails when %s', (_, arn, problem) => {
    expect(iamRoleArnProblem(arn)).toMatch(problem);
  });
});
