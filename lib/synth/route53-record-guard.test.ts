import * as fs from 'fs';
import * as path from 'path';
import { FleetError } from '../fleet';
import { fakeOutputsWithAddons, outputsFolder, renderWithAddons, testFleet } from '../../test/fleets';
import { tempDir } from '../../test/tree';
import { route53RecordConflicts } from './route53-record-guard';
import { synth } from './synth';

// Two endpoints: shop (failover, t-gcp primary, t-aws secondary) and api (weighted, t-azure and t-aws).
function fleetWith(): any {
  const f: any = testFleet();
  f.platform = {
    globalDns: {
      endpoints: [
        {
          name: 'shop', host: 'shop.example.com', zone: 'example.com', policy: 'failover',
          members: [{ cluster: 't-gcp', role: 'primary' }, { cluster: 't-aws', role: 'secondary' }],
          backend: { service: 'shop', namespace: 'shop', port: 8080 },
        },
        {
          name: 'api', host: 'api.example.com', zone: 'example.com', policy: 'weighted',
          members: [{ cluster: 't-azure', weight: 30 }, { cluster: 't-aws', weight: 70 }],
          backend: { service: 'api', namespace: 'api', port: 80 },
        },
      ],
    },
  };
  return f;
}
const outputs = fakeOutputsWithAddons(fleetWith());
const dnsStack = (f: unknown) => JSON.stringify(renderWithAddons(f, outputs).stacks['global-dns']);
const BEFORE = dnsStack(fleetWith());
const endpoint = (f: any, name: string) => f.platform.globalDns.endpoints.find((e: any) => e.name === name);

/** The problems of editing the fleet, its global-dns stack before and after. */
function edited(edit: (f: any) => void, before = BEFORE) {
  const f = fleetWith();
  edit(f);
  return route53RecordConflicts([{ stack: 'global-dns', before, after: dnsStack(f) }], 'dist');
}

describe('route53RecordConflicts: a routing policy switched', () => {
  test('fails when a failover endpoint becomes weighted: the failover records are deleted while the weighted ones are created, which Route 53 refuses', () => {
    expect(edited((f) => {
      endpoint(f, 'shop').policy = 'weighted';
      endpoint(f, 'shop').members = [{ cluster: 't-gcp', weight: 50 }, { cluster: 't-aws', weight: 50 }];
    })).toEqual([{
      path: 'platform.globalDns.endpoints[shop].policy',
      message: 'the Route 53 records of shop.example.com change routing policy (failover → weighted) in one apply: terraform deletes the failover records and creates the weighted ones in parallel, Route 53 refuses a weighted record beside a failover one of the same name and type, and the creates fail once the deletes went through: shop.example.com has no address until the next apply; --allow-replace does not change that',
      given: '"weighted"',
      allowed: expect.stringMatching(/^"failover" as before; to switch, two applies: set host to a name of example\.com that nothing uses \(e\.g\. "shop-switch\.example\.com"\), synth and apply, so that Route 53 holds no record of shop\.example\.com; then set host back with policy "weighted", synth and apply\. In between shop\.example\.com has no address .*\(README, "Global DNS", "Changing an endpoint's policy or name"\); if stack global-dns was never applied, remove dist\/terraform\/stacks\/global-dns\/cdk\.tf\.json and synth again$/),
    }]);
  });

  test('fails when a weighted endpoint becomes failover: the moved blocks make each weighted record a failover one in place, and every apply fails', () => {
    const problems = edited((f) => {
      endpoint(f, 'api').policy = 'failover';
      endpoint(f, 'api').members = [{ cluster: 't-azure', role: 'primary' }, { cluster: 't-aws', role: 'secondary' }];
    });
    expect(problems.map((p) => p.path)).toEqual(['platform.globalDns.endpoints[api].policy']);
    expect(problems[0].message).toBe('the Route 53 records of api.example.com change routing policy (weighted → failover) in one apply: the moved blocks that take over the records an earlier fleetsynth kept per cluster make each weighted record a failover one in place, one Route 53 change batch each, and Route 53 refuses a failover record beside a weighted one of the same name and type: every apply of stack global-dns fails; --allow-replace does not change that');
  });

  test('the two applies pass: the host moved out of Route 53 first, then back with the new policy', () => {
    const switching = (f: any) => { endpoint(f, 'shop').host = 'shop-switch.example.com'; };
    expect(edited(switching)).toEqual([]);
    const between = (() => { const f = fleetWith(); switching(f); return dnsStack(f); })();
    expect(edited((f) => {
      endpoint(f, 'shop').policy = 'weighted';
      endpoint(f, 'shop').members = [{ cluster: 't-gcp', weight: 50 }, { cluster: 't-aws', weight: 50 }];
    }, between)).toEqual([]);
  });

  test('nothing for edits one apply makes: roles swapped, weights, members, TTL, health checks, and another host', () => {
    expect(edited((f) => {
      endpoint(f, 'shop').members = [{ cluster: 't-gcp', role: 'secondary' }, { cluster: 't-azure', role: 'primary' }];
      endpoint(f, 'shop').ttlSeconds = 30;
      endpoint(f, 'shop').healthCheck = { port: 15021 };
      endpoint(f, 'api').members = [{ cluster: 't-azure', weight: 0 }, { cluster: 't-gcp', weight: 10 }];
    })).toEqual([]);
    // Another host: the records are replaced one by one (name is ForceNew), and no other has the new name.
    expect(edited((f) => { endpoint(f, 'api').host = 'api2.example.com'; endpoint(f, 'api').policy = 'failover'; endpoint(f, 'api').members = [{ cluster: 't-azure', role: 'primary' }, { cluster: 't-aws', role: 'secondary' }]; })).toEqual([]);
  });

  test('nothing for a zone given by another id: the records go to another hosted zone', () => {
    const inZone = (id: string) => (f: any) => { endpoint(f, 'shop').zoneId = id; };
    const before = (() => { const f = fleetWith(); inZone('Z0123456789ABCDEFGHIJ')(f); return dnsStack(f); })();
    expect(edited((f) => { inZone('Z9999999999ABCDEFGHIJ')(f); endpoint(f, 'shop').policy = 'weighted'; endpoint(f, 'shop').members = [{ cluster: 't-gcp', weight: 1 }]; }, before)).toEqual([]);
  });
});

describe('route53RecordConflicts: a host written under another endpoint name', () => {
  test('nothing for another stack: the paths name global endpoints', () => {
    const f = fleetWith();
    endpoint(f, 'shop').name = 'store';
    expect(route53RecordConflicts([{ stack: 'addon-dns', before: BEFORE, after: dnsStack(f) }], 'dist')).toEqual([]);
  });

  test('fails when an endpoint is renamed with its host: every record gets a new address, and the creates fail on the records being deleted; the way out names the certificate', () => {
    const problems = edited((f) => { endpoint(f, 'shop').name = 'store'; });
    expect(problems).toEqual([{
      path: 'platform.globalDns.endpoints[store].name',
      message: 'the Route 53 records of shop.example.com, which endpoint shop wrote, are written by endpoint store: each record gets another Terraform address, terraform deletes the old ones and creates the new ones in parallel, and Route 53 refuses a record that exists ("already exists"): the creates fail once the deletes went through, and shop.example.com has no address until the next apply; --allow-replace does not change that',
      given: '"store"',
      allowed: expect.stringContaining('name "shop" as before (it names only the Istio Gateway and VirtualService and the health checks\' Name tags); to rename, two applies'),
    }]);
    expect(problems[0].allowed).toContain('set tlsSecretName to the Secret the members hold ("shop-tls" unless it was set), or provide "store-tls" on every member first');
    expect(problems[0].allowed).toMatch(/; if stack global-dns was never applied, remove dist\/terraform\/stacks\/global-dns\/cdk\.tf\.json and synth again$/);
  });

  test('fails when a host is handed to another endpoint in the same apply, at its host', () => {
    const problems = edited((f) => {
      endpoint(f, 'shop').host = 'shop2.example.com';
      endpoint(f, 'api').host = 'shop.example.com';
      endpoint(f, 'api').policy = 'failover';
      endpoint(f, 'api').members = [{ cluster: 't-azure', role: 'primary' }, { cluster: 't-aws', role: 'secondary' }];
    });
    expect(problems.map((p) => [p.path, p.given])).toEqual([['platform.globalDns.endpoints[api].host', '"shop.example.com"']]);
  });
});

describe('synth', () => {
  test('refuses a policy switch before writing, even with --allow-replace global-dns', () => {
    const fleet = fleetWith();
    const outDir = path.join(tempDir(), 'dist');
    const outputsDir = outputsFolder(fakeOutputsWithAddons(fleet));
    synth(fleet, { outDir, outputsDir, cache: false });
    endpoint(fleet, 'shop').policy = 'weighted';
    endpoint(fleet, 'shop').members = [{ cluster: 't-gcp', weight: 50 }, { cluster: 't-aws', weight: 50 }];
    let refused: unknown;
    try {
      synth(fleet, { outDir, outputsDir, cache: false, allowReplace: ['global-dns'] });
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(FleetError);
    expect((refused as FleetError).problems.map((p) => p.path)).toEqual(['platform.globalDns.endpoints[shop].policy']);
    // The way out for a stack written but never applied: with its previous JSON put aside, nothing is compared.
    fs.rmSync(path.join(outDir, 'terraform', 'stacks', 'global-dns', 'cdk.tf.json'));
    synth(fleet, { outDir, outputsDir, cache: false });
    expect(fs.readFileSync(path.join(outDir, 'terraform', 'stacks', 'global-dns', 'cdk.tf.json'), 'utf8')).toContain('weighted_routing_policy');
  });
});
