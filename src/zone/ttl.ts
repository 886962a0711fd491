// TTLs: seconds, or BIND's unit form (`1h30m`, `2d`, `1w`; s m h d w, any case).
// RFC 2181 §8: a TTL is an unsigned value from 0 to 2^31 - 1.

import type { Token } from './lexer.js';
import { zoneError } from './zone-file-error.js';

export const MAX_TTL = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** True when the token looks like a TTL (starts with a digit), as opposed to a class or type. */
export function looksLikeTtl(token: Token): boolean {
  return !token.quoted && /^[0-9]/.test(token.text);
}

/** The number of seconds a token means, or null when it is not a duration. */
export function durationSeconds(text: string): number | null {
  if (/^[0-9]+$/.test(text)) return Number(text);
  if (!/^([0-9]+[smhdw])+$/i.test(text)) return null;
  let total = 0;
  for (const m of text.matchAll(/([0-9]+)([smhdw])/gi)) {
    total += Number(m[1]) * (UNIT_SECONDS[(m[2] as string).toLowerCase()] ?? 0);
  }
  return total;
}

export function parseTtl(token: Token, what = 'TTL'): number {
  return parseDuration(token, what, MAX_TTL, 'RFC 2181 §8');
}

/** SOA timers are unsigned 32-bit (RFC 1035 §3.3.13). */
export function parseSoaTimer(token: Token, what: string): number {
  return parseDuration(token, what, UINT32_MAX, 'RFC 1035 §3.3.13');
}

function parseDuration(token: Token, what: string, max: number, rfc: string): number {
  const seconds = token.quoted ? null : durationSeconds(token.text);
  if (seconds === null) throw zoneError(token, `bad ${what} '${token.text}': use seconds or units like 1h, 2d, 1w`);
  if (seconds > max) throw zoneError(token, `${what} '${token.text}' is out of range: at most ${max} seconds (${rfc})`);
  return seconds;
}

/** A plain unsigned decimal integer no larger than `max`. */
export function parseUnsigned(token: Token, what: string, max: number): number {
  if (token.quoted || !/^[0-9]+$/.test(token.text)) throw zoneError(token, `bad ${what} '${token.text}': expected a decimal number`);
  const value = Number(token.text);
  if (value > max) throw zoneError(token, `${what} '${token.text}' is out of range: at most ${max}`);
  return value;
}
