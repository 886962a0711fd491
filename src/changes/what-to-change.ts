// "What to change": the DNS edits that fix a domain's findings and predicted rejections, gathered
// from the findings' record edits (Finding.edits), deduplicated, combined where several findings
// change one record, limited to the owner's own zones, and put in the order to publish them.
//
//  - Only names at or below the domain's organizational domain (RFC 9989 §4.8 by the PSL): a fix
//    never asks the user to edit someone else's zone; those findings keep their text fix, which
//    says what to configure at the provider.
//  - A record is replaced, never joined by a second SPF record (RFC 7208 §4.5 makes two a permerror).
//  - Several replacements of one record become one: SPF records term by term (RFC 7208 §4.6.1),
//    DMARC records tag by tag (RFC 7489 §6.4).
//  - Order: new records first (an include target before the record that includes it), then
//    replacements, removals last (a merged record is published before its twins are removed).
import { isAtOrBelow, nameKey } from '../model/names.js';
import { presentAbsoluteName, quoteCharacterString } from '../dns/present.js';
import { latin1ToBytes, splitTxtStrings } from '../model/txt.js';
import { dmarcTags } from '../dmarc/dmarc-tags.js';
import { removeDmarcTag, setDmarcTag } from '../dmarc/edit-record.js';
import { isDmarcRecordText } from '../dmarc/parse-record.js';
import { combineSpfEdits } from '../spf/edit-record.js';
import type { Finding, RecordEdit } from '../findings/types.js';
import { pslOrganizationalDomain } from '../org-domain/psl.js';

/** One DNS edit of the list, with the findings it clears. */
export interface DnsChange {
  /** Owner name, without the trailing dot. */
  name: string;
  type: string;
  action: 'add' | 'replace' | 'remove';
  /** The record to publish (add, replace), or the record to remove, as one unsplit string (for web DNS panels). */
  value: string;
  /** The record it replaces (replace); null otherwise. */
  current: string | null;
  /** `value` as a zone-file line, TXT data split into character-strings of at most 255 bytes. */
  zoneLine: string;
  /** The ids of the findings it clears, in the order met. */
  clears: string[];
}

/** The changes to publish, and the edits the same fixes need in zones the owner does not run. */
export interface ChangePlan {
  changes: DnsChange[];
  /**
   * Edits outside the owner's zones (a PTR in the address holder's reverse zone, a record at a
   * provider), one line each: to ask for, never to publish.
   */
  elsewhere: string[];
}

interface Pending {
  edit: RecordEdit;
  clears: string[];
}

/** The changes for one domain's findings. `spfRecord` is the domain's own SPF record, when it has one. */
export function whatToChange(domain: string, findings: readonly Finding[], spfRecord: string | null = null): ChangePlan {
  const own = pslOrganizationalDomain(domain) ?? domain;
  const pending: Pending[] = [];
  const elsewhere: string[] = [];
  for (const f of findings) {
    for (const raw of f.edits ?? []) {
      if (!isAtOrBelow(raw.name, own)) {
        // someone else's zone: asked for, never published by the owner
        const line = describeElsewhere(raw);
        if (!elsewhere.includes(line)) elsewhere.push(line);
        continue;
      }
      const edit = neverASecondSpf(raw, domain, spfRecord);
      let entry = pending.find((p) => sameEdit(p.edit, edit));
      if (entry === undefined) {
        entry = { edit, clears: [] };
        pending.push(entry);
      }
      if (!entry.clears.includes(f.id)) entry.clears.push(f.id);
    }
  }
  return { changes: publishingOrder(combineReplacements(pending)).map(toChange), elsewhere };
}

/** RFC 7208 §4.5: an SPF record added where one is published already replaces it. */
function neverASecondSpf(edit: RecordEdit, domain: string, spfRecord: string | null): RecordEdit {
  if (edit.action !== 'add' || edit.type !== 'TXT' || spfRecord === null || nameKey(edit.name) !== nameKey(domain)) return edit;
  if (!isSpf(edit.value ?? '')) return edit;
  return { ...edit, action: 'replace', current: spfRecord };
}

function describeElsewhere(e: RecordEdit): string {
  const what = e.action === 'remove' ? e.current : e.value;
  return `${e.action} ${e.type} at ${e.name}${what === null ? '' : `: ${what}`}`;
}

function sameEdit(a: RecordEdit, b: RecordEdit): boolean {
  return a.action === b.action && nameKey(a.name) === nameKey(b.name) && a.type === b.type && a.value === b.value && a.current === b.current;
}

const isSpf = (text: string): boolean => /^v=spf1(\s|$)/i.test(text.trim());

/** Replacements of one record (same name, type and current text) as one replacement. */
function combineReplacements(pending: readonly Pending[]): Pending[] {
  const out: Pending[] = [];
  for (const p of pending) {
    const { edit } = p;
    const earlier = edit.action === 'replace' ? out.find((o) => o.edit.action === 'replace' && nameKey(o.edit.name) === nameKey(edit.name) && o.edit.type === edit.type && o.edit.current === edit.current) : undefined;
    const combined = earlier === undefined ? null : combine(earlier.edit, edit);
    if (earlier === undefined || combined === null) {
      out.push({ edit, clears: [...p.clears] });
      continue;
    }
    earlier.edit = combined;
    for (const id of p.clears) if (!earlier.clears.includes(id)) earlier.clears.push(id);
  }
  return out;
}

/** Two replacements of the same record as one, or null when they cannot be read as term or tag edits. */
function combine(a: RecordEdit, b: RecordEdit): RecordEdit | null {
  const current = a.current ?? '';
  if (a.value === null || b.value === null) return null;
  if (isSpf(current) && isSpf(a.value) && isSpf(b.value)) return { ...a, value: combineSpfEdits(current, a.value, b.value) };
  if (isDmarcRecordText(current) && isDmarcRecordText(a.value) && isDmarcRecordText(b.value)) return { ...a, value: combineDmarc(current, a.value, b.value) };
  return null;
}

/** RFC 7489 §6.4: b's tag changes applied to a. */
function combineDmarc(current: string, a: string, b: string): string {
  // each name's first tag, the one receivers read and setDmarcTag edits (names in any case, RFC 5234 §2.3)
  const tags = (text: string): Map<string, string> => {
    const read = new Map<string, string>();
    for (const t of dmarcTags(text).tags) if (!read.has(t.name)) read.set(t.name, t.value);
    return read;
  };
  const before = tags(current);
  const after = tags(b);
  let out = a;
  for (const [name, value] of after) if (before.get(name) !== value) out = setDmarcTag(out, name, value);
  for (const name of before.keys()) if (!after.has(name)) out = removeDmarcTag(out, name);
  return out;
}

const ACTION_RANK: Record<RecordEdit['action'], number> = { add: 0, replace: 1, remove: 2 };

/** New records, then replacements, then removals; a record another one includes goes before it. */
function publishingOrder(pending: readonly Pending[]): Pending[] {
  const list = [...pending].sort((x, y) => ACTION_RANK[x.edit.action] - ACTION_RANK[y.edit.action]);
  const references = (p: Pending, q: Pending): boolean => {
    const value = p.edit.value ?? '';
    const target = nameKey(q.edit.name);
    return p !== q && q.edit.action !== 'remove' && new RegExp(`(^|\\s)[-+~?]?(include:|redirect=)${escapeRegExp(target)}(\\s|$)`, 'i').test(value);
  };
  // move each included record before the first record that includes it (bounded: no cycles in a list this size)
  for (let pass = 0; pass < list.length; pass++) {
    let moved = false;
    for (let i = 0; i < list.length && !moved; i++) {
      const j = list.findIndex((q, k) => k > i && references(list[i] as Pending, q));
      if (j > i) {
        const [target] = list.splice(j, 1);
        list.splice(i, 0, target as Pending);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return list;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toChange(p: Pending): DnsChange {
  const { edit } = p;
  const value = (edit.action === 'remove' ? edit.current : edit.value) ?? '';
  return { name: edit.name, type: edit.type, action: edit.action, value, current: edit.action === 'replace' ? edit.current : null, zoneLine: zoneLine(edit.name, edit.type, value), clears: p.clears };
}

/** RFC 1035 §5.1: owner, class, type, RDATA; TXT and SPF data as character-strings of at most 255 bytes (RFC 1035 §3.3.14). */
export function zoneLine(name: string, type: string, value: string): string {
  const rdata = type === 'TXT' || type === 'SPF' ? splitTxtStrings(value).map((s) => quoteCharacterString(latin1ToBytes(s))).join(' ') : value;
  return `${presentAbsoluteName(name)} IN ${type} ${rdata}`;
}
