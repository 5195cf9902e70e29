/*
 * Credentials a user may paste into a fleet by mistake: a token in a URL's userinfo or query, an
 * AWS key, a personal access token. They are refused at their field (validation), and masked
 * wherever a value is quoted back (every problem message), so an error log never leaks them.
 */

const MASK = '***';

// https://user:token@host, oci://token@registry; ssh://git@host keeps its plain user name (not a secret).
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"']+)@/gi;
// ?private_token=…, &access_token=…, ?sig=… (Azure SAS), X-Amz-Signature=… (S3 presigned), password=….
const SECRET_PARAM = /((?:^|[?&;\s"'])(?:[a-z0-9_-]*token|password|passwd|pwd|secret|client_secret|sig|signature|api[_-]?key|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential)=)([^&#\s"']+)/gi;
// AWS access key ids (long-term AKIA, temporary ASIA); see the IAM user guide, "Unique identifiers".
const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
// An AWS secret access key: 40 base64 characters on their own, mixing cases and digits (a lowercase hex commit id does not).
const AWS_SECRET_KEY = /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
// GitHub, GitLab, Slack and Google API tokens by their documented prefixes.
const PREFIXED_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35})/g;

/** The text with every credential-looking part replaced by `***`. */
export function redact(text: string): string {
  return text
    .replace(URL_USERINFO, (all, scheme: string, userinfo: string) => (/^(ssh|git\+ssh):\/\/$/i.test(scheme) && !userinfo.includes(':') ? all : `${scheme}${MASK}@`))
    .replace(SECRET_PARAM, (_, key: string) => `${key}${MASK}`)
    .replace(AWS_ACCESS_KEY_ID, MASK)
    .replace(PREFIXED_TOKEN, MASK)
    .replace(AWS_SECRET_KEY, MASK);
}

/** Whether a value carries something that looks like a credential. */
export function carriesCredential(text: string): boolean {
  return redact(text) !== text;
}
