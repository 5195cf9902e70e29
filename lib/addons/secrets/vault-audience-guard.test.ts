import { boundAudiences, vaultAudienceChange } from './vault-audience-guard';

// Through synth, against a written output: test/mesh-trust-changes.test.ts.
const OLD = 'https://vault.acme.example.com:8200';
const NEW = 'https://vault.new.example.com:8200';
const stack = (audiences: string[][]) => JSON.stringify({ resource: { vault_jwt_auth_backend_role: Object.fromEntries(audiences.map((a, i) => [`r${i}`, { bound_audiences: a }])) } });
const fleet = (vault: Record<string, unknown>) => ({ platform: { secrets: { vault } } });

describe('vaultAudienceChange', () => {
  test('nothing without a previous vault stack, without roles in it (no cluster had outputs), with the same audience, without platform.secrets, or when allowed', () => {
    expect(vaultAudienceChange(fleet({ address: NEW }), undefined, false)).toEqual([]);
    expect(vaultAudienceChange(fleet({ address: NEW }), JSON.stringify({ resource: {} }), false)).toEqual([]);
    expect(vaultAudienceChange(fleet({ address: NEW, audience: OLD }), stack([[OLD]]), false)).toEqual([]);
    expect(vaultAudienceChange({ platform: {} }, stack([[OLD]]), false)).toEqual([]);
    expect(vaultAudienceChange(fleet({ address: NEW }), stack([[OLD]]), true)).toEqual([]);
  });

  test('a new address that moves the audience: refused at the address, naming the old audience and the way through', () => {
    expect(vaultAudienceChange(fleet({ address: NEW }), stack([[OLD], [OLD]]), false)).toEqual([
      {
        path: 'platform.secrets.vault.address',
        message: expect.stringMatching(/^the previous synth's output binds the clusters' Vault roles to audience "https:\/\/vault\.acme\.example\.com:8200" \(terraform\/stacks\/vault\/cdk\.tf\.json, bound_audiences\), which follows the address unless vault\.audience is set: .*Vault refuses every login/),
        given: JSON.stringify(NEW),
        allowed: expect.stringMatching(/^vault\.audience: "https:\/\/vault\.acme\.example\.com:8200", once the new address serves the same Vault \(README, Secrets, "Moving Vault"\); or .*--allow-mesh-trust-change$/),
      },
    ]);
  });

  test('another audience set: refused at the audience', () => {
    expect(vaultAudienceChange(fleet({ address: OLD, audience: 'vault' }), stack([[OLD]]), false)).toEqual([
      expect.objectContaining({ path: 'platform.secrets.vault.audience', given: '"vault"', allowed: expect.stringMatching(/^"https:\/\/vault\.acme\.example\.com:8200" as before; or /) }),
    ]);
  });
});

describe('boundAudiences', () => {
  test('every role\'s, deduplicated and sorted', () => {
    expect(boundAudiences(stack([[NEW], [OLD], [OLD, NEW]]))).toEqual([OLD, NEW]);
  });

  test('none from a file that is not JSON (conflict markers a merge left): synth then writes the stack anew instead of failing unexpectedly', () => {
    expect(boundAudiences(`<<<<<<< HEAD\n${stack([[OLD]])}\n=======\n${stack([[NEW]])}\n>>>>>>> other\n`)).toEqual([]);
    expect(vaultAudienceChange(fleet({ address: NEW }), '{ broken', false)).toEqual([]);
  });
});
