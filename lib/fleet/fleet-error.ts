import { escapeInvisible } from './invisible-characters';
import { isSecretKeyName, isSecretReference, redact } from './redact';

/** One thing wrong with a fleet definition (or with synth output), located by its field path. */
export interface Problem {
  /** Where, e.g. `clusters[aws-prod].nodePools[spot].maxSize`. */
  readonly path: string;
  /** What is wrong: lowercase, no trailing period. */
  readonly message: string;
  /** The value given, rendered for humans. */
  readonly given?: string;
  /** What would be accepted. */
  readonly allowed?: string;
}

export function formatProblem(p: Problem): string {
  const parts = [`${p.path}: ${p.message}`];
  if (p.given !== undefined) parts.push(`given ${p.given}`);
  if (p.allowed !== undefined) parts.push(`allowed ${p.allowed}`);
  return parts.join('; ');
}

/**
 * The problem as it may be printed, in every field (paths and messages quote user input too): anything
 * that looks like a credential masked, and invisible characters written as escapes (`\u202e`), which
 * would otherwise reorder or hide what the user reads (invisible-characters.ts).
 */
export function printableProblem(p: Problem): Problem {
  const printable = (text: string) => escapeInvisible(redact(text));
  return {
    path: printable(p.path),
    message: printable(p.message),
    ...(p.given !== undefined ? { given: printable(p.given) } : {}),
    ...(p.allowed !== undefined ? { allowed: printable(p.allowed) } : {}),
  };
}

/** Everything wrong with a fleet, reported at once. Credentials in any value given are masked, invisible characters escaped. */
export class FleetError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], what = 'fleet definition') {
    const redacted = problems.map(printableProblem);
    super(`${what} has ${redacted.length} problem${redacted.length === 1 ? '' : 's'}:\n${redacted.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'FleetError';
    this.problems = redacted;
  }
}

/** A problem with the command line (an option's value): exit code 2, as a malformed command line. */
export class CommandLineError extends FleetError {
  constructor(problems: readonly Problem[]) {
    super(problems, 'command line');
    this.name = 'CommandLineError';
  }
}

/** Renders a value for an error message without ever throwing, credentials masked, invisible characters escaped. */
export function show(value: unknown): string {
  return escapeInvisible(shown(value));
}

function shown(value: unknown): string {
  if (typeof value === 'string') return redact(JSON.stringify(value));
  if (value === undefined) return 'nothing';
  // JSON has no NaN, Infinity or BigInt (it writes null, or throws): show them as JavaScript does.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return `${value}n (a BigInt)`;
  try {
    return redact(JSON.stringify(value, shownInside)?.replace(UNQUOTE, '$1') ?? String(value));
  } catch (e) {
    // A cycle, or a getter or toJSON that threw: String() can throw too (no callable toString).
    return typeof value === 'object' && value !== null ? `an object JSON cannot write (${e instanceof Error ? e.message : 'it threw'})` : redact(String(value));
  }
}

/**
 * A value as text inside a path, a key or a message: a string as it is, anything else as show() renders
 * it. Never throws, where String() and a template literal do: on a Symbol, and on an object without a
 * callable toString (a YAML or JSON `{ toString: x }`, an Object.create(null)).
 */
export function asText(value: unknown): string {
  return typeof value === 'string' ? value : show(value);
}

// Values JSON cannot write, marked inside a quoted string and unquoted after: `{"maxSize":NaN}`.
const MARK = '\u0000fleetsynth:';
const UNQUOTE = /"\\u0000fleetsynth:([^"]*)"/g;

/** JSON.stringify's replacer for show(): non-finite numbers and BigInts as JavaScript writes them, secret keys' literal values masked. */
function shownInside(this: unknown, key: string, v: unknown): unknown {
  if (typeof v === 'number' && !Number.isFinite(v)) return `${MARK}${v}`;
  if (typeof v === 'bigint') return `${MARK}${v}n`;
  if ((typeof v === 'string' || typeof v === 'number') && isSecretKeyName(key) && !(typeof v === 'string' && isSecretReference(v))) return '***';
  return v;
}
