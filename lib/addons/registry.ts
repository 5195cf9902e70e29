import { FleetAddon } from './addon';
import { secretsAddon, SecretsSettings } from './secrets';

/*
 * The built-in platform services. Each lives in its own folder (lib/addons/<service>/) and is
 * registered here with one line in each of the two declarations below: its settings type (what
 * `platform.<service>` accepts in the fleet) and its factory. Delete the folder and its two lines,
 * and nothing else breaks.
 */

/** Settings of the built-in platform services, by service: each is off unless configured. */
export interface PlatformServices {
  /** Vault as the fleet's secret store and the mesh's root of trust (lib/addons/secrets). */
  readonly secrets?: SecretsSettings;
}

/** Creates each built-in add-on from its settings (as written in the fleet, not validated yet). */
export const BUILTIN_ADDONS: { readonly [K in keyof PlatformServices]-?: (settings: unknown) => FleetAddon } = {
  secrets: secretsAddon,
};
