// Validate a parsed config document into AuthauditConfig. Every problem is collected (not just the
// first) with the JSON path of the offending value, so one run shows everything to fix.
import { parseZonePathSpec } from '../zone/zone-layout.js';
import path from 'node:path';
import { parseServerSpec, ServerSpecError } from '../dns/server-spec.js';
import { FAIL_ON_LEVELS, isFailOn } from '../findings/fail-on.js';
import { readAddress } from '../net/read-address.js';
import { escapeForTerminal } from '../report/escape.js';
import { ProfileReader, providersValue } from '../profile/validate-profile.js';
import { checkDomainName } from '../model/domain-name.js';
import { formatJsonPath, type JsonPath, type JsonValue } from '../model/json-source.js';
import type { AuthauditConfig, DomainConfig, ProfileConfig, ResolverConfig } from './types.js';

export interface ConfigIssue {
  path: JsonPath;
  message: string;
  /** True when the issue is about a key (an unknown property) rather than a value. */
  atKey: boolean;
}

/** `file:line:column` of the value at a path, for entries that later messages must point back to. */
export type ConfigPlacer = (path: JsonPath) => string;

type Obj = { [key: string]: JsonValue };

const TOP_KEYS = ['$schema', 'domains', 'selectors', 'ips', 'profiles', 'providers', 'ignore', 'failOn', 'resolver', 'zone', 'overlay', 'view', 'zones'];
const DOMAIN_KEYS = ['domain', 'selectors'];
const RESOLVER_KEYS = ['servers', 'doh', 'timeout'];

const isObj = (v: JsonValue | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: JsonValue): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

class Reader {
  readonly issues: ConfigIssue[] = [];
  constructor(
    private readonly baseDir: string,
    private readonly place: ConfigPlacer,
  ) {}

  origin(at: JsonPath): string {
    return `${this.place(at)}: ${formatJsonPath(at)}`;
  }

  fail(at: JsonPath, message: string, atKey = false): void {
    this.issues.push({ path: at, message, atKey });
  }

  keys(obj: Obj, at: JsonPath, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      // `$comment` and other `$` keys are notes, as in profile files and JSON Schema
      if (allowed.includes(key) || key.startsWith('$')) continue;
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
    const checked = checkDomainName(s, { what, mailDomain: false });
    if (checked.ok) return checked.name;
    this.fail(at, `"${s}" is not ${what} (labels of letters, digits, "-" or "_", 1-63 characters each)`);
    return null;
  }

  strings<T>(v: JsonValue | undefined, at: JsonPath, each: (item: JsonValue, at: JsonPath) => T | null): T[] {
    const out: T[] = [];
    this.array(v, at).forEach((item, i) => {
      const r = each(item, [...at, i]);
      if (r !== null) out.push(r);
    });
    return out;
  }

  /** The same strict reading as --ip and profile files (no zone index, no shorthand IPv4); canonical. */
  ip(v: JsonValue, at: JsonPath): string | null {
    const s = this.string(v, at, 'an IP address');
    if (s === null) return null;
    const read = readAddress(s);
    if (read.ok) return read.value.canonical;
    this.fail(at, `'${escapeForTerminal(s)}' ${read.problem}`);
    return null;
  }

  file(v: JsonValue, at: JsonPath): string | null {
    const s = this.string(v, at, 'a path');
    return s === null ? null : path.resolve(this.baseDir, s);
  }

  /** A `zone`/`overlay` entry: a path, or `NAME=PATH` (the path resolved, the name kept). */
  zonePath(v: JsonValue, at: JsonPath): string | null {
    const s = this.string(v, at, 'a path or NAME=PATH');
    if (s === null) return null;
    const spec = parseZonePathSpec(s);
    const resolved = path.resolve(this.baseDir, spec.path);
    return spec.name === null ? resolved : `${spec.name}=${resolved}`;
  }

  selectors(v: JsonValue | undefined, at: JsonPath): string[] {
    return this.strings(v, at, (item, p) => this.domain(item, p, 'a DKIM selector'));
  }

  /** A domain to audit: the command line's rule (a dot; an email address or URL named as such). */
  mailDomain(v: JsonValue | undefined, at: JsonPath): string | null {
    const s = this.string(v, at, 'a domain name');
    if (s === null) return null;
    const checked = checkDomainName(s, { what: 'domain', mailDomain: true });
    if (checked.ok) return checked.name;
    if (checked.problem === 'single-label') this.fail(at, `"${s}" is not a mail domain (a name with at least one dot, e.g. example.com)`);
    else if (checked.problem === 'not-a-domain') this.fail(at, `"${s}" ${checked.why}`);
    else this.fail(at, `"${s}" is not a domain name (labels of letters, digits, "-" or "_", 1-63 characters each)`);
    return null;
  }

  domainEntry(v: JsonValue, at: JsonPath): DomainConfig | null {
    if (typeof v === 'string') {
      const d = this.mailDomain(v, at);
      return d === null ? null : { domain: d, selectors: null };
    }
    if (!isObj(v)) {
      this.fail(at, `must be a domain name or an object {"domain", "selectors"}, not ${typeName(v)}`);
      return null;
    }
    this.keys(v, at, DOMAIN_KEYS);
    const d = this.mailDomain(v['domain'], [...at, 'domain']);
    const selectors = v['selectors'] === undefined ? null : this.selectors(v['selectors'], [...at, 'selectors']);
    return d === null ? null : { domain: d, selectors };
  }

  /**
   * A path to a profile file, or a profile inline, checked by the profile file's own reader so
   * both accept the same objects and give the same messages (placed here in the config file).
   */
  profile(v: JsonValue, at: JsonPath, defaultName: string): ProfileConfig | null {
    if (typeof v === 'string') {
      const p = this.file(v, at);
      return p === null ? null : { kind: 'file', path: p, origin: this.origin(at) };
    }
    if (!isObj(v)) {
      this.fail(at, `must be a path to a profile file or an inline profile object, not ${typeName(v)}`);
      return null;
    }
    const reader = new ProfileReader();
    const profile = reader.profile(v, at, defaultName);
    for (const issue of reader.issues) this.issues.push(issue);
    if (profile === null) return null;
    const { gmail, outlook, yahoo } = profile.volume;
    return {
      kind: 'inline',
      name: profile.name,
      from: profile.from,
      mailFrom: profile.mailFrom,
      helo: profile.helo,
      dkim: profile.dkim,
      ips: profile.ips,
      volume: gmail === outlook && outlook === yahoo ? gmail : null,
      profile,
      origin: this.origin(at),
    };
  }

  profiles(v: JsonValue | undefined, at: JsonPath): ProfileConfig[] {
    const out: ProfileConfig[] = [];
    const items = this.array(v, at);
    const named = new Map<string, number>();
    items.forEach((item, i) => {
      // default stream names as in a profile file: `default` for one, else `profile-N`
      const entry = this.profile(item, [...at, i], items.length === 1 ? 'default' : `profile-${i + 1}`);
      if (entry === null) return;
      out.push(entry);
      if (entry.kind !== 'inline') return;
      const first = named.get(entry.profile.name);
      const given = isObj(item) && item['name'] !== undefined;
      if (first === undefined) named.set(entry.profile.name, i);
      else this.fail(given ? [...at, i, 'name'] : [...at, i], `"${entry.profile.name}" is also the name of ${formatJsonPath([...at, first])}: stream names must differ`);
    });
    return out;
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

/**
 * Validate `value` (the parsed file at `file`) into a config, or the list of what is wrong.
 * `place` gives `file:line:column` of a path, kept with profile entries for later messages
 * (parseConfigText passes it; the default names the file only).
 */
export function validateConfig(
  value: JsonValue,
  file: string,
  place: ConfigPlacer = () => file,
): { ok: true; config: AuthauditConfig } | { ok: false; issues: ConfigIssue[] } {
  const r = new Reader(path.dirname(path.resolve(file)), place);
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
  let providers: AuthauditConfig['providers'] = null;
  if (value['providers'] !== undefined && value['providers'] !== null) {
    const read = providersValue(value['providers']);
    if (typeof read === 'string') r.fail(['providers'], read);
    else providers = read;
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
    profiles: r.profiles(value['profiles'], ['profiles']),
    providers,
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
    zone: r.strings(value['zone'], ['zone'], (item, p) => r.zonePath(item, p)),
    overlay: r.strings(value['overlay'], ['overlay'], (item, p) => r.zonePath(item, p)),
    view: value['view'] === undefined || value['view'] === null ? null : r.string(value['view'], ['view'], 'a named.conf view name'),
    zones: r.strings(value['zones'], ['zones'], (item, p) => r.zonePath(item, p)),
  };
  return r.issues.length > 0 ? { ok: false, issues: r.issues } : { ok: true, config };
}
