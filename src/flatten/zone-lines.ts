// Records as RFC 1035 §5.1 master-file lines: absolute owner, TTL, class, type, and each
// character-string quoted (dns/present.ts: `"` and `\` escaped, other bytes outside printable ASCII as \DDD).
import { presentAbsoluteName, quoteCharacterString } from '../dns/present.js';
import { latin1ToBytes } from '../model/txt.js';

export function txtZoneLine(name: string, ttl: number, strings: readonly string[]): string {
  return `${presentAbsoluteName(name)} ${ttl} IN TXT ${strings.map((s) => quoteCharacterString(latin1ToBytes(s))).join(' ')}`;
}
