// Domain names and selectors as users type them on the command line: checked before any query,
// so a typo is a usage error naming the argument, never a string of NXDOMAIN findings.
import { domainToASCII } from 'node:url';
import { escapeForTerminal } from '../report/escape.js';

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

const LABEL = /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

/**
 * A DNS name of letters, digits, '-' and '_' (RFC 1035 §2.3.1 plus the underscore labels DNS
 * allows, RFC 2181 §11): labels of 1 to 63 characters, 253 characters in all, one trailing dot
 * allowed. Internationalized names are converted to their A-label form (RFC 5891).
 */
export function checkDnsName(text: string, what: string): NameCheck {
  let name = text.endsWith('.') ? text.slice(0, -1) : text;
  // the reasons quote what the user typed: escaped, so a control character cannot reach the terminal
  const quoted = `'${escapeForTerminal(text)}'`;
  if (name === '') return { ok: false, reason: `${what} is empty` };
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f-\x9f]/.test(name)) return { ok: false, reason: `${what} ${quoted} contains a control character` };
  if (/[^\x20-\x7e]/.test(name)) {
    const ascii = domainToASCII(name);
    if (ascii === '') return { ok: false, reason: `${what} ${quoted} is not a valid internationalized domain name` };
    name = ascii;
  }
  if (name.length > 253) return { ok: false, reason: `${what} ${quoted} is longer than 253 characters (RFC 1035 §2.3.4)` };
  const labels = name.split('.');
  for (const [i, label] of labels.entries()) {
    if (!LABEL.test(label)) {
      const problem = label === '' ? 'an empty label' : label.length > 63 ? `label ${i + 1} longer than 63 characters` : `label '${escapeForTerminal(label)}' with a character other than letters, digits, '-' and '_' (or a '-' at either end)`;
      return { ok: false, reason: `${what} ${quoted} has ${problem}` };
    }
  }
  return { ok: true, name: name.toLowerCase() };
}
