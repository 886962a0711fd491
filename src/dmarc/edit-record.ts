// Edits of a DMARC record made through its tag list (RFC 7489 §6.4, RFC 6376 §3.2), never by a
// text search: the tag is found where the parser found it, and the rest of the record is kept as
// written.
import { dmarcTags } from './dmarc-tags.js';

/** The record with tag `name` set to `value`: its value replaced where it is, else appended. */
export function setDmarcTag(record: string, name: string, value: string): string {
  const tag = dmarcTags(record).tags.find((t) => t.name === name.toLowerCase());
  if (tag === undefined) {
    const trimmed = record.replace(/[ \t;]*$/, '');
    return `${trimmed}; ${name}=${value}`;
  }
  return record.slice(0, tag.valuePosition) + value + record.slice(tag.valuePosition + tag.value.length);
}

/** The record without tag `name` (and its separator); the record itself when it has no such tag. */
export function removeDmarcTag(record: string, name: string): string {
  const tag = dmarcTags(record).tags.find((t) => t.name === name.toLowerCase());
  if (tag === undefined) return record;
  const valueEnd = tag.valuePosition + tag.value.length;
  const semi = record.indexOf(';', valueEnd);
  if (semi !== -1) {
    // `p=reject; sp=none; rua=…` → `p=reject; rua=…`: the tag, its ';' and the blanks after it
    let end = semi + 1;
    while (end < record.length && /[ \t]/.test(record[end] ?? '')) end++;
    return record.slice(0, tag.position) + record.slice(end);
  }
  // the last tag: take the ';' before it instead
  const before = record.lastIndexOf(';', tag.position);
  return (before === -1 ? record.slice(0, tag.position) : record.slice(0, before)).replace(/[ \t]*$/, '');
}
