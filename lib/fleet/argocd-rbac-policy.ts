import { GLOB_SPECIAL, globMatch } from '../verify/argo-globs';
import { didYouMean } from './suggest';

/*
 * One line of Argo CD's RBAC policy (argocd-rbac-cm `policy.csv`), checked as Argo CD reads it (argo-cd
 * v3.4.7 util/rbac/rbac.go): each line trimmed, empty lines and lines starting with "#" skipped, the rest
 * read by Go's encoding/csv with TrimLeadingSpace (quotes allowed), `g` with exactly 3 fields and `p` with
 * exactly 6, any other first field refused (loadPolicyLine). One such line breaks every permission check:
 * SetUserPolicy keeps the policy and LoadPolicy's error is only logged (RunPolicyLoader), and from then on
 * every check builds its enforcer from it, fails and panics (getCasbinEnforcer), which the API server's
 * recovery interceptor turns into an error: every request is refused, admin's too, until the line is
 * fixed; an argocd-server that starts with it exits, again and again (server/server.go rbacPolicyLoader:
 * RunPolicyLoader's error goes to errorsutil.CheckError, a log.Fatal). What Argo CD would accept but never
 * match is refused too: an effect other than `allow` or `deny` (assets/model.conf compares `p.eft == allow`), a resource or
 * action Argo CD never asks about (util/rbac/rbac.go Resources and Actions), an object of an
 * application's resource without the `<project>/` it is matched with (docs/operator-manual/rbac.md,
 * "Application-Specific Policy"), a field ending in a blank (Go's reader keeps trailing blanks).
 *
 * Resource, action and object are globs (assets/model.conf `globOrRegexMatch`; util/rbac/rbac.go
 * globMatchFunc, util/glob/glob.go: github.com/gobwas/glob without separators, so `*` crosses "/";
 * rbac.md, "Glob matching"): `application*`, `{get,sync}` or an object `prod-*` match, and are refused
 * only when they surely match nothing: a resource glob no resource fits, an action glob no verb of them
 * fits (with `applications` among them, any action glob may fit one of its open-ended path actions).
 */

/** What each resource can be asked for (docs/operator-manual/rbac.md's table; `write-repositories` from util/rbac/rbac.go and assets/builtin-policy.csv). */
export const ARGOCD_RBAC_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  applications: ['get', 'create', 'update', 'delete', 'sync', 'action', 'override'],
  applicationsets: ['get', 'create', 'update', 'delete'],
  clusters: ['get', 'create', 'update', 'delete'],
  projects: ['get', 'create', 'update', 'delete'],
  repositories: ['get', 'create', 'update', 'delete'],
  'write-repositories': ['get', 'create', 'update', 'delete'],
  accounts: ['get', 'update'],
  certificates: ['get', 'create', 'delete'],
  gpgkeys: ['get', 'create', 'delete'],
  logs: ['get'],
  exec: ['create'],
  extensions: ['invoke'],
};

/** Resources whose object is `<project>/<name>` (rbac.md, "Application-Specific Policy"). */
const PROJECT_SCOPED = ['applications', 'applicationsets', 'logs', 'exec'];
/** Actions of `applications` that may name one of its resources: `update/<group>/<kind>/<ns>/<name>`, `action/<group>/<kind>/<action>` (rbac.md). */
const WITH_PATH = ['update', 'delete', 'action'];

/** What Go's unicode.IsSpace calls space, which encoding/csv's TrimLeadingSpace drops before each field (bytes.TrimLeftFunc(line, unicode.IsSpace)): Latin-1's and Unicode's White_Space, not U+FEFF. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/**
 * The fields of a line as Go's encoding/csv reads it (one record, TrimLeadingSpace, no LazyQuotes), or
 * why it cannot: a quote inside an unquoted field, an unterminated or stray quote.
 */
export function csvFields(line: string): string[] | string {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && GO_SPACE.test(line[i])) i++;
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (i >= line.length) return 'a quoted field is not closed';
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      if (i < line.length && line[i] !== ',') return 'a quote is followed by something other than ","';
    } else {
      const end = line.indexOf(',', i);
      field = line.slice(i, end < 0 ? line.length : end);
      if (field.includes('"')) return 'a quote inside a field that does not start with one';
      i = end < 0 ? line.length : end;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

/** The names a policy field matches among `names`: itself if plain, else those its glob fits (a glob gobwas cannot compile fits none, as in Argo CD). */
function matched(field: string, names: readonly string[]): string[] {
  return GLOB_SPECIAL.test(field) ? names.filter((n) => globMatch(field, n)) : names.filter((n) => n === field);
}

/** What is wrong with one policy line, with what would be accepted; undefined when Argo CD reads and can match it. */
export function rbacPolicyLineProblem(line: string): { message: string; allowed: string } | undefined {
  const text = line.trim();
  const shape = 'p, <subject>, <resource>, <action>, <object>, <allow|deny> or g, <user or group>, <role>';
  if (text === '') return { message: 'is empty', allowed: `a line ${shape}, or leave it out` };
  if (text.startsWith('#')) return undefined;
  const fields = csvFields(text);
  if (typeof fields === 'string') return { message: `is not one CSV record: ${fields}`, allowed: `${shape}; quote a field that holds a comma ("a,b")` };
  const [kind] = fields;
  if (kind !== 'p' && kind !== 'g') return { message: `starts with ${JSON.stringify(kind)}: Argo CD reads only p and g lines, and would refuse every request for it`, allowed: shape };
  const want = kind === 'p' ? 6 : 3;
  if (fields.length !== want) {
    return { message: `a ${kind} line has ${want} fields, this one ${fields.length}: Argo CD would refuse every request for it`, allowed: kind === 'p' ? 'p, <subject>, <resource>, <action>, <object>, <allow|deny>' : 'g, <user or group>, <role>' };
  }
  const names = kind === 'p' ? ['subject', 'resource', 'action', 'object', 'effect'] : ['user or group', 'role'];
  for (const [n, field] of fields.slice(1).entries()) {
    if (field === '') return { message: `its ${names[n]} is empty: it matches nothing`, allowed: shape };
    if (/\s$/.test(field)) return { message: `its ${names[n]} ${JSON.stringify(field)} ends with a blank, which Argo CD keeps: it matches nothing`, allowed: 'the field without the trailing blank' };
  }
  if (kind === 'g') return undefined;
  const [, , resource, action, object, effect] = fields;
  if (effect !== 'allow' && effect !== 'deny') return { message: `effect ${JSON.stringify(effect)} is neither allow nor deny: Argo CD would never apply the line${didYouMean(effect, ['allow', 'deny'])}`, allowed: 'allow, deny' };
  const resources = Object.keys(ARGOCD_RBAC_ACTIONS);
  const targets = matched(resource, resources);
  if (targets.length === 0) {
    const what = GLOB_SPECIAL.test(resource) ? `resource glob ${JSON.stringify(resource)} matches no resource` : `resource ${JSON.stringify(resource)} is not one`;
    return { message: `${what} Argo CD 3.4 checks: the line would match nothing${didYouMean(resource, resources)}`, allowed: `*, ${resources.join(', ')}, or a glob matching some of them` };
  }
  const actions = [...new Set(targets.flatMap((r) => ARGOCD_RBAC_ACTIONS[r]))];
  const withApplications = targets.includes('applications');
  const where = resource === '*' ? 'any resource' : targets.join(', ');
  const pathForms = withApplications ? ', update/<group>/<kind>/<namespace>/<name>, delete/…, action/<group>/<kind>/<action> (each part may be *)' : '';
  if (GLOB_SPECIAL.test(action)) {
    // An application's path actions are open-ended (any group, kind, name): a glob may fit one of them.
    if (!withApplications && matched(action, actions).length === 0) return { message: `action glob ${JSON.stringify(action)} matches no action Argo CD 3.4 checks on ${where}: the line would match nothing`, allowed: `*, ${actions.join(', ')}, or a glob matching some of them` };
  } else {
    const [verb, rest] = [action.split('/')[0], action.includes('/')];
    const pathAllowed = withApplications && WITH_PATH.includes(verb);
    if (!actions.includes(verb) || (rest && !pathAllowed) || (!rest && verb === 'action')) {
      return { message: `action ${JSON.stringify(action)} is not one Argo CD 3.4 checks on ${where}: the line would match nothing${didYouMean(verb, actions)}`, allowed: `*, ${actions.join(', ')}${pathForms}` };
    }
  }
  // A plain object without "/" can never be `<project>/<name>`; a glob may (its `*` crosses "/").
  if (targets.every((r) => PROJECT_SCOPED.includes(r)) && object !== '*' && !object.includes('/') && !GLOB_SPECIAL.test(object)) {
    return { message: `object ${JSON.stringify(object)} of ${where} is matched against <project>/<name>: without a "/" it matches nothing`, allowed: `<project>/<name>, e.g. ${JSON.stringify(`*/${object}`)} or ${JSON.stringify(`${object}/*`)}, or a glob` };
  }
  return undefined;
}
