// A DKIM signer written for the tests from RFC 6376 §3.4, §3.5, §3.7 and RFC 8463 §3, kept apart
// from the code under test (whole strings, no streaming) so that a shared mistake cannot make a
// test pass: messages signed here are verified by src/message. Keys are made with node:crypto and
// published as zone text.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { quoteTxt, zonesResolver } from '../dkim/zone.js';

export interface TestKey {
  type: 'rsa' | 'ed25519';
  privateKey: KeyObject;
  /** The p= value: base64 SubjectPublicKeyInfo for RSA, the raw 32 bytes for Ed25519 (RFC 8463 §4.2). */
  p: string;
}

export function rsaKey(bits = 2048): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return { type: 'rsa', privateKey, p: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

export function ed25519Key(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x as string;
  return { type: 'ed25519', privateKey, p: Buffer.from(x, 'base64url').toString('base64') };
}

/** A zone file body for `origin` holding each key at `<selector>._domainkey`, plus `extra` lines. */
export function zoneWithKeys(origin: string, keys: Record<string, TestKey | string>, extra: string[] = []): string {
  const lines = [`$ORIGIN ${origin}.`, `@ IN SOA ns.${origin}. hostmaster.${origin}. 1 3600 600 86400 300`, `@ IN NS ns.${origin}.`];
  for (const [selector, key] of Object.entries(keys)) {
    const record = typeof key === 'string' ? key : `v=DKIM1; k=${key.type}; p=${key.p}`;
    lines.push(`${selector}._domainkey IN TXT ${quoteTxt(record)}`);
  }
  return [...lines, ...extra].join('\n');
}

export { zonesResolver };

const relaxedHeader = (field: string): string => {
  const colon = field.indexOf(':');
  const name = field.slice(0, colon).trim().toLowerCase();
  const value = field.slice(colon + 1).replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim();
  return `${name}:${value}`;
};

function canonicalBodyOf(body: string, c: 'simple' | 'relaxed'): string {
  let lines = body.split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (c === 'relaxed') lines = lines.map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return c === 'simple' ? '\r\n' : '';
  return `${lines.join('\r\n')}\r\n`;
}

/** The header fields of a CRLF message, each with its folded lines. */
function fieldsOf(header: string): string[] {
  const out: string[] = [];
  for (const line of header.split('\r\n')) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length > 0) out[out.length - 1] += `\r\n${line}`;
    else if (line !== '') out.push(line);
  }
  return out;
}

export interface SignOptions {
  key: TestKey;
  domain: string;
  selector: string;
  /** h= names, in order (default from:to:subject:date:message-id). */
  headers?: string[];
  canonicalization?: `${'simple' | 'relaxed'}/${'simple' | 'relaxed'}`;
  /** rsa-sha1 when 'sha1'. */
  hash?: 'sha256' | 'sha1';
  identity?: string;
  timestamp?: number;
  expiration?: number;
  bodyLength?: number;
  /** ARC: sign as the ARC-Message-Signature of this instance (i=N, no v=; RFC 8617 §4.1.2). */
  arcInstance?: number;
}

/** Sign a CRLF message: the DKIM-Signature field is put on top. */
export function signMessage(message: string, o: SignOptions): string {
  const split = message.indexOf('\r\n\r\n');
  const header = message.slice(0, split + 2);
  const body = message.slice(split + 4);
  const [hc, bc] = (o.canonicalization ?? 'relaxed/relaxed').split('/') as ['simple' | 'relaxed', 'simple' | 'relaxed'];
  const hash = o.hash ?? 'sha256';
  let canonBody = canonicalBodyOf(body, bc);
  if (o.bodyLength !== undefined) canonBody = canonBody.slice(0, o.bodyLength);
  const bh = createHash(hash).update(canonBody, 'latin1').digest('base64');
  const names = o.headers ?? ['from', 'to', 'subject', 'date', 'message-id'];
  const tags = [
    o.arcInstance === undefined ? 'v=1' : `i=${o.arcInstance}`,
    `a=${o.key.type}-${hash}`,
    `c=${hc}/${bc}`,
    `d=${o.domain}`,
    `s=${o.selector}`,
    ...(o.identity === undefined || o.arcInstance !== undefined ? [] : [`i=${o.identity}`]),
    ...(o.timestamp === undefined ? [] : [`t=${o.timestamp}`]),
    ...(o.expiration === undefined ? [] : [`x=${o.expiration}`]),
    ...(o.bodyLength === undefined ? [] : [`l=${o.bodyLength}`]),
    `h=${names.join(':')}`,
    `bh=${bh}`,
  ];
  const unsigned = `${o.arcInstance === undefined ? 'DKIM-Signature' : 'ARC-Message-Signature'}: ${tags.join('; ')};\r\n b=`;
  // §5.4.2: each name takes the next field of that name from the bottom
  const pool = fieldsOf(header);
  const used = new Set<number>();
  const selected: string[] = [];
  for (const n of names) {
    for (let i = pool.length - 1; i >= 0; i--) {
      if (used.has(i) || (pool[i] as string).slice(0, (pool[i] as string).indexOf(':')).trim().toLowerCase() !== n.toLowerCase()) continue;
      used.add(i);
      selected.push(pool[i] as string);
      break;
    }
  }
  const canon = (f: string): string => (hc === 'relaxed' ? relaxedHeader(f) : f);
  const data = Buffer.from(selected.map((f) => `${canon(f)}\r\n`).join('') + canon(unsigned), 'latin1');
  const signature =
    o.key.type === 'ed25519'
      ? sign(null, createHash('sha256').update(data).digest(), o.key.privateKey) // RFC 8463 §3
      : sign(hash, data, o.key.privateKey);
  const b = signature.toString('base64').replace(/(.{64})/g, '$1\r\n ');
  return `${unsigned}${b}\r\n${message}`;
}

/** A plain test message with CRLF line ends. */
export function testMessage(options: { from?: string; extraHeaders?: string[]; body?: string } = {}): string {
  const lines = [
    `From: Sender <${options.from ?? 'news@shop.example'}>`,
    'To: Reader <reader@inbox.example>',
    'Subject: Spring sale',
    'Date: Mon, 02 Mar 2026 10:00:00 +0000',
    'Message-ID: <sale-1@shop.example>',
    ...(options.extraHeaders ?? []),
    '',
    options.body ?? 'Hello,\r\n\r\nour spring sale starts today.  See you!\r\n',
  ];
  return lines.join('\r\n');
}

export interface SealOptions {
  key: TestKey;
  domain: string;
  selector: string;
  /** The authserv-id and results of the ARC-Authentication-Results (RFC 8617 §4.1.1). */
  authservId?: string;
  results?: string;
  /** cv=; by default none for instance 1 and pass above (RFC 8617 §5.1.1). */
  cv?: 'none' | 'pass' | 'fail';
  headers?: string[];
}

/**
 * Add the next ARC set on top (RFC 8617 §5.1): ARC-Authentication-Results, an ARC-Message-Signature
 * signed as a DKIM signature is, and an ARC-Seal over every set so far (§5.1.1: AAR, AMS, AS per
 * instance, relaxed, the new seal last without its b= value).
 */
export function arcSeal(message: string, o: SealOptions): string {
  const split = message.indexOf('\r\n\r\n');
  const existing = fieldsOf(message.slice(0, split + 2)).filter((f) => /^arc-/i.test(f));
  const instanceOf = (f: string): number => Number(/[:;]\s*i\s*=\s*(\d+)/i.exec(f)?.[1] ?? '0');
  const n = existing.reduce((m, f) => Math.max(m, instanceOf(f)), 0) + 1;
  const aar = `ARC-Authentication-Results: i=${n}; ${o.authservId ?? 'relay.example'}; ${o.results ?? 'dkim=pass header.d=shop.example'}`;
  const withAar = `${aar}\r\n${message}`;
  const signed = signMessage(withAar, { key: o.key, domain: o.domain, selector: o.selector, headers: o.headers ?? ['from', 'to', 'subject', 'date', 'message-id'], canonicalization: 'relaxed/relaxed', arcInstance: n });
  const ams = fieldsOf(signed.slice(0, signed.indexOf('\r\n\r\n') + 2))[0] as string;
  const all = [...existing, aar, ams];
  const order = ['arc-authentication-results', 'arc-message-signature', 'arc-seal'];
  const nameOf = (f: string): string => f.slice(0, f.indexOf(':')).toLowerCase();
  const cv = o.cv ?? (n === 1 ? 'none' : 'pass');
  const unsigned = `ARC-Seal: i=${n}; a=${o.key.type}-sha256; cv=${cv}; d=${o.domain}; s=${o.selector};\r\n b=`;
  const sets: string[] = [];
  for (let i = 1; i < n; i++) for (const name of order) sets.push(...all.filter((f) => instanceOf(f) === i && nameOf(f) === name));
  sets.push(aar, ams);
  const data = Buffer.from([...sets, unsigned].map(relaxedHeader).join('\r\n'), 'latin1');
  const signature = o.key.type === 'ed25519' ? sign(null, createHash('sha256').update(data).digest(), o.key.privateKey) : sign('sha256', data, o.key.privateKey);
  return `${unsigned}${signature.toString('base64').replace(/(.{64})/g, '$1\r\n ')}\r\n${signed}`;
}
