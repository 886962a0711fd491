// A command-line option that must be a whole number within bounds (digits only: no sign, no
// fraction, no exponent), or a usage error (exit 2) naming the option, the bounds and what was given.
import { UsageError } from '../model/usage-error.js';

/** `unit` reads after "whole number", e.g. " of milliseconds". */
export function wholeNumberOption(raw: unknown, option: string, min: number, max: number, unit = ''): number {
  const text = String(raw);
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new UsageError(`${option} must be a whole number${unit} from ${min} to ${max} (got '${text}')`);
  return value;
}
