import { FleetAddon } from './addon';
import { globalDns, GlobalDnsSettings } from './global-dns';
import { interconnect, InterconnectSettings } from './interconnect';

/*
 * The built-in platform services. Each lives in its own folder (lib/addons/<service>/) and is
 * registered here with one line in each of the two declarations below: its settings type (what
 * `platform.<service>` accepts in the fleet) and its factory. Delete the folder and its two lines,
 * and nothing else breaks.
 */

/** Settings of the built-in platform services, by service: each is off unless configured. */
export interface PlatformServices {
  /** Site-to-site VPN with BGP between the clouds' cluster networks (lib/addons/interconnect). */
  readonly interconnect?: InterconnectSettings;
  /** Public endpoints served by several clusters, with Route 53 failover (lib/addons/global-dns). */
  readonly globalDns?: GlobalDnsSettings;
}

/** Creates each built-in add-on from its settings (as written in the fleet, not validated yet). */
export const BUILTIN_ADDONS: { readonly [K in keyof PlatformServices]-?: (settings: unknown) => FleetAddon } = {
  interconnect,
  globalDns,
};
