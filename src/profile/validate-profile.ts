// Read sending profiles from JSON values, collecting every problem with its JSON path.
// The same checks serve the profile file and the command-line options, so both give the same errors.
import { checkDomainName, type DomainNameCheck } from '../model/domain-name.js';
import { nearestWord } from '../model/nearest-word.js';
import type { JsonPath, JsonValue } from '../model/json-source.js';
import { readAddress } from '../net/read-address.js';
import { escapeForTerminal } from '../report/escape.js';
import type { Volume } from './types.js';
import type { DkimSigner, SendingProfile } from './types.js';
import { ALL_PROVIDERS, selectProviders } from '../providers/select.js';
import type { ProviderId } from '../providers/types.js';

export interface ProfileIssue {
  path: JsonPath;
  message: string;
  /** Point at the key (an unknown key) rather than the value. */
  atKey: boolean;
}

type Obj = { [key: string]: JsonValue };

export const PROFILE_KEYS = ['name', 'description', 'from', 'mailFrom', 'helo', 'dkim', 'ips', 'volume', 'providers'] as const;
const VOLUME_KEYS = ALL_PROVIDERS;

/**
 * `providers` in a profile or the config: "all", or a list of provider ids. The providers, or why
 * the value is not such a list.
 */
export function providersValue(v: JsonValue): readonly ProviderId[] | string {
  const items = v === 'all' ? ['all'] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
  if (items === null) return `must be "all" or a list of provider ids (${ALL_PROVIDERS.join(', ')}), not ${JSON.stringify(v)}`;
  return selectProviders(items);
}

const isObj = (v: JsonValue | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeName = (v: JsonValue): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

// From, MAIL FROM and DKIM d= domains are mail domains (two labels or more; an email address or
// URL typed instead gets a "did you mean"); selectors and HELO names may be single labels
const domainOf = (text: string): DomainNameCheck => checkDomainName(text, { what: 'domain', mailDomain: true });
const nameOf = (text: string, what: string): string | null => {
  const checked = checkDomainName(text, { what, mailDomain: false });
  return checked.ok ? checked.name : null;
};
const didYouMean = (checked: DomainNameCheck): string => (!checked.ok && checked.suggestion !== null ? `; did you mean ${checked.suggestion}?` : '');

/**
 * `local@domain` or a bare domain; the domain normalized. Else the hint to add to "is not an
 * address": the host of a URL typed instead, or that the domain has no dot.
 */
export function readMailbox(text: string): { given: string; domain: string } | { hint: string } {
  const at = text.lastIndexOf('@');
  const domainText = at < 0 ? text : text.slice(at + 1);
  const checked = domainOf(domainText);
  if (checked.ok && at !== 0) return { given: at < 0 ? checked.name : `${text.slice(0, at)}@${checked.name}`, domain: checked.name };
  if (checked.ok) return { hint: '' };
  return { hint: checked.problem === 'single-label' ? ` (its domain '${domainText}' has no dot)` : didYouMean(checked) };
}

/** `d:s` as typed on the command line. */
export function readDkimPair(text: string): DkimSigner | string {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return `'${text}' is not domain:selector (e.g. shop.example:s1)`;
  const domain = domainOf(text.slice(0, colon));
  const selector = nameOf(text.slice(colon + 1), 'selector');
  if (!domain.ok) return `'${text.slice(0, colon)}' in '${text}' is not a domain name${domain.problem === 'single-label' ? ' with a dot' : didYouMean(domain)}`;
  if (selector === null) return `'${text.slice(colon + 1)}' in '${text}' is not a selector (letters, digits, '-', '_', dots between labels)`;
  return { domain: domain.name, selector };
}

export class ProfileReader {
  readonly issues: ProfileIssue[] = [];

  fail(path: JsonPath, message: string, atKey = false): void {
    this.issues.push({ path, message, atKey });
  }

  private keys(obj: Obj, at: JsonPath, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key) || key.startsWith('$')) continue;
      const plain = (k: string): string => k.toLowerCase().replace(/[-_]/g, '');
      const nearPlain = nearestWord(plain(key), allowed.map(plain), 2);
      const near = allowed.find((k) => plain(k) === nearPlain);
      this.fail([...at, key], `unknown key "${key}"${near !== undefined ? ` (did you mean "${near}"?)` : ` (allowed: ${allowed.join(', ')})`}`, true);
    }
  }

  private optionalString(obj: Obj, key: string, at: JsonPath): string | null {
    const v = obj[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      this.fail([...at, key], `must be a string, not ${typeName(v)}`);
      return null;
    }
    return v;
  }

  private list(v: JsonValue | undefined, at: JsonPath): JsonValue[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(at, `must be an array, not ${typeName(v)}`);
      return [];
    }
    return v;
  }

  private dkim(v: JsonValue, at: JsonPath): DkimSigner | null {
    if (typeof v === 'string') {
      const pair = readDkimPair(v);
      if (typeof pair === 'string') this.fail(at, pair);
      return typeof pair === 'string' ? null : pair;
    }
    if (!isObj(v)) {
      this.fail(at, `must be {"domain", "selector"} or "domain:selector", not ${typeName(v)}`);
      return null;
    }
    this.keys(v, at, ['domain', 'selector']);
    const d = v['domain'];
    const s = v['selector'];
    const checked = typeof d === 'string' ? domainOf(d) : null;
    const domain = checked?.ok === true ? checked.name : null;
    const selector = typeof s === 'string' ? nameOf(s, 'selector') : null;
    if (domain === null) this.fail([...at, 'domain'], d === undefined ? 'is missing (the signing domain, d=)' : `${JSON.stringify(d)} ${checked?.ok === false ? checked.why : 'is not a domain name'}`);
    if (selector === null) this.fail([...at, 'selector'], s === undefined ? 'is missing (the selector, s=)' : `${JSON.stringify(s)} is not a selector`);
    return domain !== null && selector !== null ? { domain, selector } : null;
  }

  private ip(v: JsonValue, at: JsonPath): string | null {
    if (typeof v !== 'string') {
      this.fail(at, `must be an IP address string, not ${typeName(v)}`);
      return null;
    }
    const read = readAddress(v);
    if (!read.ok) {
      this.fail(at, `'${escapeForTerminal(v)}' ${read.problem}`);
      return null;
    }
    return read.value.canonical;
  }

  private count(v: JsonValue | undefined, at: JsonPath): number | null {
    if (v === undefined || v === null) return null;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
    this.fail(at, `must be a whole number of messages a day (0 or more), not ${JSON.stringify(v)}`);
    return null;
  }

  private volume(v: JsonValue | undefined, at: JsonPath): Volume {
    if (isObj(v)) {
      this.keys(v, at, VOLUME_KEYS);
      const c = (p: ProviderId): number | null => this.count(v[p], [...at, p]);
      return { gmail: c('gmail'), outlook: c('outlook'), yahoo: c('yahoo'), icloud: c('icloud'), gmx: c('gmx'), laposte: c('laposte') };
    }
    const n = this.count(v, at);
    return { gmail: n, outlook: n, yahoo: n, icloud: n, gmx: n, laposte: n };
  }

  /** One profile object; null when it has problems (they are in `issues`). */
  profile(v: JsonValue, at: JsonPath, defaultName: string): SendingProfile | null {
    if (!isObj(v)) {
      this.fail(at, `must be a profile object, not ${typeName(v)}`);
      return null;
    }
    const before = this.issues.length;
    this.keys(v, at, PROFILE_KEYS);
    const fromRaw = v['from'];
    let from: { given: string; domain: string } | null = null;
    if (typeof fromRaw !== 'string') this.fail([...at, 'from'], fromRaw === undefined ? 'is missing (the From address or domain)' : `must be a string, not ${typeName(fromRaw)}`);
    else {
      const read = readMailbox(fromRaw);
      if ('hint' in read) this.fail([...at, 'from'], `"${fromRaw}" is not an address (local-part@domain) or a domain${read.hint}`);
      else from = read;
    }

    // RFC 5321 §4.5.5: the null reverse-path "<>" (bounces); absent or null: the From domain
    const mfRaw = v['mailFrom'];
    let mailFrom: { given: string; domain: string | null } | null = null;
    if (mfRaw === undefined || mfRaw === null) mailFrom = from === null ? null : { given: from.domain, domain: from.domain };
    else if (mfRaw === '' || mfRaw === '<>') mailFrom = { given: '', domain: null };
    else if (typeof mfRaw !== 'string') this.fail([...at, 'mailFrom'], `must be a string ("<>" for the null sender), not ${typeName(mfRaw)}`);
    else {
      const read = readMailbox(mfRaw);
      if ('hint' in read) this.fail([...at, 'mailFrom'], `"${mfRaw}" is not an address, a domain, or "<>"${read.hint}`);
      else mailFrom = read;
    }

    const heloRaw = this.optionalString(v, 'helo', at);
    const helo = heloRaw === null ? null : nameOf(heloRaw, 'helo');
    if (heloRaw !== null && helo === null) this.fail([...at, 'helo'], `"${heloRaw}" is not a domain name`);
    if (mailFrom !== null && mailFrom.domain === null && heloRaw === null) {
      this.fail([...at, 'helo'], 'is required with a null sender: SPF then checks the HELO name (RFC 7208 §2.4)');
    }

    const dkim = this.list(v['dkim'], [...at, 'dkim'])
      .map((item, i) => this.dkim(item, [...at, 'dkim', i]))
      .filter((d): d is DkimSigner => d !== null);
    const ipItems = this.list(v['ips'], [...at, 'ips']);
    const ips = ipItems.map((item, i) => this.ip(item, [...at, 'ips', i])).filter((ip): ip is string => ip !== null);
    // no `ips`: the predictor samples the ranges the MAIL FROM domain's SPF authorizes; an empty
    // list is more likely a mistake than a choice, so it is still refused
    if (Array.isArray(v['ips']) && ipItems.length === 0) this.fail([...at, 'ips'], 'must list at least one sending address (leave "ips" out to predict for sample addresses of the ranges the MAIL FROM domain\'s SPF authorizes)');
    const volume = this.volume(v['volume'], [...at, 'volume']);
    let providers: readonly ProviderId[] | null = null;
    if (v['providers'] !== undefined && v['providers'] !== null) {
      const read = providersValue(v['providers']);
      if (typeof read === 'string') this.fail([...at, 'providers'], read);
      else providers = read;
    }
    const nameRaw = this.optionalString(v, 'name', at);
    if (nameRaw !== null && nameRaw.trim() === '') this.fail([...at, 'name'], 'must not be empty (the stream\'s name in the report)');
    const name = nameRaw ?? defaultName;
    const description = this.optionalString(v, 'description', at);

    if (this.issues.length > before || from === null || mailFrom === null) return null;
    return {
      name,
      description,
      from: from.given,
      fromDomain: from.domain,
      mailFrom: mailFrom.given,
      mailFromDomain: mailFrom.domain,
      helo,
      dkim: dedupe(dkim),
      ips: [...new Set(ips)],
      volume,
      providers,
    };
  }

  /** A whole document: `{"profiles": [...]}`, an array of profiles, or one profile. */
  document(v: JsonValue): SendingProfile[] {
    let items: { value: JsonValue; path: JsonPath }[];
    if (Array.isArray(v)) items = v.map((value, i) => ({ value, path: [i] }));
    else if (isObj(v) && 'profiles' in v) {
      this.keys(v, [], ['profiles']);
      const list = this.list(v['profiles'], ['profiles']);
      items = list.map((value, i) => ({ value, path: ['profiles', i] }));
    } else items = [{ value: v, path: [] }];
    // an empty list; a `profiles` that is not a list at all has its own problem already
    const notAList = isObj(v) && v['profiles'] !== undefined && v['profiles'] !== null && !Array.isArray(v['profiles']);
    if (items.length === 0 && !notAList) this.fail(isObj(v) ? ['profiles'] : [], 'holds no profile');
    const profiles = items.map((item, i) => this.profile(item.value, item.path, items.length === 1 ? 'default' : `profile-${i + 1}`));
    const names = new Map<string, number>();
    profiles.forEach((p, i) => {
      if (p === null) return;
      const seen = names.get(p.name);
      if (seen !== undefined) this.fail([...(items[i]?.path ?? []), 'name'], `"${p.name}" is also the name of profile ${seen + 1}: stream names must differ`);
      else names.set(p.name, i);
    });
    return profiles.filter((p): p is SendingProfile => p !== null);
  }
}

function dedupe(pairs: DkimSigner[]): DkimSigner[] {
  const seen = new Set<string>();
  return pairs.filter((p) => {
    const key = `${p.domain} ${p.selector}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
