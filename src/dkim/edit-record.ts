// Edits of a DKIM key record made through its tag list (RFC 6376 §3.2, §3.6.1), never by a text
// search: the tag edited is the one whose name is exactly the one asked for — tag names are case
// sensitive (RFC 6376 §3.2), so `T=` is another tag than `t=` and is left as written, like the rest
// of the record (src/model/edit-tag-list.ts).
import { removeTagSpec, replaceTagValue } from '../model/edit-tag-list.js';
import { parseTagList, splitColonList, type TagSpec } from '../model/tag-list.js';

/** The first tag named exactly `name` (a repeat makes the record invalid, RFC 6376 §3.2). */
function tagNamed(record: string, name: string): TagSpec | undefined {
  return parseTagList(record).tags.find((t) => t.name === name);
}

/** The record without tag `name` and its separator; the record itself when it has no such tag. */
export function removeDkimTag(record: string, name: string): string {
  const tag = tagNamed(record, name);
  return tag === undefined ? record : removeTagSpec(record, tag);
}

/**
 * The record without `flag` in `t=` (RFC 6376 §3.6.1: `y` testing, `s` strict), the flag in any case
 * (the ABNF literal, RFC 5234 §2.3); without `t=` when no flag is left. The record itself when
 * `t=` does not hold the flag.
 */
export function withoutKeyFlag(record: string, flag: string): string {
  const t = tagNamed(record, 't');
  if (t === undefined) return record;
  const flags = splitColonList(t).map((f) => f.item).filter((f) => f !== '');
  const kept = flags.filter((f) => f.toLowerCase() !== flag.toLowerCase());
  if (kept.length === flags.length) return record;
  return kept.length === 0 ? removeTagSpec(record, t) : replaceTagValue(record, t, kept.join(':'));
}
