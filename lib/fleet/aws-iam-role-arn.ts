/*
 * An IAM role's ARN, `arn:<partition>:iam::<account>:role<path><name>`, as IAM's API defines its parts
 * (docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html, and the IAM service model's
 * pathType and roleNameType):
 *  - path: "either a forward slash (/) by itself or a string that must begin and end with forward
 *    slashes", of ASCII `!` (U+0021) to `~` (U+007E), 1-512 characters (pattern
 *    `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`; the prose says "through DEL", the pattern and the API stop
 *    before it). The pattern admits an inner `//` (`/a//`): so does this rule;
 *  - name: `[\w+=,.@-]+`, 1-64 characters.
 * The name is what follows the last `/`. An ARN IAM cannot have names no role: IRSA's webhook would
 * annotate pods with it and every AssumeRoleWithWebIdentity would fail at run time.
 */

const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role(\/.*)$/;
// IAM's pathType pattern, as it is.
const ROLE_PATH = /^(?:\/|\/[\u0021-\u007e]+\/)$/;
const ROLE_NAME = /^[A-Za-z0-9_+=,.@-]{1,64}$/;
const MAX_PATH = 512;

export const IAM_ROLE_ARN_ALLOWED = 'an IAM role ARN, arn:aws:iam::<account>:role/<name> or role/<path>/<name>: the path "/" or "/…/" of ASCII "!" to "~" (at most 512 characters), the name 1-64 letters, digits and "_+=,.@-"';

/** Why `text` is no IAM role ARN (`it …`), or undefined when it is one. */
export function iamRoleArnProblem(text: string): string | undefined {
  const m = ROLE_ARN.exec(text);
  if (!m) return 'is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)';
  const rest = m[1];
  const path = rest.slice(0, rest.lastIndexOf('/') + 1);
  const name = rest.slice(path.length);
  if (name === '') return 'has no role name after the last "/"';
  if (!ROLE_NAME.test(name)) return `has the role name ${JSON.stringify(name)}, which IAM does not allow: 1-64 letters, digits and "_+=,.@-"`;
  // `role//name`: its path `//` is neither "/" by itself nor "/", at least one character, "/".
  if (path.length > MAX_PATH || !ROLE_PATH.test(path)) return `has the role path ${JSON.stringify(path)}, which IAM does not allow: "/" or "/…/" of ASCII "!" to "~", at most ${MAX_PATH} characters`;
  return undefined;
}
