// Small, independent readers used to check that the demo world holds what fixtures/demo/README.md
// promises. They are deliberately simpler than the product's SPF, DKIM and PTR code (no macros, no
// check_host): they only walk the fixture's records, so that the fixture is not checked by the code
// it exists to test.

import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ipaddr from 'ipaddr.js';
import { loadZoneResolver, type ZoneResolver } from '../../src/dns/zone-resolver.js';
import { joinTxt } from '../../src/model/txt.js';
import type { CnameLink, Resolver } from '../../src/dns/types.js';

export const DEMO_DIR = fileURLToPath(new URL('../../fixtures/demo/', import.meta.url));

let demo: Promise<ZoneResolver> | null = null;
/** The demo world through the zone-file resolver (loaded once per test file). */
export function demoWorld(): Promise<ZoneResolver> {
  demo ??= loadZoneResolver([DEMO_DIR]);
  return demo;
}

export interface DemoProfile {
  name: string;
  description: string;
  from: string;
  mailFrom: string;
  helo: string;
  dkim: { domain: string; selector: string }[];
  ips: string[];
  volume: number;
}

export function demoProfiles(): DemoProfile[] {
  const file = JSON.parse(readFileSync(new URL('profiles.json', `file://${DEMO_DIR}`), 'utf8')) as { profiles: DemoProfile[] };
  return file.profiles;
}

/** The TXT records at a name, each joined (RFC 7208 §3.3), or [] for NXDOMAIN / no data. */
export async function txtRecords(resolver: Resolver, name: string): Promise<string[]> {
  const answer = await resolver.query(name, 'TXT');
  return answer.kind === 'records' ? answer.records.map((r) => joinTxt(r.strings)) : [];
}

/** RFC 7208 §4.5: `v=spf1` followed by a space or the end. */
export function isSpfRecord(text: string): boolean {
  return /^v=spf1( |$)/i.test(text);
}

export interface SpfWalk {
  /** 'ok', or why the walk stopped at the top record. */
  status: 'ok' | 'none' | 'multiple';
  /** Every DNS-querying term in evaluation order, with the running total it brings (RFC 7208 §4.6.4). */
  lookups: { term: string; record: string; total: number }[];
  /** Terms whose lookup found nothing (NXDOMAIN or no data). */
  voids: string[];
  /** ip4/ip6 terms in evaluation order, with the lookups spent before each is reached. */
  ranges: { cidr: string; record: string; spentBefore: number }[];
}

/** Walk an SPF record and everything it includes or redirects to (no macros in the demo world). */
export async function walkSpf(resolver: Resolver, domain: string): Promise<SpfWalk> {
  const walk: SpfWalk = { status: 'ok', lookups: [], voids: [], ranges: [] };
  const top = (await txtRecords(resolver, domain)).filter(isSpfRecord);
  if (top.length !== 1) return { ...walk, status: top.length === 0 ? 'none' : 'multiple' };
  await walkRecord(resolver, domain, top[0] ?? '', walk);
  return walk;
}

async function walkRecord(resolver: Resolver, domain: string, text: string, walk: SpfWalk): Promise<void> {
  const terms = text.split(' ').filter((t) => t !== '').slice(1);
  let redirect: string | null = null;
  let hasAll = false;
  for (const term of terms) {
    const bare = term.replace(/^[-+~?]/, '');
    const name = (/^[a-z0-9]+/i.exec(bare)?.[0] ?? '').toLowerCase();
    const target = bare.includes(':') ? (bare.split(':')[1] ?? '').split('/')[0] ?? domain : domain;
    if (name === 'ip4' || name === 'ip6') {
      const value = bare.slice(4);
      walk.ranges.push({ cidr: value.includes('/') ? value : `${value}/${name === 'ip4' ? 32 : 128}`, record: domain, spentBefore: walk.lookups.length });
    } else if (name === 'all') {
      hasAll = true;
    } else if (bare.toLowerCase().startsWith('redirect=')) {
      redirect = bare.slice('redirect='.length);
    } else if (['include', 'a', 'mx', 'ptr', 'exists'].includes(name)) {
      walk.lookups.push({ term: bare, record: domain, total: walk.lookups.length + 1 });
      if (name === 'include') {
        const included = (await txtRecords(resolver, target)).filter(isSpfRecord);
        if (included.length === 0) walk.voids.push(bare);
        if (included.length === 1) await walkRecord(resolver, target, included[0] ?? '', walk);
      } else if (name !== 'ptr') {
        const answer = await resolver.query(target, name === 'mx' ? 'MX' : 'A');
        if (answer.kind === 'nxdomain' || answer.kind === 'nodata') walk.voids.push(bare);
      }
    }
  }
  // RFC 7208 §6.1: redirect is ignored when the record has an `all` mechanism.
  if (redirect !== null && !hasAll) {
    walk.lookups.push({ term: `redirect=${redirect}`, record: domain, total: walk.lookups.length + 1 });
    const next = (await txtRecords(resolver, redirect)).filter(isSpfRecord);
    if (next.length === 1) await walkRecord(resolver, redirect, next[0] ?? '', walk);
  }
}

/** The first ip4/ip6 term of a walk that covers the address, or null. */
export function firstMatchingRange(walk: SpfWalk, ip: string): SpfWalk['ranges'][number] | null {
  const address = ipaddr.parse(ip);
  for (const range of walk.ranges) {
    const [network, bits] = ipaddr.parseCIDR(range.cidr);
    if (network.kind() === address.kind() && address.match([network, bits] as never)) return range;
  }
  return null;
}

/** `tag=value` pairs of a DKIM or DMARC record (RFC 6376 §3.2), names lower-cased. */
export function tagList(text: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) tags.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).replace(/\s+/g, ''));
  }
  return tags;
}

export type DkimKeyState =
  | { state: 'rsa'; bits: number; chain: CnameLink[] }
  | { state: 'ed25519'; chain: CnameLink[] }
  | { state: 'revoked'; chain: CnameLink[] }
  | { state: 'missing' };

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The key at `<selector>._domainkey.<domain>`, decoded with node:crypto. */
export function dkimKey(resolver: Resolver, domain: string, selector: string): Promise<DkimKeyState> {
  return dkimKeyAt(resolver, `${selector}._domainkey.${domain}`);
}

/** The key record at a name (where a selector's CNAME points, for instance), decoded. */
export async function dkimKeyAt(resolver: Resolver, name: string): Promise<DkimKeyState> {
  const answer = await resolver.query(name, 'TXT');
  if (answer.kind !== 'records' || answer.records.length !== 1) return { state: 'missing' };
  const tags = tagList(joinTxt(answer.records[0]?.strings ?? []));
  const p = tags.get('p') ?? '';
  const chain = answer.cnameChain;
  if (p === '') return { state: 'revoked', chain }; // RFC 6376 §3.6.1
  const der = Buffer.from(p, 'base64');
  if ((tags.get('k') ?? 'rsa') === 'ed25519') {
    // RFC 8463 §4.2: the raw 32-byte public key, not a SubjectPublicKeyInfo.
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, der]), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' && der.length === 32 ? { state: 'ed25519', chain } : { state: 'missing' };
  }
  const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  return { state: 'rsa', bits: key.asymmetricKeyDetails?.modulusLength ?? 0, chain };
}

/** The reverse-DNS name of an address (RFC 1035 §3.5, RFC 3596 §2.5). */
export function reverseName(ip: string): string {
  const address = ipaddr.parse(ip);
  const bytes = address.toByteArray();
  if (address.kind() === 'ipv4') return `${bytes.reverse().join('.')}.in-addr.arpa`;
  const nibbles = bytes.flatMap((b) => [b >> 4, b & 15]).map((n) => n.toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

/** Forward-confirmed reverse DNS: 'pass' when a PTR name resolves back to the address. */
export async function fcrdns(resolver: Resolver, ip: string): Promise<{ result: 'pass' | 'fail' | 'none'; names: string[] }> {
  const ptr = await resolver.query(reverseName(ip), 'PTR');
  if (ptr.kind !== 'records') return { result: 'none', names: [] };
  const names = ptr.records.map((r) => r.target);
  const family = ipaddr.parse(ip).kind() === 'ipv4' ? 'A' : 'AAAA';
  const wanted = ipaddr.parse(ip).toNormalizedString();
  for (const name of names) {
    const forward = await resolver.query(name, family);
    if (forward.kind === 'records' && forward.records.some((r) => ipaddr.parse(r.address).toNormalizedString() === wanted)) {
      return { result: 'pass', names };
    }
  }
  return { result: 'fail', names };
}

/** The organizational domain under `.example` (the PSL's default rule `*`: the last two labels). */
export function exampleOrgDomain(name: string): string {
  return name.toLowerCase().split('.').slice(-2).join('.');
}
