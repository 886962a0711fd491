// Domain names as users write them: command-line arguments and options, the config file, sending
// profiles. One rule for all of them, checked before any query, so a typo is a usage error naming
// what was typed, never a run of NXDOMAIN findings. An email address or a URL where a domain
// belongs is answered with the domain the user most likely meant.
//
// Reasons quote what the user typed as it is: whoever prints them escapes them for the terminal
// (the CLI runner does, for every error message).
import { domainToASCII } from 'node:url';
import { parseIp } from '../net/ip.js';

export type DomainNameCheck =
  | { ok: true; name: string }
  | {
      ok: false;
      /** `empty`, bad `syntax`, something else that holds a domain (`not-a-domain`), or a `single-label` mail domain. */
      problem: 'empty' | 'syntax' | 'not-a-domain' | 'single-label';
      /** A sentence naming the value (`domain 'a..b' has an empty label`). */
      reason: string;
      /** The reason without its subject (`has an empty label`). */
      why: string;
      /** The domain the user most likely meant (`news@shop.example` → `shop.example`), when there is one. */
      suggestion: string | null;
    };

export interface DomainNameRule {
  /** How the reason names the value: `domain`, `selector`, `--keep`, … */
  what: string;
  /**
   * A domain that mail is sent from or to (a From, MAIL FROM, DKIM d= or audited domain): it has
   * at least two labels (RFC 7208 §4.3 asks the same of check_host's domain), and an email address,
   * URL or IP address typed instead is named as such, with the domain it holds as a suggestion.
   * False for selectors and host names, which may be single labels.
   */
  mailDomain: boolean;
}

export const MAIL_DOMAIN: DomainNameRule = { what: 'domain', mailDomain: true };

// RFC 1035 §2.3.1 letters, digits and inner hyphens, plus the underscore DNS allows (RFC 2181 §11;
// _dmarc, _domainkey); 1-63 characters (RFC 1035 §2.3.4)
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * A DNS name of letters, digits, '-' and '_': labels of 1 to 63 characters, 253 characters in all,
 * one trailing dot allowed, surrounding white space ignored. Internationalized names become their
 * A-label form (RFC 5891). The name comes back lower-cased, without the trailing dot.
 */
export function checkDomainName(text: string, rule: DomainNameRule = MAIL_DOMAIN): DomainNameCheck {
  const { what } = rule;
  const fail = (problem: 'empty' | 'syntax' | 'not-a-domain' | 'single-label', why: string, suggestion: string | null = null): DomainNameCheck => ({
    ok: false,
    problem,
    why,
    reason: problem === 'empty' ? `${what} ${why}` : `${what} '${text}' ${why}`,
    suggestion,
  });
  const refuse = (why: string): DomainNameCheck => {
    const mistaken = rule.mailDomain ? notADomain(text) : null;
    if (mistaken === null) return fail('syntax', why);
    const hint = mistaken.suggestion === null ? '' : `; did you mean ${mistaken.suggestion}?`;
    return fail('not-a-domain', `is ${mistaken.kind}, not a domain name${hint}`, mistaken.suggestion);
  };
  const syntax = checkSyntax(text);
  if (!syntax.ok) return syntax.problem === 'is empty' ? fail('empty', 'is empty') : refuse(syntax.problem);
  if (rule.mailDomain) {
    // a dotted quad has the syntax of a name, but no top-level label is all digits (RFC 1123 §2.1)
    if (parseIp(syntax.name) !== null) return refuse('is an IP address');
    if (!syntax.name.includes('.')) return fail('single-label', 'is not a multi-label domain name (a mail domain has a dot, as in example.com)');
  }
  return { ok: true, name: syntax.name };
}

type Syntax = { ok: true; name: string } | { ok: false; problem: string };

function checkSyntax(text: string): Syntax {
  let name = text.trim();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '') return { ok: false, problem: 'is empty' };
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f-\x9f]/.test(name)) return { ok: false, problem: 'contains a control character' };
  if (/[^\x20-\x7e]/.test(name)) {
    const ascii = domainToASCII(name);
    if (ascii === '') return { ok: false, problem: 'is not a valid internationalized domain name' };
    name = ascii;
  }
  name = name.toLowerCase();
  if (name.length > 253) return { ok: false, problem: 'is longer than 253 characters (RFC 1035 §2.3.4)' };
  const labels = name.split('.');
  for (const [i, label] of labels.entries()) {
    if (LABEL.test(label)) continue;
    const problem =
      label === ''
        ? 'an empty label'
        : label.length > 63
          ? `label ${i + 1} longer than 63 characters`
          : `label '${label}' with a character other than letters, digits, '-' and '_' (or a '-' at either end)`;
    return { ok: false, problem: `has ${problem}` };
  }
  return { ok: true, name };
}

export interface NotADomain {
  /** `an email address`, `a URL`, `a host and port`, `an IP address`. */
  kind: string;
  /** The domain it holds, when that is a well-formed multi-label name. */
  suggestion: string | null;
}

/**
 * What a user typed where a domain belongs, when it is something else that holds one: an email
 * address (`news@shop.example`, `<news@shop.example>`, `mailto:news@shop.example`), a URL
 * (`https://www.shop.example/path`, or `www.shop.example/path` without the scheme), a host and
 * port (`mx.shop.example:25`), or an IP address. Null when it is none of these.
 */
export function notADomain(typed: string): NotADomain | null {
  let text = typed.trim();
  if (text.startsWith('<') && text.endsWith('>')) text = text.slice(1, -1).trim();
  const suggest = (host: string): string | null => {
    const checked = checkSyntax(host);
    return checked.ok && checked.name.includes('.') && parseIp(checked.name) === null ? checked.name : null;
  };
  if (parseIp(text) !== null || parseIp(text.replace(/^\[(.*)\]$/, '$1')) !== null) return { kind: 'an IP address', suggestion: null };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (scheme !== null && scheme[1]?.toLowerCase() === 'mailto') {
    // mailto:news@shop.example?subject=… (RFC 6068): the address before any query
    return mailbox(text.slice('mailto:'.length).split('?')[0] ?? '', suggest);
  }
  if (scheme !== null && text.slice(scheme[0].length).startsWith('//')) {
    let host = '';
    try {
      host = new URL(text).hostname;
    } catch {
      // not a URL after all: the part after "//" up to the path, without user or port
      host = hostOf(text.slice(scheme[0].length + 2));
    }
    if (host.startsWith('[')) return { kind: 'a URL', suggestion: null };
    return { kind: 'a URL', suggestion: suggest(host) };
  }
  if (text.includes('@')) return mailbox(text, suggest);
  // www.shop.example/dmarc, shop.example?x: a URL without its scheme
  if (/^[^/?#]+[/?#]/.test(text)) return { kind: 'a URL', suggestion: suggest(hostOf(text)) };
  // mx.shop.example:25
  const port = /^([^:]+):\d{1,5}$/.exec(text);
  if (port !== null) return { kind: 'a host and port', suggestion: suggest(port[1] ?? '') };
  return null;
}

/** The domain of `local@domain` (the last '@': a quoted local part may hold one). */
function mailbox(text: string, suggest: (host: string) => string | null): NotADomain {
  const at = text.lastIndexOf('@');
  return { kind: 'an email address', suggestion: suggest(hostOf(text.slice(at + 1))) };
}

/** `user@host:port/path?query#fragment` → `host`. */
function hostOf(authority: string): string {
  const end = authority.search(/[/?#]/);
  const hostPort = (end < 0 ? authority : authority.slice(0, end)).replace(/^.*@/, '');
  return hostPort.replace(/:\d*$/, '').replace(/>$/, '');
}
