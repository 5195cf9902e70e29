import { csvFields, rbacPolicyLineProblem } from './argocd-rbac-policy';

describe('csvFields: one line as Go\'s encoding/csv reads it (TrimLeadingSpace)', () => {
  test('splits on commas, trims leading blanks only, reads quoted fields with "" as a quote', () => {
    expect(csvFields('p, role:x ,applications')).toEqual(['p', 'role:x ', 'applications']);
    expect(csvFields('g, "acme, inc:ops", role:admin')).toEqual(['g', 'acme, inc:ops', 'role:admin']);
    expect(csvFields('g, "say ""hi""", r')).toEqual(['g', 'say "hi"', 'r']);
    expect(csvFields('g,,')).toEqual(['g', '', '']);
    // Leading space is Go's unicode.IsSpace: a no-break or ideographic space too, before a quote as well.
    expect(csvFields('p,\u00a0role:x,\u3000"a, b",\ufeffc')).toEqual(['p', 'role:x', 'a, b', '\ufeffc']);
  });

  test.each([
    ['g, "open, r', 'a quoted field is not closed'],
    ['g, "a"b, r', 'a quote is followed by something other than ","'],
    ['g, a"b, r', 'a quote inside a field that does not start with one'],
  ])('fails when the line is no CSV record: %j', (line, why) => {
    expect(csvFields(line)).toBe(why);
  });
});

describe('rbacPolicyLineProblem (argo-cd v3.4.7 util/rbac/rbac.go loadPolicyLine, assets/model.conf, docs/operator-manual/rbac.md)', () => {
  test.each([
    'p, role:deployer, applications, sync, */*, allow',
    'p, role:deployer, applications, update/*, shop/*, allow',
    'p, role:deployer, applications, action/apps/Deployment/restart, shop/*, allow',
    'p, role:deployer, applications, delete/*/Pod/*/*, default/prod-app, allow',
    'p, acme:ops, clusters, get, *, allow',
    'p, acme:ops, *, *, *, deny',
    'p, acme:ops, logs, get, */*, allow',
    'p, acme:ops, applicationsets, *, dev/*, allow',
    'p, acme:ops, extensions, invoke, httpbin, allow',
    'p, acme:ops, write-repositories, get, *, allow',
    // Globs, `*` crossing "/" (util/glob/glob.go: gobwas/glob without separators; rbac.md, "Glob matching").
    'p, role:deployer, applications, sync, prod-*, allow',
    'p, role:deployer, applications, get, *-checkout, allow',
    'p, role:viewer, application*, get, */*, allow',
    'p, role:viewer, "{applications,logs}", get, */*, allow',
    'p, role:deployer, applications, "{get,sync}", */*, allow',
    'p, role:deployer, applications, up*, */*, allow',
    'p, acme:ops, clusters, get*, *, allow',
    'p, acme:ops, [cr]*s, get, *, allow',
    'g, acme:platform, role:admin',
    'g, "Acme, Inc.", role:readonly',
    '# the platform team',
    '  g, alice@acme.example, role:admin  ',
  ])('passes %j', (line) => {
    expect(rbacPolicyLineProblem(line)).toBeUndefined();
  });

  test.each([
    ['', 'is empty'],
    ['p2, a, applications, get, */*, allow', 'starts with "p2": Argo CD reads only p and g lines, and would refuse every request for it'],
    ['p, a, applications, get, */*', 'a p line has 6 fields, this one 5: Argo CD would refuse every request for it'],
    ['g, acme:ops, role:admin, extra', 'a g line has 3 fields, this one 4'],
    ['g, acme, inc:ops, role:admin', 'a g line has 3 fields, this one 4'],
    ['g, "acme, inc:ops, role:admin', 'is not one CSV record: a quoted field is not closed'],
    ['g, acme:ops , role:admin', 'its user or group "acme:ops " ends with a blank, which Argo CD keeps'],
    ['g, acme:ops,', 'its role is empty'],
    ['p, a, applications, get, */*, Allow', 'effect "Allow" is neither allow nor deny: Argo CD would never apply the line; did you mean "allow"?'],
    ['p, a, application, get, */*, allow', 'resource "application" is not one Argo CD 3.4 checks: the line would match nothing; did you mean "applications"?'],
    ['p, a, clusters, sync, *, allow', 'action "sync" is not one Argo CD 3.4 checks on clusters'],
    ['p, a, clusters, update/*, *, allow', 'action glob "update/*" matches no action Argo CD 3.4 checks on clusters'],
    ['p, a, aplications*, get, */*, allow', 'resource glob "aplications*" matches no resource Argo CD 3.4 checks'],
    ['p, a, clusters, sync*, *, allow', 'action glob "sync*" matches no action Argo CD 3.4 checks on clusters'],
    ['p, a, "{logs,exec}", get, my-app, allow', 'object "my-app" of logs, exec is matched against <project>/<name>'],
    ['p, a, applications, action, */*, allow', 'action "action" is not one Argo CD 3.4 checks on applications'],
    ['p, a, applications, syncs, */*, allow', 'action "syncs" is not one Argo CD 3.4 checks on applications: the line would match nothing; did you mean "sync"?'],
    ['p, a, applications, sync, my-app, allow', 'object "my-app" of applications is matched against <project>/<name>: without a "/" it matches nothing'],
  ])('fails when the line is %j', (line, message) => {
    expect(rbacPolicyLineProblem(line)?.message).toContain(message);
  });
});
