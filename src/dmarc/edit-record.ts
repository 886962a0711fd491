// Edits of a DMARC record made through its tag list (RFC 7489 §6.4, RFC 6376 §3.2), never by a
// text search: the tag is found where the parser found it (its name in any case, RFC 5234 §2.3),
// and the rest of the record is kept as written (src/model/edit-tag-list.ts).
import { appendTag, insertTagAfter, removeTagSpec, replaceTagValue } from '../model/edit-tag-list.js';
import { dmarcTags } from './dmarc-tags.js';
import { parseDmarcRecord } from './parse-record.js';
import type { DmarcTag } from './types.js';

/** The first tag named `name`, in any case: the one receivers read. */
function firstTag(tags: readonly DmarcTag[], name: string): DmarcTag | undefined {
  return tags.find((t) => t.name === name.toLowerCase());
}

/**
 * The record with tag `name` set to `value`: its value replaced where it is; else a new `p` right
 * after `v=DMARC1` (RFC 7489 §6.4 grammar: dmarc-version dmarc-sep [dmarc-request] …), any other
 * tag at the end.
 */
export function setDmarcTag(record: string, name: string, value: string): string {
  const { tags } = dmarcTags(record);
  const tag = firstTag(tags, name);
  if (tag !== undefined) return replaceTagValue(record, tag, value);
  const version = tags[0]?.name === 'v' ? tags[0] : undefined;
  if (name.toLowerCase() === 'p' && version !== undefined) return insertTagAfter(record, version, name, value);
  return appendTag(record, name, value);
}

/** The record without tag `name` (and its separator); the record itself when it has no such tag. */
export function removeDmarcTag(record: string, name: string): string {
  const tag = firstTag(dmarcTags(record).tags, name);
  return tag === undefined ? record : removeTagSpec(record, tag);
}

/**
 * The record with a policy receivers read as written, not as the p=none fallback (RFC 7489 §6.6.3
 * step 6, RFC 9989 §4.10.1): p=none in place of a missing or invalid p, and an invalid sp or np
 * removed, so that subdomains inherit p (RFC 7489 §6.3 "sp", RFC 9989 §4.7 "np").
 */
export function withValidDmarcPolicy(record: string): string {
  const parsed = parseDmarcRecord(record);
  let out = parsed.p === null ? setDmarcTag(record, 'p', 'none') : record;
  for (const sub of ['sp', 'np'] as const) if (parsed.invalidTags.includes(sub)) out = removeDmarcTag(out, sub);
  return out;
}
