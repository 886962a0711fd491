// Read a DKIM key record (RFC 6376 §3.6.1) into a typed value with the position of every tag.
import { parseTagList, splitColonList, type TagSpec } from '../model/tag-list.js';
import type { DkimKeyRecord, KeyRecordError, KeyRecordParse } from './types.js';

const KNOWN_TAGS = ['v', 'h', 'k', 'n', 'p', 's', 't'] as const;
type KnownTag = (typeof KNOWN_TAGS)[number];
const isKnownTag = (name: string): name is KnownTag => (KNOWN_TAGS as readonly string[]).includes(name);

/**
 * Tags outside RFC 6376 that verifiers ignore silently and that are common enough not to report:
 * `g=` is RFC 4871's granularity, dropped by RFC 6376 (Appendix D) and ignored since.
 */
export const LEGACY_TAGS: ReadonlySet<string> = new Set(['g']);

function listItems(tag: TagSpec, errors: KeyRecordError[]): string[] {
  const items = splitColonList(tag);
  for (const { item, position } of items) {
    if (item === '') {
      errors.push({ code: 'bad-list', position, message: `empty item in the colon-separated list of '${tag.name}=' at offset ${position} (RFC 6376 §3.6.1)` });
    }
  }
  return items.map((i) => i.item).filter((i) => i !== '');
}

export function parseKeyRecord(text: string): KeyRecordParse {
  const list = parseTagList(text);
  const errors: KeyRecordError[] = list.errors.map((e) => ({
    code: e.code === 'duplicate-tag' ? 'duplicate-tag' : 'syntax',
    position: e.position,
    message: e.message,
  }));
  const tagByName: DkimKeyRecord['tagByName'] = {};
  const unknownTags: TagSpec[] = [];
  for (const tag of list.tags) {
    if (isKnownTag(tag.name)) tagByName[tag.name] ??= tag; // a duplicate is an error already
    else unknownTags.push(tag);
  }

  const v = tagByName.v;
  if (v !== undefined) {
    // RFC 6376 §3.6.1: v= is optional, but when present it is exactly "DKIM1" and the first tag;
    // records whose v= has any other value are discarded
    if (v.value !== 'DKIM1') {
      errors.push({ code: 'bad-version', position: v.valuePosition, message: `v=${v.value} at offset ${v.valuePosition}: the version must be exactly DKIM1 (RFC 6376 §3.6.1)` });
    }
    if (list.tags[0] !== v) {
      errors.push({ code: 'version-not-first', position: v.position, message: `v= at offset ${v.position} is not the first tag (RFC 6376 §3.6.1: it MUST come first)` });
    }
  }

  const k = tagByName.k;
  const p = tagByName.p;
  if (p === undefined) {
    // RFC 6376 §3.6.1: p= is REQUIRED
    errors.push({ code: 'missing-public-key', position: text.length, message: 'no p= tag: the public key is required (RFC 6376 §3.6.1)' });
  }
  const record: DkimKeyRecord = {
    text,
    tags: list.tags,
    version: v?.value ?? null,
    hashAlgorithms: tagByName.h === undefined ? null : listItems(tagByName.h, errors),
    keyType: k?.value ?? 'rsa', // RFC 6376 §3.6.1: k defaults to rsa
    keyTypeExplicit: k !== undefined,
    notes: tagByName.n?.value ?? null,
    publicKey: p === undefined ? null : p.value.replace(/[ \t\r\n]/g, ''),
    serviceTypes: tagByName.s === undefined ? null : listItems(tagByName.s, errors),
    flags: tagByName.t === undefined ? [] : listItems(tagByName.t, errors),
    unknownTags,
    tagByName,
  };
  errors.sort((a, b) => a.position - b.position);
  return { record, errors };
}

/** The text offset of the n-th character of the `p=` value once its white space is removed. */
export function publicKeyOffset(record: DkimKeyRecord, index: number): number | null {
  const p = record.tagByName.p;
  if (p === undefined) return null;
  let seen = 0;
  for (let i = 0; i < p.value.length; i++) {
    if (/[ \t\r\n]/.test(p.value[i] as string)) continue;
    if (seen === index) return p.valuePosition + i;
    seen++;
  }
  return p.valuePosition + p.value.length;
}
