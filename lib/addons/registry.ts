import { FleetAddon } from './addon';
import { observabilityAddon, ObservabilitySettings } from './observability';

/*
 * The built-in platform services. Each lives in its own folder (lib/addons/<service>/) and is
 * registered here with one line in each of the two declarations below: its settings type (what
 * `platform.<service>` accepts in the fleet) and its factory. Delete the folder and its two lines,
 * and nothing else breaks.
 */

/** Settings of the built-in platform services, by service: each is off unless configured. */
export interface PlatformServices {
  readonly observability?: ObservabilitySettings;
}

/** Creates each built-in add-on from its settings (as written in the fleet, not validated yet). */
export const BUILTIN_ADDONS: { readonly [K in keyof PlatformServices]-?: (settings: unknown) => FleetAddon } = {
  observability: observabilityAddon,
};
