// `--now` (message, dnssec): the time signatures are checked against.
import { UsageError } from '../model/usage-error.js';

/** `--now`: ISO 8601, or whole seconds since the epoch. */
export function readNow(text: string | undefined): number {
  if (text === undefined) return Math.floor(Date.now() / 1000);
  if (/^\d+$/.test(text)) return Number(text);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new UsageError(`--now '${text}': not a time (ISO 8601 such as 2026-01-31T12:00:00Z, or seconds since the epoch)`);
  return Math.floor(ms / 1000);
}
