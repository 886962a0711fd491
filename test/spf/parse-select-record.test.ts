// RFC 7208 §4.5: selecting the SPF record among a name's TXT records.
import { describe, expect, it } from 'vitest';
import type { DnsAnswer, RRType } from '../../src/dns/types.js';
import { latin1ToBytes } from '../../src/model/txt.js';
import { selectSpfRecord } from '../../src/spf/select-record.js';

function answer(type: 'TXT', records: string[][]): DnsAnswer<'TXT'>;
function answer(type: 'SPF', records: string[][]): DnsAnswer<'SPF'>;
function answer(type: 'TXT' | 'SPF', records: string[][]): DnsAnswer<'TXT'> | DnsAnswer<'SPF'> {
  const strings = (r: string[]) => r.map(latin1ToBytes);
  if (type === 'TXT') {
    return { kind: 'records', name: 'example.com', type, cnameChain: [], records: records.map((r) => ({ name: 'example.com', ttl: 300, type, strings: strings(r) })) };
  }
  return { kind: 'records', name: 'example.com', type, cnameChain: [], records: records.map((r) => ({ name: 'example.com', ttl: 300, type, strings: strings(r) })) };
}

function empty<T extends RRType>(kind: 'nxdomain' | 'nodata', type: T): DnsAnswer<T> {
  return { kind, name: 'example.com', type, cnameChain: [], ttl: 300 };
}

describe('selectSpfRecord', () => {
  it('joins the character-strings of a record with nothing between them (§3.3)', () => {
    expect(selectSpfRecord(answer('TXT', [['v=spf1 ip4:', '192.0.2.5 -all']]))).toMatchObject({ kind: 'record', text: 'v=spf1 ip4:192.0.2.5 -all' });
  });

  it('keeps only records starting with v=spf1 then a space or the end, case-insensitively', () => {
    expect(selectSpfRecord(answer('TXT', [['v=spf10'], ['V=SpF1 mx'], ['google-site-verification=x'], ['\x96']]))).toMatchObject({
      kind: 'record',
      text: 'V=SpF1 mx',
    });
    expect(selectSpfRecord(answer('TXT', [['v=spf1', 'mx']]))).toMatchObject({ kind: 'none', reason: 'no-spf-record' });
  });

  it('reports several SPF records (permerror, §4.5)', () => {
    expect(selectSpfRecord(answer('TXT', [['v=spf1 -all'], ['v=spf1 +all']]))).toEqual({
      kind: 'multiple',
      texts: ['v=spf1 -all', 'v=spf1 +all'],
      type99: { asked: false },
    });
  });

  it('distinguishes NXDOMAIN, no data and failures', () => {
    expect(selectSpfRecord(empty('nxdomain', 'TXT'))).toMatchObject({ kind: 'none', reason: 'nxdomain' });
    expect(selectSpfRecord(empty('nodata', 'TXT'))).toMatchObject({ kind: 'none', reason: 'nodata' });
    const failed: DnsAnswer<'TXT'> = { kind: 'failure', name: 'example.com', type: 'TXT', cnameChain: [], failure: 'servfail', detail: 'SERVFAIL from 192.0.2.53' };
    expect(selectSpfRecord(failed)).toMatchObject({ kind: 'failure', failure: 'servfail' });
  });

  it('notes type 99 records when they were asked for (§3.1: no longer used)', () => {
    const r = selectSpfRecord(answer('TXT', [['v=spf1 -all']]), answer('SPF', [['v=spf1 +all'], ['other']]));
    expect(r).toMatchObject({ kind: 'record', text: 'v=spf1 -all', type99: { asked: true, texts: ['v=spf1 +all'] } });
    expect(selectSpfRecord(empty('nodata', 'TXT'), empty('nodata', 'SPF')).type99).toEqual({ asked: true, texts: [], sources: [] });
  });
});
