// Domain names as users write them in JSON inputs (the config file, profile files): shared by
// src/config and src/profile, so neither imports the other's validator.
import { domainToASCII } from 'node:url';

/**
 * A DNS name as users write it: LDH labels (plus `_`, used by DKIM and DMARC names), 1-63 octets
 * each, at most 253 in all (RFC 1035 §2.3.4); Unicode names become A-labels (RFC 5891).
 */
export function normalizeDomain(text: string): string | null {
  const trimmed = text.trim().replace(/\.$/, '');
  if (trimmed === '' || trimmed.length > 253) return null;
  const ascii = /^[\x00-\x7f]*$/.test(trimmed) ? trimmed.toLowerCase() : domainToASCII(trimmed);
  if (ascii === '' || ascii.length > 253) return null;
  return ascii.split('.').every((l) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l)) ? ascii : null;
}
