import { FleetError, isDns1123Label, isDns1123Subdomain, Problem } from '../fleet';

/*
 * Construct props are checked when the construct is created (validate early, never catch): every
 * problem at once, each with a path like `ArgoCdApplication[checkout].destination`.
 */

export class PropsCheck {
  private readonly problems: Problem[] = [];
  constructor(private readonly where: string) {}

  fail(field: string, message: string, given: unknown, allowed: string): this {
    this.problems.push({ path: `${this.where}.${field}`, message, given: JSON.stringify(given) ?? String(given), allowed });
    return this;
  }

  /** An object name: a DNS-1123 subdomain of at most 253 characters (`label`: a label of at most 63). */
  name(field: string, value: unknown, kind: 'label' | 'subdomain' = 'subdomain'): this {
    const ok = kind === 'label' ? isDns1123Label(value) : isDns1123Subdomain(value);
    return ok ? this : this.fail(field, `must be a DNS-1123 ${kind}`, value, 'lowercase letters, digits and "-"');
  }

  nonEmpty(field: string, value: unknown): this {
    return typeof value === 'string' && value.trim() !== '' ? this : this.fail(field, 'is required', value, 'a non-empty string');
  }

  check(field: string, ok: boolean, message: string, given: unknown, allowed: string): this {
    return ok ? this : this.fail(field, message, given, allowed);
  }

  /** Throws one FleetError listing every problem found. */
  done(): void {
    if (this.problems.length > 0) throw new FleetError(this.problems, 'construct props');
  }
}
