// The records a prediction's fix publishes are edits of the published record made through its
// parser: the edited tag changes, every other tag keeps its name, place and spacing.
import { describe, expect, it } from 'vitest';
import { predictStreams } from '../../src/predict/predict.js';
import { dkimSignatureFixes } from '../../src/predict/fixes.js';
import type { DnsFix, Provider, Reply, StreamEvidence } from '../../src/predict/types.js';
import { cleanStream, dkim, org, setDmarc, setVolume, unalignedStream } from './evidence-builder.js';

/** The first change of a reply's fixes to the DMARC record. */
function dmarcChange(s: StreamEvidence, provider: Provider, rule: string): DnsFix | undefined {
  const p = predictStreams([s]).find((x) => x.provider === provider);
  const reply = p === undefined ? undefined : ([p, ...p.also] as Reply[]).find((r) => r.rule === rule);
  return reply?.fixGroups.flat().find((f) => f.action === 'change' && (f.name ?? '').startsWith('_dmarc.'));
}

describe('DKIM key record fixes (RFC 6376 §3.2: tag names are case-sensitive)', () => {
  it('removing t=y leaves an upper-case tag name as written, never lower-cased', () => {
    const sig = { ...dkim('shop.example', 's1', 'risk', 'testing'), record: 'v=DKIM1; K=rsa; t=y; T=s; p=MIIB' };
    expect(dkimSignatureFixes(sig)).toMatchObject([{ action: 'change', current: sig.record, value: 'v=DKIM1; K=rsa; T=s; p=MIIB' }]);
  });
  it('dropping h=sha1 leaves H= and the spacing of the rest as written', () => {
    const sig = { ...dkim('shop.example', 's1', 'proven-failure', 'sha1-only'), record: 'v=DKIM1;  h=sha1;  N=Note;  p=MIIB' };
    expect(dkimSignatureFixes(sig)).toMatchObject([{ action: 'change', value: 'v=DKIM1;  N=Note;  p=MIIB' }]);
  });
});

describe('DMARC record fixes keep the other tags, their order and spacing (RFC 7489 §6.4)', () => {
  it('relaxing adkim changes only its value, the name as written', () => {
    const s = unalignedStream();
    s.dkim = [dkim('mail.shop.example', 's1', 'possible-pass', null, org('shop.example'))];
    const record = 'v=DMARC1;p=reject ;  ADKIM = s ;rua=mailto:d@shop.example;';
    setDmarc(s, record, 'reject', { adkim: 's' });
    expect(dmarcChange(s, 'gmail', 'gmail-dmarc-policy')).toMatchObject({ current: record, value: 'v=DMARC1;p=reject ;  ADKIM = r ;rua=mailto:d@shop.example;' });
  });

  it('a missing p goes right after v=DMARC1, separated like the other tags', () => {
    const s = cleanStream();
    setVolume(s, 6000);
    setDmarc(s, 'v=DMARC1;rua=mailto:d@shop.example;fo=1', 'none', { tag: 'fallback' });
    expect(dmarcChange(s, 'gmail', 'gmail-bulk-dmarc-missing')).toMatchObject({ value: 'v=DMARC1;p=none;rua=mailto:d@shop.example;fo=1' });
  });

  it('an invalid p is replaced in place, as written elsewhere', () => {
    const s = cleanStream();
    setVolume(s, 6000);
    setDmarc(s, 'v=DMARC1;  P=bogus;  rua=mailto:d@shop.example', 'none', { tag: 'fallback' });
    expect(dmarcChange(s, 'gmail', 'gmail-bulk-dmarc-missing')).toMatchObject({ value: 'v=DMARC1;  P=none;  rua=mailto:d@shop.example' });
  });

  it('an invalid sp is what sends the record to the fallback: it is removed and p=reject stays', () => {
    const s = cleanStream();
    setVolume(s, 6000);
    setDmarc(s, 'v=DMARC1; p=reject; sp=bogus; rua=mailto:d@shop.example', 'none', { tag: 'fallback' });
    const fix = dmarcChange(s, 'gmail', 'gmail-bulk-dmarc-missing');
    expect(fix).toMatchObject({ value: 'v=DMARC1; p=reject; rua=mailto:d@shop.example' });
    expect(fix?.description).toMatch(/^sp="bogus" is not valid: /);
  });
});
