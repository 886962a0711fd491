// Parse one SPF term (RFC 7208 §4.6.1, §5, §6, §12 ABNF) into a typed mechanism or modifier.
//   term      = directive / modifier
//   directive = [ qualifier ] mechanism
//   modifier  = redirect / explanation / unknown-modifier   (name "=" ...)
import { maxPrefix, parseIp4, parseIp6 } from '../net/ip.js';
import { parseMacroString, type MacroParseError } from './macro-parse.js';
import type { DualCidr, MacroString, ParseError, ParseErrorCode, Qualifier, Term } from './types.js';

export type TermParseResult = { ok: true; term: Term } | { ok: false; error: ParseError };

// RFC 7208 §4.6.1: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ), immediately followed by "=".
const MODIFIER_RE = /^([A-Za-z][A-Za-z0-9\-_.]*)=/;
const MECHANISM_NAME_RE = /^[^:/]*/;
// RFC 7208 §5.6: ip4-cidr-length = "/" ("0" / %x31-39 0*1DIGIT); ip6-cidr-length = "/" ("0" / %x31-39 0*2DIGIT)
const IP4_CIDR_RE = /^\/(0|[1-9][0-9]?)$/;
const IP6_CIDR_RE = /^\/(0|[1-9][0-9]{0,2})$/;
const DUAL_CIDR_TAIL_RE = /(?:\/([0-9]+))?(?:\/\/([0-9]+))?$/;

const KNOWN_MECHANISMS = new Set(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
// Mistakes seen in published records, for a more helpful message.
const LIKELY_MEANT: Record<string, string> = {
  ip: 'ip4',
  ipv4: 'ip4',
  ipv6: 'ip6',
  prt: 'ptr',
  'all.': 'all',
  includes: 'include',
  exist: 'exists',
  redirect: 'redirect=',
  exp: 'exp=',
};

function err(code: ParseErrorCode, position: number, rule: string, message: string): TermParseResult {
  return { ok: false, error: { code, position, rule, message } };
}

function fromMacro(e: MacroParseError): TermParseResult {
  return { ok: false, error: { code: e.code, position: e.position, rule: e.rule, message: e.message } };
}

/** Parse the term `text` found at `position` in the record. */
export function parseTerm(text: string, position: number): TermParseResult {
  const modifier = MODIFIER_RE.exec(text);
  if (modifier) return parseModifier(text, position, modifier[1] ?? '');

  let qualifier: Qualifier = '+';
  let qualifierExplicit = false;
  let rest = text;
  const first = text.charAt(0);
  if (first === '+' || first === '-' || first === '~' || first === '?') {
    qualifier = first;
    qualifierExplicit = true;
    rest = text.slice(1);
  }
  const nameStart = position + (qualifierExplicit ? 1 : 0);
  const written = MECHANISM_NAME_RE.exec(rest)?.[0] ?? '';
  const name = written.toLowerCase();
  const argument = rest.slice(written.length);
  const argAt = nameStart + written.length;
  const base = { kind: 'mechanism' as const, position, text, qualifier, qualifierExplicit };

  if (!KNOWN_MECHANISMS.has(name)) return unknownMechanism(text, written, nameStart, qualifierExplicit);

  switch (name) {
    case 'all':
      // RFC 7208 §5.1: all = "all"
      if (argument !== '') return err('unexpected-argument', argAt, 'RFC 7208 §5.1', `'all' takes no argument, found '${argument}'`);
      return { ok: true, term: { ...base, mechanism: 'all' } };
    case 'include':
    case 'exists': {
      // RFC 7208 §5.2: include = "include" ":" domain-spec; §5.7: exists = "exists" ":" domain-spec
      const rule = name === 'include' ? 'RFC 7208 §5.2' : 'RFC 7208 §5.7';
      if (!argument.startsWith(':')) {
        return err('missing-argument', argAt, rule, `'${name}' needs ':' and a domain, e.g. ${name}:_spf.example.com`);
      }
      const spec = parseMacroString(argument.slice(1), 'domain-spec', argAt + 1);
      if (!spec.ok) return fromMacro(spec.error);
      return { ok: true, term: { ...base, mechanism: name, domain: spec.value } };
    }
    case 'a':
    case 'mx':
      return parseAddressMechanism(name, argument, argAt, base);
    case 'ptr': {
      // RFC 7208 §5.5: PTR = "ptr" [ ":" domain-spec ]
      if (argument === '') return { ok: true, term: { ...base, mechanism: 'ptr', domain: null } };
      if (!argument.startsWith(':')) {
        return err('unexpected-argument', argAt, 'RFC 7208 §5.5', `'ptr' takes only ':' and a domain, found '${argument}'`);
      }
      const spec = parseMacroString(argument.slice(1), 'domain-spec', argAt + 1);
      if (!spec.ok) return fromMacro(spec.error);
      return { ok: true, term: { ...base, mechanism: 'ptr', domain: spec.value } };
    }
    case 'ip4':
    case 'ip6':
      return parseIpMechanism(name, argument, argAt, base);
  }
  return unknownMechanism(text, written, nameStart, qualifierExplicit);
}

function unknownMechanism(text: string, written: string, at: number, qualified: boolean): TermParseResult {
  const lower = written.toLowerCase();
  if (written === '') {
    const why = qualified ? 'a qualifier must be followed by a mechanism name' : 'a term must start with a mechanism or modifier name';
    return err('unknown-mechanism', at, 'RFC 7208 §4.6.1', `'${text}': ${why}`);
  }
  if (written.startsWith('=')) {
    return err('bad-modifier', at, 'RFC 7208 §4.6.1', `'${text}': a modifier name must start with a letter`);
  }
  const eq = written.indexOf('=');
  if (eq > 0 && qualified && MODIFIER_RE.test(written)) {
    return err('bad-qualifier', at - 1, 'RFC 7208 §4.6.1', `modifiers take no qualifier: '${text}'`);
  }
  if (eq > 0) {
    return err('bad-modifier', at, 'RFC 7208 §4.6.1', `'${written.slice(0, eq)}' is not a valid modifier name (it must start with a letter and use only letters, digits, '-', '_' and '.')`);
  }
  if (!qualified && /^[^A-Za-z0-9]/.test(written) && KNOWN_MECHANISMS.has(lower.slice(1))) {
    // RFC 7208 §4.6.2: qualifier = "+" / "-" / "?" / "~"
    return err('bad-qualifier', at, 'RFC 7208 §4.6.2', `'${written.charAt(0)}' is not a qualifier in '${text}': use '+', '-', '~' or '?'`);
  }
  const hint = LIKELY_MEANT[lower];
  const suffix = hint ? ` (did you mean '${hint}'?)` : '';
  return err('unknown-mechanism', at, 'RFC 7208 §4.6.1', `unknown mechanism '${written}'${suffix}`);
}

function parseModifier(text: string, position: number, written: string): TermParseResult {
  const name = written.toLowerCase();
  const valueAt = position + written.length + 1;
  const valueText = text.slice(written.length + 1);
  if (name === 'redirect' || name === 'exp') {
    // RFC 7208 §6.1 redirect = "redirect" "=" domain-spec; §6.2 explanation = "exp" "=" domain-spec
    const rule = name === 'redirect' ? 'RFC 7208 §6.1' : 'RFC 7208 §6.2';
    if (valueText === '') return err('missing-argument', valueAt, rule, `'${written}=' needs a domain`);
    const spec = parseMacroString(valueText, 'domain-spec', valueAt);
    if (!spec.ok) return fromMacro(spec.error);
    return { ok: true, term: { kind: 'modifier', modifier: name, position, text, domain: spec.value } };
  }
  // RFC 7208 §6: unknown-modifier = name "=" macro-string (ignored, but must parse)
  const value = parseMacroString(valueText, 'modifier-value', valueAt);
  if (!value.ok) return fromMacro(value.error);
  return { ok: true, term: { kind: 'modifier', modifier: 'unknown', position, text, name: written, value: value.value } };
}

type MechanismBase = { kind: 'mechanism'; position: number; text: string; qualifier: Qualifier; qualifierExplicit: boolean };

function parseAddressMechanism(name: 'a' | 'mx', argument: string, argAt: number, base: MechanismBase): TermParseResult {
  // RFC 7208 §5.3 / §5.4: "a" / "mx" [ ":" domain-spec ] [ dual-cidr-length ]
  const rule = name === 'a' ? 'RFC 7208 §5.3' : 'RFC 7208 §5.4';
  if (argument !== '' && !argument.startsWith(':') && !argument.startsWith('/')) {
    return err('unexpected-argument', argAt, rule, `unexpected '${argument}' after '${name}'`);
  }
  const tail = DUAL_CIDR_TAIL_RE.exec(argument);
  const tailText = tail?.[0] ?? '';
  let domainText = argument.slice(0, argument.length - tailText.length);
  let cidrText = tailText;
  if (!argument.startsWith(':')) {
    // No domain: everything must be the dual-cidr-length.
    domainText = '';
    cidrText = argument;
  }
  const lastDot = domainText.lastIndexOf('.');
  const slash = domainText.indexOf('/', lastDot < 0 ? 0 : lastDot);
  if (argument.startsWith(':') && slash >= 0 && !domainText.includes('%')) {
    // '/' cannot be part of a top-level label (RFC 7208 §7.1 domain-end): it starts a malformed CIDR.
    const bad = argument.slice(slash);
    return err('bad-cidr', argAt + slash, 'RFC 7208 §5.6', `'${bad}' is not a CIDR length: use /N for IPv4 and //N for IPv6, in that order (e.g. /24//64)`);
  }
  const cidrAt = argAt + argument.length - cidrText.length;
  const cidr = parseDualCidr(cidrText, cidrAt, rule);
  if ('error' in cidr) return { ok: false, error: cidr.error };
  let domain: MacroString | null = null;
  if (argument.startsWith(':')) {
    const spec = parseMacroString(domainText.slice(1), 'domain-spec', argAt + 1);
    if (!spec.ok) return fromMacro(spec.error);
    domain = spec.value;
  }
  return { ok: true, term: { ...base, mechanism: name, domain, cidr: cidr.value } };
}

function parseDualCidr(text: string, at: number, rule: string): { value: DualCidr } | { error: ParseError } {
  // RFC 7208 §5.6: dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ]
  const value: DualCidr = { ip4: null, ip6: null };
  if (text === '') return { value };
  const m = /^(\/[0-9]+)?(\/\/[0-9]+)?$/.exec(text);
  if (!m) return { error: { code: 'bad-cidr', position: at, rule: 'RFC 7208 §5.6', message: `'${text}' is not a CIDR length: use /N for IPv4 and //N for IPv6 (e.g. /24//64)` } };
  const four = m[1];
  const six = m[2];
  if (four !== undefined) {
    const ok = IP4_CIDR_RE.exec(four);
    const n = ok ? Number(ok[1]) : NaN;
    if (!ok || n > 32) return { error: cidrError(four, at, 4) };
    value.ip4 = n;
  }
  if (six !== undefined) {
    const sixAt = at + (four?.length ?? 0);
    const ok = IP6_CIDR_RE.exec(six.slice(1));
    const n = ok ? Number(ok[1]) : NaN;
    if (!ok || n > 128) return { error: cidrError(six.slice(1), sixAt + 1, 6) };
    value.ip6 = n;
  }
  void rule;
  return { value };
}

function cidrError(text: string, at: number, version: 4 | 6): ParseError {
  const digits = text.slice(1);
  const max = maxPrefix(version);
  const why = /^0[0-9]/.test(digits) ? 'has a leading zero' : `is over ${max}`;
  return {
    code: 'bad-cidr',
    position: at,
    rule: 'RFC 7208 §5.6',
    message: `IPv${version} prefix length '${text}' ${why} (0 to ${max}, no leading zeros)`,
  };
}

function parseIpMechanism(name: 'ip4' | 'ip6', argument: string, argAt: number, base: MechanismBase): TermParseResult {
  // RFC 7208 §5.6: "ip4" ":" ip4-network [ ip4-cidr-length ]; "ip6" ":" ip6-network [ ip6-cidr-length ]
  const version = name === 'ip4' ? 4 : 6;
  if (!argument.startsWith(':') || argument.length === 1) {
    return err('missing-argument', argAt, 'RFC 7208 §5.6', `'${name}' needs ':' and an address, e.g. ${version === 4 ? 'ip4:192.0.2.0/24' : 'ip6:2001:db8::/32'}`);
  }
  const body = argument.slice(1);
  const slash = body.indexOf('/');
  const addressText = slash < 0 ? body : body.slice(0, slash);
  const cidrText = slash < 0 ? '' : body.slice(slash);
  const addressAt = argAt + 1;
  const address = version === 4 ? parseIp4(addressText) : parseIp6(addressText);
  if (!address) {
    const why =
      version === 4
        ? `'${addressText}' is not a dotted-quad IPv4 address (four numbers 0-255 without leading zeros)`
        : `'${addressText}' is not an IPv6 address`;
    return err(version === 4 ? 'bad-ip4' : 'bad-ip6', addressAt, 'RFC 7208 §5.6', why);
  }
  let prefix = maxPrefix(version);
  if (cidrText !== '') {
    const re = version === 4 ? IP4_CIDR_RE : IP6_CIDR_RE;
    const m = re.exec(cidrText);
    const n = m ? Number(m[1]) : NaN;
    if (!m || n > prefix) {
      const at = addressAt + addressText.length;
      if (!/^\/[0-9]+$/.test(cidrText)) {
        return err('bad-cidr', at, 'RFC 7208 §5.6', `'${cidrText}' is not a prefix length for ${name} (write /N${version === 4 ? '' : '; dual //N is only for a and mx'})`);
      }
      return { ok: false, error: cidrError(cidrText, at, version) };
    }
    prefix = n;
  }
  return {
    ok: true,
    term: { ...base, mechanism: name, address: addressText, prefix, prefixExplicit: cidrText !== '' },
  };
}
