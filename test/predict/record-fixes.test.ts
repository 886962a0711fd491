// The records a prediction's fix publishes are edits of the published record made through its
// parser: the edited tag changes, every other tag keeps its name, place and spacing.
import { describe, expect, it } from 'vitest';
import { dkimSignatureFixes } from '../../src/predict/fixes.js';
import { dkim } from './evidence-builder.js';

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
