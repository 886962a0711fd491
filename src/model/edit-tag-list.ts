// Edits of a tag list (RFC 6376 §3.2) made at the places the parser found (src/model/tag-list.ts),
// never by a text search: a value replaced, a tag-spec removed with its separator, a tag-spec added.
// Everything else is kept as written: names (DKIM's are case-sensitive, RFC 6376 §3.2), order and
// white space. Which tag to edit is the protocol's choice (DKIM names compare exactly, DMARC's ignore
// case): these take the tag the caller found.
import type { TagSpec } from './tag-list.js';

/** Where a tag stands in the record: all an edit needs of it (a DMARC tag has it too). */
export type TagPlace = Pick<TagSpec, 'position' | 'valuePosition' | 'value'>;

const WHITE = /[ \t\r\n]/;
const valueEnd = (tag: TagPlace): number => tag.valuePosition + tag.value.length;

/** Where the separator after `tag` ends: past its ';' and the white space after that; null when no ';' follows. */
function separatorEnd(record: string, tag: TagPlace): number | null {
  const semi = record.indexOf(';', valueEnd(tag));
  if (semi === -1) return null;
  let end = semi + 1;
  while (end < record.length && WHITE.test(record[end] as string)) end++;
  return end;
}

/** The record with the value of `tag` replaced by `value`. */
export function replaceTagValue(record: string, tag: TagPlace, value: string): string {
  return record.slice(0, tag.valuePosition) + value + record.slice(valueEnd(tag));
}

/**
 * The record without `tag` and one separator: `a=1; b=2; c=3` without b is `a=1; c=3`. The last tag
 * takes the ';' before it (`a=1; b=2` → `a=1`); before a trailing ';' it leaves that one
 * (`a=1; b=2;` → `a=1;`).
 */
export function removeTagSpec(record: string, tag: TagPlace): string {
  const end = separatorEnd(record, tag);
  if (end !== null && end < record.length) return record.slice(0, tag.position) + record.slice(end);
  const before = end === null ? record.lastIndexOf(';', tag.position) : -1;
  return (before === -1 ? record.slice(0, tag.position) : record.slice(0, before)).replace(/[ \t\r\n]*$/, '');
}

/** The record with `name=value` right after `tag`, separated as `tag` is from the tag after it (`; ` when none follows). */
export function insertTagAfter(record: string, tag: TagPlace, name: string, value: string): string {
  const end = separatorEnd(record, tag);
  const separator = end !== null && end < record.length ? record.slice(valueEnd(tag), end) : '; ';
  return `${record.slice(0, valueEnd(tag))}${separator}${name}=${value}${record.slice(valueEnd(tag))}`;
}

/** The record with `name=value` as its last tag, after `; ` (a trailing ';' and white space give way to it). */
export function appendTag(record: string, name: string, value: string): string {
  return `${record.replace(/[ \t\r\n;]*$/, '')}; ${name}=${value}`;
}
