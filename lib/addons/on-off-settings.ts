import { Problem, show } from '../fleet';
import { isRecord } from '../fleet/problems';

/**
 * Problems with the settings of a built-in service that takes none (`platform.<service>`: `false` turns it
 * off, nothing or `{}` keeps it on): each key of an object at its own path, since the fleet's unknown-field
 * check reports the same ones there, once; any other value at `platform.<service>`.
 */
export function onOffSettingsProblems(service: string, settings: unknown): Problem[] {
  const message = 'takes no settings: false turns it off, nothing (or {}) keeps it on';
  if (isRecord(settings)) return Object.keys(settings).map((key) => ({ path: `platform.${service}.${key}`, message, given: show(key), allowed: 'false or {}' }));
  if (settings !== undefined && settings !== false) return [{ path: `platform.${service}`, message, given: show(settings), allowed: 'false or {}' }];
  return [];
}
