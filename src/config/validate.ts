// Validate a parsed config document into AuthauditConfig. Every problem is collected (not just the
// first) with the JSON path of the offending value, so one run shows everything to fix.
import path from 'node:path';
import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { parseServerSpec, ServerSpecError } from '../dns/server-spec.js';
import { FAIL_ON_LEVELS, isFailOn } from '../cli/exit-code.js';
import type { JsonPath, JsonValue } from './json-source.js';
import type { AuthauditConfig, DkimPair, DomainConfig, ProfileConfig, ResolverConfig } from './types.js';

export interface ConfigIssue {
  path: JsonPath;
  message: string;
  /** True when the issue is about a key (an unknown property) rather than a value. */
  atKey: boolean;
}

type Obj = { [key: string]: JsonValue };

const TOP_KEYS = ['$schema', 'domains', 'selectors', 'ips', 'profiles', 'ignore', 'failOn', 'resolver', 'zone', 'overlay'];
const DOMAIN_KEYS = ['domain', 'selectors'];
const PROFILE_KEYS = ['name', 'from', 'mailFrom', 'helo', 'dkim', 'ips', 'volume'];
const RESOLVER_KEYS = ['servers', 'doh', 'timeout'];

const isObj = (v: JsonValue | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: JsonValue): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

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

class Reader {
  readonly issues: ConfigIssue[] = [];
  constructor(private readonly baseDir: string) {}

  fail(at: JsonPath, message: string, atKey = false): void {
    this.issues.push({ path: at, message, atKey });
  }

  keys(obj: Obj, at: JsonPath, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key)) continue;
      const near = allowed.find((k) => k.toLowerCase() === key.toLowerCase() || k.toLowerCase().replace(/[-_]/g, '') === key.toLowerCase().replace(/[-_]/g, ''));
      this.fail([...at, key], `unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ` (allowed: ${allowed.join(', ')})`}`, true);
    }
  }

  array(v: JsonValue | undefined, at: JsonPath): JsonValue[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.fail(at, `must be an array, not ${typeName(v)}`);
      return [];
    }
    return v;
  }

  string(v: JsonValue | undefined, at: JsonPath, what = 'a string'): string | null {
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    this.fail(at, typeof v === 'string' ? `must be ${what}, not empty` : `must be ${what}, not ${v === undefined ? 'missing' : typeName(v)}`);
    return null;
  }

  optionalString(obj: Obj, key: string, at: JsonPath): string | null {
    const v = obj[key];
    return v === undefined || v === null ? null : this.string(v, [...at, key]);
  }

  domain(v: JsonValue | undefined, at: JsonPath, what = 'a domain name'): string | null {
    const s = this.string(v, at, what);
    if (s === null) return null;
    const d = normalizeDomain(s);
    if (d === null) this.fail(at, `"${s}" is not ${what} (labels of letters, digits, "-" or "_", 1-63 characters each)`);
    return d;
  }

  strings<T>(v: JsonValue | undefined, at: JsonPath, each: (item: JsonValue, at: JsonPath) => T | null): T[] {
    const out: T[] = [];
    this.array(v, at).forEach((item, i) => {
      const r = each(item, [...at, i]);
      if (r !== null) out.push(r);
    });
    return out;
  }

  ip(v: JsonValue, at: JsonPath): string | null {
    const s = this.string(v, at, 'an IP address');
    if (s !== null && isIP(s) === 0) {
      this.fail(at, `"${s}" is not an IPv4 or IPv6 address`);
      return null;
    }
    return s;
  }

  file(v: JsonValue, at: JsonPath): string | null {
    const s = this.string(v, at, 'a path');
    return s === null ? null : path.resolve(this.baseDir, s);
  }

  selectors(v: JsonValue | undefined, at: JsonPath): string[] {
    return this.strings(v, at, (item, p) => this.domain(item, p, 'a DKIM selector'));
  }

  domainEntry(v: JsonValue, at: JsonPath): DomainConfig | null {
    if (typeof v === 'string') {
      const d = this.domain(v, at);
      return d === null ? null : { domain: d, selectors: null };
    }
    if (!isObj(v)) {
      this.fail(at, `must be a domain name or an object {"domain", "selectors"}, not ${typeName(v)}`);
      return null;
    }
    this.keys(v, at, DOMAIN_KEYS);
    const d = this.domain(v['domain'], [...at, 'domain']);
    const selectors = v['selectors'] === undefined ? null : this.selectors(v['selectors'], [...at, 'selectors']);
    return d === null ? null : { domain: d, selectors };
  }

  dkimPair(v: JsonValue, at: JsonPath): DkimPair | null {
    if (typeof v === 'string') {
      const colon = v.indexOf(':');
      if (colon < 0) {
        this.fail(at, `"${v}" must be "domain:selector"`);
        return null;
      }
      const domain = normalizeDomain(v.slice(0, colon));
      const selector = normalizeDomain(v.slice(colon + 1));
      if (domain === null || selector === null) {
        this.fail(at, `"${v}" must be "domain:selector" with a valid domain and selector`);
        return null;
      }
      return { domain, selector };
    }
    if (!isObj(v)) {
      this.fail(at, `must be "domain:selector" or {"domain", "selector"}, not ${typeName(v)}`);
      return null;
    }
    this.keys(v, at, ['domain', 'selector']);
    const domain = this.domain(v['domain'], [...at, 'domain']);
    const selector = this.domain(v['selector'], [...at, 'selector'], 'a DKIM selector');
    return domain === null || selector === null ? null : { domain, selector };
  }

  address(v: JsonValue | undefined, at: JsonPath, what: string): string | null {
    const s = this.string(v, at, what);
    if (s === null) return null;
    const at_ = s.lastIndexOf('@');
    if (at_ <= 0 || normalizeDomain(s.slice(at_ + 1)) === null) {
      this.fail(at, `"${s}" is not ${what} (local-part@domain)`);
      return null;
    }
    return s;
  }

  profile(v: JsonValue, at: JsonPath): ProfileConfig | null {
    if (typeof v === 'string') {
      const p = this.file(v, at);
      return p === null ? null : { kind: 'file', path: p };
    }
    if (!isObj(v)) {
      this.fail(at, `must be a path to a profile file or an inline profile object, not ${typeName(v)}`);
      return null;
    }
    this.keys(v, at, PROFILE_KEYS);
    const from = this.address(v['from'], [...at, 'from'], 'an email address');
    const mailFromRaw = v['mailFrom'];
    // RFC 5321 §4.5.5: an empty reverse-path "<>" is how bounces are sent
    const mailFrom =
      mailFromRaw === undefined || mailFromRaw === null ? null : mailFromRaw === '' || mailFromRaw === '<>' ? '' : this.address(mailFromRaw, [...at, 'mailFrom'], 'an email address');
    const helo = this.optionalString(v, 'helo', at);
    const volumeRaw = v['volume'];
    let volume: number | null = null;
    if (volumeRaw !== undefined && volumeRaw !== null) {
      if (typeof volumeRaw === 'number' && Number.isSafeInteger(volumeRaw) && volumeRaw >= 0) volume = volumeRaw;
      else this.fail([...at, 'volume'], 'must be a whole number of messages a day (0 or more)');
    }
    if (from === null) return null;
    return {
      kind: 'inline',
      name: this.optionalString(v, 'name', at),
      from,
      mailFrom,
      helo,
      dkim: this.strings(v['dkim'], [...at, 'dkim'], (item, p) => this.dkimPair(item, p)),
      ips: this.strings(v['ips'], [...at, 'ips'], (item, p) => this.ip(item, p)),
      volume,
    };
  }

  resolver(v: JsonValue | undefined, at: JsonPath): ResolverConfig {
    const out: ResolverConfig = { servers: [], doh: null, timeout: null };
    if (v === undefined || v === null) return out;
    if (!isObj(v)) {
      this.fail(at, `must be an object {"servers", "doh", "timeout"}, not ${typeName(v)}`);
      return out;
    }
    this.keys(v, at, RESOLVER_KEYS);
    out.servers = this.strings(v['servers'], [...at, 'servers'], (item, p) => {
      const s = this.string(item, p, 'a resolver address');
      if (s === null) return null;
      try {
        parseServerSpec(s);
        return s;
      } catch (err) {
        if (!(err instanceof ServerSpecError)) throw err;
        this.fail(p, err.message);
        return null;
      }
    });
    const doh = this.optionalString(v, 'doh', at);
    if (doh !== null) {
      let ok = false;
      try {
        const u = new URL(doh);
        ok = u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        ok = false;
      }
      if (ok) out.doh = doh;
      else this.fail([...at, 'doh'], `"${doh}" is not an http(s) URL (RFC 8484 DoH endpoint)`);
    }
    const t = v['timeout'];
    if (t !== undefined && t !== null) {
      if (typeof t === 'number' && Number.isInteger(t) && t >= 1 && t <= 600000) out.timeout = t;
      else this.fail([...at, 'timeout'], 'must be a whole number of milliseconds from 1 to 600000');
    }
    return out;
  }
}

/** Validate `value` (the parsed file at `file`) into a config, or the list of what is wrong. */
export function validateConfig(value: JsonValue, file: string): { ok: true; config: AuthauditConfig } | { ok: false; issues: ConfigIssue[] } {
  const r = new Reader(path.dirname(path.resolve(file)));
  if (!isObj(value)) {
    return { ok: false, issues: [{ path: [], message: `the config must be a JSON object, not ${typeName(value)}`, atKey: false }] };
  }
  r.keys(value, [], TOP_KEYS);
  if (value['$schema'] !== undefined && typeof value['$schema'] !== 'string') r.fail(['$schema'], 'must be a string');
  const failOnRaw = value['failOn'];
  let failOn: AuthauditConfig['failOn'] = null;
  if (failOnRaw !== undefined && failOnRaw !== null) {
    if (isFailOn(failOnRaw)) failOn = failOnRaw;
    else r.fail(['failOn'], `must be one of ${FAIL_ON_LEVELS.map((l) => `"${l}"`).join(', ')}`);
  }
  const seen = new Set<string>();
  const config: AuthauditConfig = {
    file: path.resolve(file),
    domains: r.strings(value['domains'], ['domains'], (item, p) => {
      const entry = r.domainEntry(item, p);
      if (entry !== null && seen.has(entry.domain)) r.fail(p, `"${entry.domain}" is listed twice`);
      if (entry !== null) seen.add(entry.domain);
      return entry;
    }),
    selectors: r.selectors(value['selectors'], ['selectors']),
    ips: r.strings(value['ips'], ['ips'], (item, p) => r.ip(item, p)),
    profiles: r.strings(value['profiles'], ['profiles'], (item, p) => r.profile(item, p)),
    ignore: r.strings(value['ignore'], ['ignore'], (item, p) => {
      const s = r.string(item, p, 'a finding id');
      if (s !== null && !/^[a-z0-9]+(-[a-z0-9]+)*(-?\*)?$/.test(s.toLowerCase())) {
        r.fail(p, `"${s}" is not a finding id (kebab-case, optionally ending in "*")`);
        return null;
      }
      return s === null ? null : s.toLowerCase();
    }),
    failOn,
    resolver: r.resolver(value['resolver'], ['resolver']),
    zone: r.strings(value['zone'], ['zone'], (item, p) => r.file(item, p)),
    overlay: r.strings(value['overlay'], ['overlay'], (item, p) => r.file(item, p)),
  };
  return r.issues.length > 0 ? { ok: false, issues: r.issues } : { ok: true, config };
}
