// A seeded world of sending domains for the audit benchmark, written as RFC 1035 zone files that
// Knot DNS serves. Providers look like the real ones: a Google-like `_spf` -> `_netblocks1..3`
// tree, a Microsoft-like `spf.protection` with a nested include and per-tenant CNAME-delegated DKIM
// selectors, ESPs with nested includes, `a`/`mx`/`exists` terms and a redirect, a shared-hosting
// relay; senders combine them (some past the 10-lookup limit of RFC 7208 §4.6.4), publish DMARC
// with varied policies and report addresses, DKIM keys at provider selectors, MX, and PTR records
// for their sending addresses. Parent zones (`example.`, `test.`, `in-addr.arpa.`, `ip6.arpa.`)
// are served too, so that every question inside the world gets an authoritative answer.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from './random.mjs';

export const DEFAULT_SEED = 20240607;
export const DEFAULT_SENDERS = 240;
/** The address the mailauth comparison sends from: in TEST-NET-1, covered by no range in the world. */
export const UNLISTED_IP = '192.0.2.1';
const TTL = 3600;

const FIRST = ['north', 'blue', 'quick', 'bright', 'silver', 'green', 'urban', 'coastal', 'prime', 'clever', 'happy', 'iron', 'maple', 'solar', 'lunar', 'swift'];
const SECOND = ['harbor', 'labs', 'foods', 'travel', 'clinic', 'books', 'works', 'bank', 'market', 'studio', 'logistics', 'games', 'media', 'energy', 'garden', 'legal'];

// ---------------------------------------------------------------------------------------------
// Records and zones

/**
 * @typedef {{ name: string, type: string, ttl: number, data: any }} WorldRecord
 * @typedef {{ origin: string, records: WorldRecord[] }} WorldZone
 */

const nameKey = (name) => name.toLowerCase().replace(/\.$/, '');
const isAtOrBelow = (name, origin) => name === origin || name.endsWith(`.${origin}`);

class ZoneSet {
  constructor() {
    /** @type {Map<string, WorldZone>} */
    this.zones = new Map();
  }
  zone(origin) {
    const key = nameKey(origin);
    if (!this.zones.has(key)) this.zones.set(key, { origin: key, records: [] });
    return this.zones.get(key);
  }
  /** The served zone a name belongs to: the longest origin it is at or below. */
  zoneOf(name) {
    const key = nameKey(name);
    let best = null;
    for (const origin of this.zones.keys()) {
      if (isAtOrBelow(key, origin) && (best === null || origin.length > best.length)) best = origin;
    }
    return best;
  }
  add(name, type, data, ttl = TTL) {
    const origin = this.zoneOf(name);
    if (origin === null) throw new Error(`no zone in the world holds ${name}`);
    this.zones.get(origin).records.push({ name: nameKey(name), type, ttl, data });
  }
}

// ---------------------------------------------------------------------------------------------
// Addresses and keys

const ip4 = (a, b, c, d) => `${a}.${b}.${c}.${d}`;
export const reverseName4 = (address) => `${address.split('.').reverse().join('.')}.in-addr.arpa`;

/** A random public-looking /16../24 IPv4 block outside the ranges the world reserves. */
function randomBlock(rng, used) {
  for (;;) {
    const a = rng.int(20, 220);
    if ([127, 169, 172, 192, 198, 203, 100, 10].includes(a)) continue;
    const b = rng.int(0, 255);
    const prefix = rng.pick([16, 18, 19, 20, 21, 22, 24]);
    const c = prefix >= 24 ? rng.int(0, 255) : rng.int(0, 255) & (0xff << (24 - prefix)) & 0xff;
    const key = `${a}.${b}`;
    if (used.has(key)) continue;
    used.add(key);
    return { network: ip4(a, b, c, 0), prefix, inside: (n) => ip4(a, b, c, 10 + n) };
  }
}

function der(tag, ...parts) {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}

/**
 * An RSA SubjectPublicKeyInfo (RFC 6376 Appendix C) with a seeded modulus of `bits` bits and
 * exponent 65537. Nothing signs with it: the audit only reads its size and type.
 */
export function rsaPublicKeyBase64(rng, bits) {
  const modulus = Buffer.from(rng.bytes(bits / 8));
  modulus[0] |= 0x80;
  modulus[modulus.length - 1] |= 1;
  const integer = der(0x02, Buffer.from([0]), modulus);
  const rsaKey = der(0x30, integer, der(0x02, Buffer.from([1, 0, 1])));
  const algorithm = der(0x30, der(0x06, Buffer.from('2a864886f70d010101', 'hex')), der(0x05));
  return der(0x30, algorithm, der(0x03, Buffer.from([0]), rsaKey)).toString('base64');
}

const dkimRsa = (rng, bits = 2048) => `v=DKIM1; k=rsa; p=${rsaPublicKeyBase64(rng, bits)}`;
// RFC 8463 §4.2: an Ed25519 key is published as its raw 32 bytes
const dkimEd25519 = (rng) => `v=DKIM1; k=ed25519; p=${Buffer.from(rng.bytes(32)).toString('base64')}`;

// ---------------------------------------------------------------------------------------------
// Providers

/**
 * @typedef {{ id: string, include: string, lookups: number, outbound: string[], mx?: string[] }} Provider
 */

function ip4Terms(blocks) {
  return blocks.map((b) => `ip4:${b.network}/${b.prefix}`).join(' ');
}

/** Google-like: `_spf` includes three netblock records; five shared MX hosts; outbound relays with PTR. */
function addGoogleLike(z, rng, used) {
  const o = 'gsuite.test';
  z.zone(o);
  const nb1 = Array.from({ length: 10 }, () => randomBlock(rng, used));
  const nb3 = Array.from({ length: 5 }, () => randomBlock(rng, used));
  z.add(`_spf.${o}`, 'TXT', `v=spf1 include:_netblocks.${o} include:_netblocks2.${o} include:_netblocks3.${o} ~all`);
  z.add(`_netblocks.${o}`, 'TXT', `v=spf1 ${ip4Terms(nb1)} ~all`);
  z.add(`_netblocks2.${o}`, 'TXT', 'v=spf1 ip6:2001:db8:4860::/48 ip6:2001:db8:4864::/48 ip6:2001:db8:6800::/48 ip6:2001:db8:f8b0::/48 ~all');
  z.add(`_netblocks3.${o}`, 'TXT', `v=spf1 ${ip4Terms(nb3)} ~all`);
  const mx = ['aspmx.l', 'alt1.aspmx.l', 'alt2.aspmx.l', 'alt3.aspmx.l', 'alt4.aspmx.l'].map((h) => `${h}.${o}`);
  mx.forEach((host, i) => {
    z.add(host, 'A', nb1[1].inside(i));
    z.add(host, 'AAAA', `2001:db8:4860::${(0x1a + i).toString(16)}`);
  });
  const outbound = [0, 1, 2, 3].map((i) => {
    const address = nb1[0].inside(i);
    const host = `mail-sor-f${40 + i}.${o}`;
    z.add(host, 'A', address);
    z.add(reverseName4(address), 'PTR', host);
    return address;
  });
  return { id: 'google', include: `_spf.${o}`, lookups: 4, outbound, mx };
}

/** Microsoft-like: `spf.protection` with addresses and a nested include; per-tenant MX and DKIM targets. */
function addMicrosoftLike(z, rng, used) {
  const o = 'o365.test';
  z.zone(o);
  const a = Array.from({ length: 6 }, () => randomBlock(rng, used));
  const d = Array.from({ length: 4 }, () => randomBlock(rng, used));
  z.add(`spf.protection.${o}`, 'TXT', `v=spf1 ${ip4Terms(a)} ip6:2001:db8:a000::/40 include:spfd.protection.${o} -all`);
  z.add(`spfd.protection.${o}`, 'TXT', `v=spf1 ${ip4Terms(d)} ip6:2001:db8:b000::/40 -all`);
  const outbound = [0, 1, 2].map((i) => {
    const address = a[0].inside(i);
    const host = `mail-${address.replace(/\./g, '-')}.outbound.protection.${o}`;
    z.add(host, 'A', address);
    z.add(reverseName4(address), 'PTR', host);
    return address;
  });
  return { id: 'microsoft', include: `spf.protection.${o}`, lookups: 2, outbound, tenantBlock: a[2] };
}

/** The ESPs: each a different shape of include tree. */
function addEsps(z, rng, used) {
  const esps = {};
  const simple = (o, include, blocks, tail = '~all') => {
    z.zone(o);
    z.add(include, 'TXT', `v=spf1 ${ip4Terms(blocks)} ${tail}`);
  };
  const outboundIn = (o, block, count) =>
    Array.from({ length: count }, (_, i) => {
      const address = block.inside(i);
      const host = `o${i + 1}.ptr${block.inside(i).split('.')[3]}.${o}`;
      z.add(host, 'A', address);
      z.add(reverseName4(address), 'PTR', host);
      return address;
    });

  // SendGrid-like: one include, then the ranges one level down; s1/s2 CNAME to per-account keys.
  {
    const o = 'sendgrid.test';
    const blocks = Array.from({ length: 6 }, () => randomBlock(rng, used));
    z.zone(o);
    z.add(o, 'TXT', `v=spf1 include:_ranges.${o} ~all`);
    z.add(`_ranges.${o}`, 'TXT', `v=spf1 ${ip4Terms(blocks)} ~all`);
    esps.sendgrid = { id: 'sendgrid', include: o, lookups: 2, outbound: outboundIn(o, blocks[0], 3) };
  }
  // Mailchimp-like: one flat record; k2/k3 CNAME to two keys every customer shares.
  {
    const o = 'mcsv.test';
    const blocks = Array.from({ length: 4 }, () => randomBlock(rng, used));
    simple(o, `spf.${o}`, blocks);
    z.add(`dkim2.${o}`, 'TXT', dkimRsa(rng));
    z.add(`dkim3.${o}`, 'TXT', dkimRsa(rng));
    esps.mailchimp = { id: 'mailchimp', include: `spf.${o}`, lookups: 1, outbound: outboundIn(o, blocks[0], 2) };
  }
  // Mailgun-like: three levels of includes, the deepest with an `a` term for a relay.
  {
    const o = 'mailgun.test';
    const b1 = Array.from({ length: 3 }, () => randomBlock(rng, used));
    const b2 = Array.from({ length: 3 }, () => randomBlock(rng, used));
    z.zone(o);
    z.add(o, 'TXT', `v=spf1 include:_spf.${o} ~all`);
    z.add(`_spf.${o}`, 'TXT', `v=spf1 include:_spf1.${o} include:_spf2.${o} ~all`);
    z.add(`_spf1.${o}`, 'TXT', `v=spf1 ${ip4Terms(b1)} ~all`);
    z.add(`_spf2.${o}`, 'TXT', `v=spf1 ${ip4Terms(b2)} a:relay.${o} ~all`);
    z.add(`relay.${o}`, 'A', b2[0].inside(200));
    esps.mailgun = { id: 'mailgun', include: o, lookups: 5, outbound: outboundIn(o, b1[0], 2) };
  }
  // Zendesk-like: two includes and an `mx` term (MX, then each MX host's addresses).
  {
    const o = 'zendesk.test';
    const b1 = Array.from({ length: 2 }, () => randomBlock(rng, used));
    const b2 = Array.from({ length: 2 }, () => randomBlock(rng, used));
    z.zone(o);
    z.add(`mail.${o}`, 'TXT', `v=spf1 include:_spf1.${o} include:_spf2.${o} mx:relay.${o} -all`);
    z.add(`_spf1.${o}`, 'TXT', `v=spf1 ${ip4Terms(b1)} -all`);
    z.add(`_spf2.${o}`, 'TXT', `v=spf1 ${ip4Terms(b2)} -all`);
    z.add(`relay.${o}`, 'MX', { preference: 10, exchange: `out1.relay.${o}` });
    z.add(`relay.${o}`, 'MX', { preference: 20, exchange: `out2.relay.${o}` });
    z.add(`out1.relay.${o}`, 'A', b1[0].inside(100));
    z.add(`out2.relay.${o}`, 'A', b1[0].inside(101));
    for (const s of ['zendesk1', 'zendesk2']) z.add(`${s}._domainkey.${o}`, 'TXT', dkimRsa(rng));
    esps.zendesk = { id: 'zendesk', include: `mail.${o}`, lookups: 4, outbound: outboundIn(o, b1[0], 2) };
  }
  // Amazon SES-like: one flat record.
  {
    const o = 'amazonses.test';
    const blocks = Array.from({ length: 8 }, () => randomBlock(rng, used));
    simple(o, o, blocks, '-all');
    esps.amazonses = { id: 'amazonses', include: o, lookups: 1, outbound: outboundIn(o, blocks[0], 2) };
  }
  // Salesforce Marketing Cloud-like: a per-address `exists` (a macro: only check_host asks it) and an include.
  {
    const o = 'exacttarget.test';
    const blocks = Array.from({ length: 3 }, () => randomBlock(rng, used));
    z.zone(o);
    z.add(`cust-spf.${o}`, 'TXT', `v=spf1 exists:%{i}._spf.${o} include:_ranges.${o} -all`);
    z.add(`_ranges.${o}`, 'TXT', `v=spf1 ${ip4Terms(blocks)} -all`);
    const outbound = outboundIn(o, blocks[0], 2);
    for (const address of outbound) z.add(`${address}._spf.${o}`, 'A', '127.0.0.2');
    esps.exacttarget = { id: 'exacttarget', include: `cust-spf.${o}`, lookups: 3, outbound };
  }
  // HubSpot-like: the included record is only a redirect.
  {
    const o = 'hubspot.test';
    const blocks = Array.from({ length: 3 }, () => randomBlock(rng, used));
    z.zone(o);
    z.add(`_spf.${o}`, 'TXT', `v=spf1 redirect=_spf-a.${o}`);
    z.add(`_spf-a.${o}`, 'TXT', `v=spf1 ${ip4Terms(blocks)} -all`);
    esps.hubspot = { id: 'hubspot', include: `_spf.${o}`, lookups: 2, outbound: outboundIn(o, blocks[0], 2) };
  }
  // Shared hosting: two `a` relays and the provider's own `mx`.
  {
    const o = 'hostpanel.test';
    const block = randomBlock(rng, used);
    z.zone(o);
    z.add(`spf.${o}`, 'TXT', `v=spf1 a:relay1.${o} a:relay2.${o} mx:${o} ~all`);
    z.add(`relay1.${o}`, 'A', block.inside(1));
    z.add(`relay2.${o}`, 'A', block.inside(2));
    z.add(`relay2.${o}`, 'AAAA', '2001:db8:5e::2');
    z.add(o, 'MX', { preference: 10, exchange: `mx.${o}` });
    z.add(`mx.${o}`, 'A', block.inside(3));
    esps.hostpanel = { id: 'hostpanel', include: `spf.${o}`, lookups: 4, outbound: outboundIn(o, block, 2) };
  }
  return esps;
}

// ---------------------------------------------------------------------------------------------
// Senders

/**
 * @typedef {{
 *   domain: string,
 *   kind: 'google' | 'microsoft' | 'self' | 'parked',
 *   esps: string[],
 *   spf: string | null,
 *   ip: string,
 *   selectors: string[],
 *   dmarc: string | null,
 * }} Sender
 */

const MAILBOX = { google: 45, microsoft: 33, self: 17, parked: 5 };
const ESP_COUNT = { 0: 30, 1: 35, 2: 20, 3: 10, 4: 5 };
const ESP_IDS = ['sendgrid', 'mailchimp', 'mailgun', 'zendesk', 'amazonses', 'exacttarget', 'hubspot', 'hostpanel'];

function dmarcRecord(rng, domain) {
  if (rng.chance(0.08)) return null;
  if (rng.chance(0.02)) return 'v=DMARC1; p=rejet; rua=mailto:dmarc@' + domain; // a typo: an unknown policy
  const p = rng.weighted({ none: 40, quarantine: 30, reject: 30 });
  const tags = [`v=DMARC1`, `p=${p}`];
  if (p !== 'none' && rng.chance(0.3)) tags.push(`sp=${rng.pick(['none', 'quarantine', 'reject'])}`);
  if (p === 'quarantine' && rng.chance(0.3)) tags.push(`pct=${rng.pick([10, 25, 50])}`);
  if (rng.chance(0.2)) tags.push('adkim=s');
  if (rng.chance(0.15)) tags.push('aspf=s');
  const rua = rng.weighted({ internal: 45, external: 40, none: 15 });
  if (rua === 'internal') tags.push(`rua=mailto:dmarc@${domain}`);
  if (rua === 'external') tags.push(`rua=mailto:rua@reports.dmarcwatch.test`);
  if (rng.chance(0.1)) tags.push(`ruf=mailto:forensic@reports.dmarcwatch.test`);
  if (rng.chance(0.1)) tags.push('fo=1');
  return tags.join('; ');
}

/**
 * `bulk`: the senders' records go into the few parent zones (`example.`, `test.`) instead of a zone
 * each, as a registry or a DNS host serves a large portfolio: the shape of the 50,000-domain scan.
 * @param {{ seed?: number, senders?: number, bulk?: boolean }} [options]
 * @returns {{ seed: number, zones: WorldZone[], senders: Sender[], zoneOf(name: string): string | null }}
 */
export function generateWorld(options = {}) {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = options.senders ?? DEFAULT_SENDERS;
  const rng = seededRandom(seed);
  const z = new ZoneSet();
  for (const origin of ['example', 'test', 'in-addr.arpa', 'ip6.arpa', 'reports.dmarcwatch.test']) z.zone(origin);
  const used = new Set();
  const google = addGoogleLike(z, rng, used);
  const microsoft = addMicrosoftLike(z, rng, used);
  const esps = addEsps(z, rng, used);

  /** @type {Sender[]} */
  const senders = [];
  /** Senders whose own `_spf.<domain>` holds their list: brands may redirect there. */
  const layered = [];
  for (let i = 0; i < count; i++) {
    const tld = i % 3 === 2 ? 'test' : 'example';
    const domain = `${FIRST[i % FIRST.length]}${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}${i}.${tld}`;
    if (options.bulk !== true) z.zone(domain);
    const kind = rng.weighted(MAILBOX);
    const dashed = domain.replace(/\./g, '-');
    const selectors = [];
    let ip;
    const terms = [];

    z.add(domain, 'TXT', `${rng.pick(['google-site-verification', 'ms-domain-verification', 'facebook-domain-verification'])}=${Buffer.from(rng.bytes(18)).toString('base64url')}`);
    if (rng.chance(0.6)) z.add(domain, 'A', ip4(198, 19, i >> 8, i & 0xff));

    if (kind === 'parked') {
      // M3AAWG parked-domain practice: no senders, a null MX (RFC 7505), reject, a revoked wildcard key
      z.add(domain, 'MX', { preference: 0, exchange: '' });
      z.add(`*._domainkey.${domain}`, 'TXT', 'v=DKIM1; p=');
      z.add(`_dmarc.${domain}`, 'TXT', 'v=DMARC1; p=reject; sp=reject; adkim=s; aspf=s');
      z.add(domain, 'TXT', 'v=spf1 -all');
      senders.push({ domain, kind, esps: [], spf: 'v=spf1 -all', ip: ip4(198, 19, 255, i & 0xff), selectors: ['google'], dmarc: 'v=DMARC1; p=reject; sp=reject; adkim=s; aspf=s' });
      continue;
    }

    if (kind === 'google') {
      terms.push(`include:${google.include}`);
      google.mx.forEach((host, n) => z.add(domain, 'MX', { preference: n === 0 ? 1 : n < 3 ? 5 : 10, exchange: host }));
      z.add(`google._domainkey.${domain}`, 'TXT', dkimRsa(rng, rng.chance(0.12) ? 1024 : 2048));
      selectors.push('google');
      ip = rng.pick(google.outbound);
    } else if (kind === 'microsoft') {
      terms.push(`include:${microsoft.include}`);
      const host = `${dashed}.mail.protection.o365.test`;
      z.add(domain, 'MX', { preference: 0, exchange: host });
      z.add(host, 'A', microsoft.tenantBlock.inside(i % 200));
      z.add(host, 'A', microsoft.tenantBlock.inside((i + 1) % 200));
      const tenant = `${dashed.split('-')[0]}${i}.onmicrosoft.o365.test`;
      for (const s of ['selector1', 'selector2']) {
        // Exchange Online delegates both selectors to the tenant's keys by CNAME (RFC 6376 §3.6.2.1 allows it)
        const target = `${s}-${dashed}._domainkey.${tenant}`;
        z.add(`${s}._domainkey.${domain}`, 'CNAME', target);
        z.add(target, 'TXT', dkimRsa(rng));
      }
      selectors.push('selector1');
      ip = rng.pick(microsoft.outbound);
    } else {
      // self-hosted: its own relay in the benchmarking range (RFC 2544), forward-confirmed mostly
      const address = ip4(198, 18, i >> 8, i & 0xff);
      const mail = `mail.${domain}`;
      z.add(mail, 'A', address);
      z.add(reverseName4(address), 'PTR', rng.chance(0.85) ? mail : `${address.replace(/\./g, '-')}.dyn.isp.test`);
      z.add(`mx1.${domain}`, 'A', address);
      if (rng.chance(0.5)) z.add(`mx1.${domain}`, 'AAAA', `2001:db8:18:${i.toString(16)}::25`);
      z.add(`mx2.${domain}`, 'A', ip4(198, 18, i >> 8, (i + 128) & 0xff));
      z.add(domain, 'MX', { preference: 10, exchange: `mx1.${domain}` });
      z.add(domain, 'MX', { preference: 20, exchange: `mx2.${domain}` });
      terms.push(rng.pick(['mx', `a:${mail}`, `ip4:198.18.${i >> 8}.0/24`, `mx a:${mail}`]));
      if (rng.chance(0.1)) terms.push('ptr'); // RFC 7208 §5.5: deprecated, still seen
      const selector = rng.pick(['default', 'dkim', 'mail']);
      z.add(`${selector}._domainkey.${domain}`, 'TXT', dkimRsa(rng, rng.chance(0.15) ? 1024 : 2048));
      if (rng.chance(0.2)) z.add(`ed._domainkey.${domain}`, 'TXT', dkimEd25519(rng));
      selectors.push(selector);
      ip = address;
    }

    const chosen = rng.sample(ESP_IDS, Number(rng.weighted(ESP_COUNT)));
    for (const id of chosen) {
      terms.push(`include:${esps[id].include}`);
      if (id === 'sendgrid') {
        for (const s of ['s1', 's2']) {
          const target = `${s}.domainkey.u${1000 + i}.wl.sendgrid.test`;
          z.add(`${s}._domainkey.${domain}`, 'CNAME', target);
          z.add(target, 'TXT', dkimRsa(rng));
        }
      }
      if (id === 'mailchimp') for (const s of ['k2', 'k3']) z.add(`${s}._domainkey.${domain}`, 'CNAME', `dkim${s[1]}.mcsv.test`);
      if (id === 'mailgun') z.add(`mx._domainkey.${domain}`, 'TXT', dkimRsa(rng, 1024));
      if (id === 'zendesk') for (const s of ['zendesk1', 'zendesk2']) z.add(`${s}._domainkey.${domain}`, 'CNAME', `${s}._domainkey.zendesk.test`);
    }
    if (kind === 'self' && rng.chance(0.3)) {
      // the domain's own relay is not the only sender: some mail goes out through an ESP's address
      const first = chosen[0];
      if (first !== undefined) ip = esps[first].outbound[0];
    }
    if (rng.chance(0.03)) terms.push(`include:_spf.gsutie.test`); // a typo: NXDOMAIN, a void lookup

    const all = rng.weighted({ '~all': 55, '-all': 40, '?all': 5 });
    let spf;
    const brandOf = layered.length > 0 && rng.chance(0.1) ? rng.pick(layered) : null;
    if (brandOf !== null) {
      spf = `v=spf1 redirect=_spf.${brandOf}`; // RFC 7208 §6.1: a brand that sends as its parent company
    } else if (rng.chance(0.15)) {
      z.add(`_spf.${domain}`, 'TXT', `v=spf1 ${terms.join(' ')} ${all}`);
      spf = `v=spf1 include:_spf.${domain} ${all}`;
      layered.push(domain);
    } else {
      spf = `v=spf1 ${terms.join(' ')} ${all}`;
    }
    z.add(domain, 'TXT', spf);
    if (rng.chance(0.02)) z.add(domain, 'TXT', `v=spf1 include:${google.include} -all`); // two SPF records: permerror

    const dmarc = dmarcRecord(rng, domain);
    if (dmarc !== null) {
      z.add(`_dmarc.${domain}`, 'TXT', dmarc);
      // RFC 7489 §7.1: the external report receiver authorizes most of its customers
      if (dmarc.includes('dmarcwatch.test') && rng.chance(0.85)) z.add(`${domain}._report._dmarc.reports.dmarcwatch.test`, 'TXT', 'v=DMARC1');
    }
    senders.push({ domain, kind, esps: chosen, spf, ip, selectors, dmarc });
  }

  for (const zone of z.zones.values()) {
    zone.records.sort((a, b) => (a.name === b.name ? 0 : a.name < b.name ? -1 : 1));
  }
  const zones = [...z.zones.values()].sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0));
  return { seed, zones, senders, zoneOf: (name) => z.zoneOf(name) };
}

// ---------------------------------------------------------------------------------------------
// Zone files

/** A TXT value as character-strings of at most 255 bytes each (RFC 1035 §3.3.14), quoted. */
export function txtRdata(text) {
  const chunks = [];
  for (let i = 0; i < text.length; i += 255) chunks.push(text.slice(i, i + 255));
  if (chunks.length === 0) chunks.push('');
  return chunks.map((c) => `"${c.replace(/[\\"]/g, (m) => `\\${m}`)}"`).join(' ');
}

function rdata(record) {
  switch (record.type) {
    case 'TXT':
      return txtRdata(record.data);
    case 'MX':
      return `${record.data.preference} ${record.data.exchange === '' ? '.' : `${record.data.exchange}.`}`;
    case 'CNAME':
    case 'PTR':
    case 'NS':
      return `${record.data}.`;
    default:
      return record.data;
  }
}

/** The zone file text of one zone: SOA and NS (with glue) first, then the records. */
export function zoneFileText(zone) {
  const o = zone.origin;
  const lines = [
    `; generated by bench/lib/world.mjs`,
    `$ORIGIN ${o}.`,
    `$TTL ${TTL}`,
    `@ ${TTL} IN SOA ns.${o}. hostmaster.${o}. 2024060701 7200 900 1209600 300`,
    `@ ${TTL} IN NS ns.${o}.`,
    `ns.${o}. ${TTL} IN A 127.0.0.1`,
  ];
  for (const r of zone.records) lines.push(`${r.name === '' ? '.' : `${r.name}.`} ${r.ttl} IN ${r.type} ${rdata(r)}`);
  return `${lines.join('\n')}\n`;
}

/** Write one `<origin>.zone` file per zone into `dir`; returns the folder. */
export async function writeWorld(world, dir) {
  await mkdir(dir, { recursive: true });
  await Promise.all(world.zones.map((zone) => writeFile(join(dir, `${zone.origin}.zone`), zoneFileText(zone))));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Reading the world back (for the dependency model)

/**
 * Look a name up in the world as an authoritative server would: the records of the type, and the
 * CNAME at the name if there is one. Wildcards (`*.` owners) match names below their parent that
 * have no records of their own (RFC 4592, simplified: no empty non-terminals in this world).
 */
export function worldIndex(world) {
  const byName = new Map();
  for (const zone of world.zones) {
    for (const r of zone.records) {
      if (!byName.has(r.name)) byName.set(r.name, []);
      byName.get(r.name).push(r);
    }
  }
  const at = (name) => {
    const key = nameKey(name);
    const own = byName.get(key);
    if (own !== undefined) return own;
    const parent = key.slice(key.indexOf('.') + 1);
    return byName.get(`*.${parent}`) ?? [];
  };
  return {
    /** @returns {{ cname: string | null, records: WorldRecord[] }} */
    lookup(name, type) {
      const records = at(name);
      const cname = records.find((r) => r.type === 'CNAME');
      if (cname !== undefined && type !== 'CNAME') return { cname: cname.data, records: [] };
      return { cname: null, records: records.filter((r) => r.type === type) };
    },
    zoneOf: (name) => world.zoneOf(name),
  };
}
