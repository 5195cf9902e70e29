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

/** Everything wrong with a fleet, reported at once. */
export class FleetError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], what = 'fleet definition') {
    super(`${what} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${formatProblem(p)}`).join('\n')}`);
    this.name = 'FleetError';
    this.problems = problems;
  }
}

/** Renders a value for an error message without ever throwing. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
