// RFC 7208 §4.5: choose the SPF record among a name's TXT records.
// Records that do not start with "v=spf1" followed by a space or the end are discarded (whatever their
// bytes); exactly one must remain. Type 99 (SPF) records are no longer used (RFC 7208 §3.1) but are noted.
import type { DnsAnswer, RecordSource } from '../dns/types.js';
import { joinTxt } from '../model/txt.js';
import { isSpfRecordText } from './parse.js';
import type { RecordSelection, Type99Note } from './types.js';

/** The joined text of every TXT (or SPF) record in the answer, in answer order. */
export function txtTexts(answer: DnsAnswer<'TXT'> | DnsAnswer<'SPF'>): string[] {
  if (answer.kind !== 'records') return [];
  return answer.records.map((r) => joinTxt(r.strings));
}

/** The `v=spf1` records of the answer, each with its text and its zone file line (null when unknown). */
export function spfRecordsOf(answer: DnsAnswer<'TXT'> | DnsAnswer<'SPF'>): { text: string; source: RecordSource | null }[] {
  if (answer.kind !== 'records') return [];
  const out: { text: string; source: RecordSource | null }[] = [];
  for (const r of answer.records) {
    const text = joinTxt(r.strings);
    if (isSpfRecordText(text)) out.push({ text, source: r.source ?? null });
  }
  return out;
}

/** The type 99 note for an SPF-type answer (RFC 7208 §3.1). */
export function noteType99(answer: DnsAnswer<'SPF'> | undefined): Type99Note {
  if (!answer) return { asked: false };
  const found = spfRecordsOf(answer);
  return { asked: true, texts: found.map((f) => f.text), sources: found.map((f) => f.source) };
}

export function selectSpfRecord(txt: DnsAnswer<'TXT'>, type99?: DnsAnswer<'SPF'>): RecordSelection {
  const note = noteType99(type99);
  switch (txt.kind) {
    case 'failure':
      // RFC 7208 §4.4: a DNS error other than NXDOMAIN gives temperror.
      return { kind: 'failure', failure: txt.failure, detail: txt.detail, type99: note };
    case 'nxdomain':
      return { kind: 'none', reason: 'nxdomain', type99: note };
    case 'nodata':
      return { kind: 'none', reason: 'nodata', type99: note };
    case 'records': {
      const texts = txtTexts(txt).filter(isSpfRecordText);
      if (texts.length === 0) return { kind: 'none', reason: 'no-spf-record', type99: note };
      // RFC 7208 §4.5: more than one record gives permerror.
      if (texts.length > 1) return { kind: 'multiple', texts, type99: note };
      return { kind: 'record', text: texts[0] ?? '', type99: note };
    }
  }
}
