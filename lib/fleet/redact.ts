/*
 * Credentials a user may paste into a fleet by mistake: a token in a URL's userinfo or query, an
 * AWS key, a personal access token, a private key, a Vault token. They are refused at their field
 * (validation), and masked wherever a value is quoted back (every problem message), so an error log
 * never leaks them. Only formats that are credentials whatever surrounds them: a documented prefix or
 * shape, never a guess from entropy alone, so ordinary configuration is never refused.
 */

const MASK = '***';

// https://user:token@host, oci://token@registry; ssh://git@host keeps its plain user name (not a secret).
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@"']+)@/gi;
// ?private_token=…, &access_token=…, ?sig=… (Azure SAS), X-Amz-Signature=… (S3 presigned), password=…,
// ;AccountKey=… and ;SharedAccessKey=… (Azure Storage and Service Bus connection strings).
const SECRET_PARAM = /((?:^|[?&;\s"'])(?:[a-z0-9_-]*token|password|passwd|pwd|secret|client_secret|sig|signature|api[_-]?key|accountkey|sharedaccesskey|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|x-goog-credential)=)([^&#\s"']+)/gi;
// AWS access key ids (long-term AKIA, temporary ASIA); see the IAM user guide, "Unique identifiers".
const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
// An AWS secret access key: 40 base64 characters on their own, mixing cases and digits (a lowercase hex commit id does not).
const AWS_SECRET_KEY = /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
// Tokens by their documented prefixes: GitHub (ghp_, github_pat_), GitLab (glpat-, gldt-, glrt-, glptt-),
// Slack (xoxb-, xapp-), Google API keys (AIza) and OAuth access tokens (ya29.), Stripe secret and
// restricted keys (sk_live_, rk_test_, whsec_), npm (npm_), Docker Hub (dckr_pat_), OpenAI and
// Anthropic (sk-proj-, sk-ant-api03-), SendGrid (SG.<22>.<43>), Hugging Face (hf_), age (AGE-SECRET-KEY-1).
const PREFIXED_TOKEN = new RegExp(
  [
    'gh[pousr]_[A-Za-z0-9]{20,}',
    'github_pat_[A-Za-z0-9_]{20,}',
    'gl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}',
    'xox[abeprs]-[A-Za-z0-9-]{10,}',
    'xapp-[A-Za-z0-9-]{10,}',
    'AIza[0-9A-Za-z_-]{35}',
    'ya29\\.[0-9A-Za-z_-]{20,}',
    '(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}',
    'whsec_[A-Za-z0-9+/=]{20,}',
    'npm_[A-Za-z0-9]{36}',
    'dckr_pat_[A-Za-z0-9_-]{20,}',
    'sk-(?:proj|svcacct|admin|ant-(?:api|admin)\\d\\d)-[A-Za-z0-9_-]{20,}',
    'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
    'hf_[A-Za-z]{30,}',
    'AGE-SECRET-KEY-1[0-9A-Z]{58}',
  ]
    .map((p) => `\\b${p}`)
    .join('|'),
  'g',
);
// A PEM private key of any kind (PKCS#1 RSA, EC, PKCS#8, encrypted, OpenSSH, PGP), to its end line or the end of the text.
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g;
// Vault tokens (developer.hashicorp.com/vault/docs/concepts/tokens, "Token prefixes"): hvs. (service),
// hvb. (batch), hvr. (recovery); before Vault 1.10 a service token was s. and 24 base62 characters.
const VAULT_TOKEN = /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g;
const LEGACY_VAULT_TOKEN = /(?<![A-Za-z0-9./_-])s\.(?=[A-Za-z0-9]{0,23}[A-Z])(?=[A-Za-z0-9]{0,23}[a-z])(?=[A-Za-z0-9]{0,23}[0-9])[A-Za-z0-9]{24}(?![A-Za-z0-9./_-])/g;
// A JSON Web Token: a bearer credential; its header and payload are base64url JSON objects, so both begin "eyJ" ('{"').
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;
// Slack's incoming webhooks and workflow triggers: the URL's path is the secret (api.slack.com/messaging/webhooks).
const SLACK_WEBHOOK = /(\bhooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]+/g;

/** The text with every credential-looking part replaced by `***`. */
export function redact(text: string): string {
  return text
    .replace(PEM_PRIVATE_KEY, MASK)
    .replace(URL_USERINFO, (all, scheme: string, userinfo: string) => (/^(ssh|git\+ssh):\/\/$/i.test(scheme) && !userinfo.includes(':') ? all : `${scheme}${MASK}@`))
    .replace(SLACK_WEBHOOK, (_, host: string) => `${host}${MASK}`)
    .replace(SECRET_PARAM, (_, key: string) => `${key}${MASK}`)
    .replace(AWS_ACCESS_KEY_ID, MASK)
    .replace(PREFIXED_TOKEN, MASK)
    .replace(VAULT_TOKEN, MASK)
    .replace(LEGACY_VAULT_TOKEN, MASK)
    .replace(JWT, MASK)
    .replace(AWS_SECRET_KEY, MASK);
}

/** Whether a value carries something that looks like a credential. */
export function carriesCredential(text: string): boolean {
  return redact(text) !== text;
}

/**
 * Keys whose literal value is a secret in every chart that has them (`password`, `adminPassword`,
 * `clientSecret`, `apiKey`, …), compared without case, "-" and "_". Deliberately narrow: keys that
 * *name* a secret (`existingSecret`, `passwordKey`, `secretName`, `secretKey`: often the key inside
 * an existing Secret) are not in it.
 */
const SECRET_KEYS = new Set(['password', 'passwd', 'adminpassword', 'rootpassword', 'userpassword', 'clientsecret', 'apikey', 'apitoken', 'authtoken', 'accesstoken', 'bearertoken', 'privatekey', 'secretaccesskey']);

/** Whether values under this key are secrets when written literally (see SECRET_KEYS). */
export function isSecretKeyName(key: string): boolean {
  return SECRET_KEYS.has(key.replace(/[-_]/g, '').toLowerCase());
}

/**
 * Whether a value under a secret key is a reference resolved elsewhere rather than the secret itself:
 * an argocd-vault-plugin placeholder (`<path:kv/data/db#password>`), a template (`{{ … }}`, `${VAR}`,
 * `$(VAR)`), a vals reference (`ref+vault://…`) or a file path.
 */
export function isSecretReference(value: string): boolean {
  return /<[^<>]+>|\{\{|\$\{|\$\(|^ref\+[a-z0-9]+:\/\/|^\//.test(value);
}
