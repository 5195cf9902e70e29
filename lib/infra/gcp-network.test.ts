import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, TerraformStack, Testing } from './cdktf';
import { GcpNetwork } from './gcp-network';
import { TERRAFORM_ENV, withBuiltinTerraform } from '../../test/terraform-builtin';
import { tempDir } from '../../test/tree';

/** The Cloud NAT addresses of a network with `count` static egress addresses, as the stack writes them. */
function natAddresses(count: number): Record<string, any>[] {
  const stack = new TerraformStack(new App(), 'probe');
  new GcpNetwork(stack, 'network', { name: 'probe-net', region: 'europe-west4', nodeCidr: '10.0.0.0/20', podCidr: '10.4.0.0/14', serviceCidr: '10.8.0.0/20', staticEgressAddresses: count });
  return Object.values(JSON.parse(Testing.synth(stack)).resource.google_compute_address);
}

describe('GcpNetwork: Cloud NAT addresses', () => {
  test('each reserved address is create_before_destroy, as the google provider asks of addresses in nat_ips that come and go', () => {
    expect(natAddresses(3).map((a) => a.lifecycle)).toEqual([{ create_before_destroy: true }, { create_before_destroy: true }, { create_before_destroy: true }]);
  });

  /**
   * What Terraform does first when a zone goes (its last address leaves the configuration and the NAT's
   * list), with Terraform's built-in `terraform_data` standing for the addresses (their `lifecycle` as the
   * stack writes it, or none) and the NAT (its input their outputs). `stateFirst`: one apply of the
   * lifecycle before the removal, as a stack applied before it was written gets once upgraded: as the
   * README's pipeline applies, a saved plan that shows no change (README *Upgrading fleetsynth over a
   * fleet that is running*, "GKE: one pipeline run before removing a zone").
   */
  function actions(lifecycle: object | undefined, stateFirst: boolean): string[] {
    const dir = tempDir('fleetsynth-tf-');
    const run = (...args: string[]) => spawnSync('terraform', args, { cwd: dir, encoding: 'utf8', env: TERRAFORM_ENV });
    const write = (count: number, withLifecycle: boolean) => {
      const addresses = Object.fromEntries(Array.from({ length: count }, (_, i) => [`address-${i}`, { input: `a${i}`, ...(withLifecycle && lifecycle ? { lifecycle } : {}) }]));
      const nat = { input: Object.keys(addresses).map((a) => `\${terraform_data.${a}.output}`) };
      fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ resource: { terraform_data: { ...addresses, nat } } }));
    };
    const apply = () => {
      const applied = run('apply', '-auto-approve', '-input=false', '-no-color');
      if (applied.status !== 0) throw new Error(applied.stderr);
      return applied.stdout;
    };
    write(3, false);
    if (run('init', '-input=false', '-no-color').status !== 0) throw new Error('terraform init failed');
    apply();
    if (stateFirst) {
      write(3, true);
      const planned = run('plan', '-input=false', '-no-color', '-out=upgrade.tfplan');
      if (planned.status !== 0 || !planned.stdout.includes('No changes.')) throw new Error(`the lifecycle alone planned a change or failed: ${planned.stdout}${planned.stderr}`);
      const applied = run('apply', '-input=false', '-no-color', 'upgrade.tfplan');
      if (applied.status !== 0) throw new Error(applied.stderr);
    }
    write(2, true);
    return apply().split('\n').flatMap((l) => /^terraform_data\.(\S+): (Destroying|Modifying)\.\.\./.exec(l)?.slice(1, 3).join(' ') ?? []);
  }

  withBuiltinTerraform('with the lifecycle in the state, a zone removed updates the NAT before the address goes (Google refuses it the other way round)', () => {
    const [lifecycle] = natAddresses(1).map((a) => a.lifecycle);
    expect(actions(lifecycle, true)).toEqual(['nat Modifying', 'address-2 Destroying']);
    // Without it, or with it only in the configuration of the apply that removes the address (a stack applied before
    // the lifecycle was written, upgraded and edited at once: the removed address's flag comes from the state), the
    // address is destroyed first.
    expect(actions(undefined, true)).toEqual(['address-2 Destroying', 'nat Modifying']);
    expect(actions(lifecycle, false)).toEqual(['address-2 Destroying', 'nat Modifying']);
  });
});
