import { CoreFleet } from '../fleet';
import { FleetAddon } from './addon';
import { PlatformServices } from './registry';

/** A fleet as users write it: the core model, the built-in platform services' settings, and their own add-ons. */
export type Fleet = CoreFleet<PlatformServices, FleetAddon>;
