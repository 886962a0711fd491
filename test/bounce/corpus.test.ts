// The corpus of reply texts (fixtures/bounce/corpus.json): each from a provider's public page or a
// real bounce, each with the classification `authaudit bounce` must give. One table, one test per line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyReply } from '../../src/bounce/classify.js';
import { repliesInText } from '../../src/bounce/smtp-replies.js';
import { CAUSES } from '../../src/providers/types.js';

interface Line {
  source: string;
  reply: string;
  provider: string;
  cause: string;
  code: string | null;
  enhanced: string | null;
  permanent: boolean | null;
}

const corpus = JSON.parse(readFileSync(new URL('../../fixtures/bounce/corpus.json', import.meta.url), 'utf8')) as { replies: Line[] };

describe('the reply corpus', () => {
  it('every line names its source (a public https page or "real bounce") and an expected cause of the list', () => {
    for (const l of corpus.replies) {
      expect(l.source).toMatch(/https:\/\/|^real bounce$/);
      expect(CAUSES).toContain(l.cause);
    }
  });

  it.each(corpus.replies.map((l) => [l.reply.split('\n')[0]?.slice(0, 70) ?? '', l] as const))('%s', (_label, line) => {
    const raws = repliesInText(line.reply, 'text');
    expect(raws).toHaveLength(1);
    const reply = classifyReply(raws[0] as (typeof raws)[0]);
    expect({ provider: reply.provider, cause: reply.cause, code: reply.code, enhanced: reply.enhanced, permanent: reply.permanent }).toEqual({
      provider: line.provider,
      cause: line.cause,
      code: line.code,
      enhanced: line.enhanced,
      permanent: line.permanent,
    });
  });
});

describe('enhanced codes: the IANA meaning, and the provider\'s when it documents its own', () => {
  const one = (text: string) => classifyReply(repliesInText(text, 'text')[0] as ReturnType<typeof repliesInText>[0]);

  it("Gmail's 5.7.27 is SPF for bulk senders; the IANA meaning (null MX) is shown too", () => {
    const r = one("550 5.7.27 Your email has been blocked because SPF authentication didn't pass for this message. - gsmtp");
    expect(r.cause).toBe('spf-fail');
    expect(r.meaning.standard).toBe('Sender address has null MX');
    expect(r.meaning.provider).toMatch(/bulk sender whose SPF did not pass/);
  });

  it('an unrecognised server giving 5.7.27 means the IANA null MX, checked as a null MX', () => {
    const r = one('550 5.7.27 Sender address has null MX');
    expect(r.provider).toBe('other');
    expect(r.meaning).toEqual({ standard: 'Sender address has null MX', provider: null });
    expect(r.check).toBe('null-mx');
  });

  it("Gmail's 5.7.30 is DKIM; the IANA meaning is REQUIRETLS", () => {
    const r = one("550 5.7.30 DKIM authentication didn't pass for this message. - gsmtp");
    expect([r.cause, r.meaning.standard]).toEqual(['dkim-fail', 'REQUIRETLS support required']);
  });

  it('a code no standard defines has no IANA meaning (Gmail 5.7.40)', () => {
    expect(one("550 5.7.40 the sending domain doesn't have a DMARC record. - gsmtp").meaning.standard).toBeNull();
  });
});
