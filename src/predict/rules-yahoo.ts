// Yahoo's and AOL's rules (docs/providers.md, "Yahoo and AOL"). Yahoo publishes requirements but
// no reply texts: the texts are those seen in real bounces.
import { dkimFixes, existenceFixes, nullMxFixes, ptrFixes, spfFixes } from './fixes.js';
import type { Tri } from './facts.js';
import { TEXTS } from './provider-texts.js';
import { authenticationRequirements, certaintyOf, describeDkim, describeSpf, dmarcPolicyFailure, reply, sampleFcrdnsNote, yahooBulk, type Rule, type RuleContext } from './rule-kit.js';
import type { DomainEvidence, Reply, StreamEvidence } from './types.js';

/** The MAIL FROM domain (the "RFC.5321 from domain") and the From domain; one entry per name. */
function namedDomains(stream: StreamEvidence, flagged: (d: DomainEvidence) => boolean): { role: string; domain: DomainEvidence }[] {
  const all = [
    ...(stream.mailFrom !== null ? [{ role: 'MAIL FROM', domain: stream.mailFrom }] : []),
    { role: 'From', domain: stream.from },
  ].filter((n) => flagged(n.domain));
  const byName = new Map<string, { role: string; domain: DomainEvidence }>();
  for (const n of all) {
    const seen = byName.get(n.domain.domain);
    byName.set(n.domain.domain, seen === undefined ? n : { ...seen, role: `${seen.role} and ${n.role}` });
  }
  return [...byName.values()];
}

const nonexistent: Rule = {
  id: 'yahoo-nonexistent-domain',
  row: 'Yahoo 451 / 554: the MAIL FROM or From domain does not exist (SOA check; SERVFAIL gives 451)',
  evaluate({ stream }) {
    const missing = namedDomains(stream, (d) => d.presence === 'nxdomain');
    const failing = namedDomains(stream, (d) => d.presence === 'temperror');
    if (missing.length > 0) {
      return reply(this, {
        verdict: 'rejection', code: '554', enhanced: null, text: TEXTS.yahooUnresolvable, certainty: 'certain',
        why: missing.map((n) => `the ${n.role} domain ${n.domain.domain} does not exist (NXDOMAIN)`).join('; '),
        fixes: missing.flatMap((n) => existenceFixes(n.domain)),
      });
    }
    if (failing.length > 0) {
      return reply(this, {
        verdict: 'temporary-failure', code: '451', enhanced: null, text: TEXTS.yahooUnresolvable, certainty: 'certain',
        why: failing.map((n) => `the SOA question for the ${n.role} domain ${n.domain.domain} failed`).join('; '),
        fixes: failing.flatMap((n) => existenceFixes(n.domain)),
      });
    }
    return null;
  },
};

const nullMx: Rule = {
  id: 'yahoo-null-mx',
  row: 'Yahoo 550 / 554: the MAIL FROM or From domain publishes a null MX (RFC 7505)',
  evaluate({ stream }) {
    const named = namedDomains(stream, (d) => d.nullMx === true);
    if (named.length === 0) return null;
    return reply(this, {
      // Yahoo lists the null MX among its policy rejections but publishes neither code nor text
      verdict: 'rejection', code: '550', enhanced: null, text: null, certainty: 'certain',
      why: named.map((n) => `the ${n.role} domain ${n.domain.domain} publishes a null MX (MX 0 .)`).join('; '),
      fixes: named.flatMap((n) => nullMxFixes(n.domain)),
      notes: ['Yahoo publishes no reply for this: 550 or 554 is seen; RFC 7505 §4.2 suggests 550 5.7.27 "Sender address has null MX"'],
    });
  },
};

const unauthenticated: Rule = {
  id: 'yahoo-unauthenticated',
  row: 'Yahoo 550 5.7.9: neither SPF nor DKIM passes',
  evaluate({ stream, address, facts }) {
    const auth = facts.authenticated;
    if (auth === 'yes') return null;
    return reply(this, {
      verdict: 'rejection', code: '550', enhanced: '5.7.9', text: TEXTS.yahooUnauthenticated, certainty: certaintyOf(auth),
      why: `${describeSpf(address)}, and no DKIM signature can pass (${describeDkim(facts)})`,
      alternatives: [spfFixes(address), dkimFixes(stream, facts)],
      notes: auth === 'temp' ? ['temporary DNS failures decide it: Yahoo may defer instead'] : [],
    });
  },
};

const dmarcReject: Rule = {
  id: 'yahoo-dmarc-policy',
  row: 'Yahoo 554 5.7.9 "Message not accepted for policy reasons": DMARC fails with p=reject (quarantine: spam folder)',
  evaluate(ctx) {
    const failure = dmarcPolicyFailure(ctx, 'Yahoo');
    if (failure === null) return null;
    const { certainty, fixes, notes } = failure;
    const why = `DMARC fails for ${ctx.stream.from.domain} (${failure.policy})`;
    if (failure.quarantine) {
      return reply(this, { verdict: 'spam-folder-risk', code: null, enhanced: null, text: null, certainty, why: `${why}: quarantine means the spam folder`, alternatives: fixes, notes });
    }
    return reply(this, { verdict: 'rejection', code: '554', enhanced: '5.7.9', text: TEXTS.yahooPolicy, certainty, why, alternatives: fixes, notes });
  },
};

const bulk: Rule = {
  id: 'yahoo-bulk-requirements',
  row: 'Yahoo bulk senders: SPF and DKIM, a passing DMARC of at least p=none, forward and reverse DNS',
  evaluate(ctx) {
    const { stream, address } = ctx;
    const volume = yahooBulk(ctx.totals);
    if (!volume.bulk) return null;
    const f = address.fcrdns;
    // without an address, whether its reverse DNS is forward-confirmed is unknown
    const fcrdns: Tri = f === null ? 'maybe' : f.result === 'pass' ? 'yes' : f.result === 'temperror' ? 'temp' : 'no';
    const what = f === null ? 'forward-confirmed reverse DNS of the sending addresses: not checked (no address given)' : `forward-confirmed reverse DNS: ${f.detail}`;
    const missing = [
      ...authenticationRequirements(ctx, 'DMARC does not pass (relaxed alignment is enough)'),
      { what, state: fcrdns, fixes: ptrFixes(stream, address) },
    ].filter((m) => m.state !== 'yes');
    if (missing.length === 0) return null;
    const sample = fcrdns !== 'yes' ? sampleFcrdnsNote(address) : null;
    return reply(this, {
      verdict: 'rejection', code: null, enhanced: null, text: null, certainty: 'risk',
      why: `bulk requirements not met: ${missing.map((m) => m.what).join('; ')}`,
      fixes: missing.flatMap((m) => m.fixes),
      notes: [volume.note, ...(sample === null ? [] : [sample])],
    });
  },
};

export const YAHOO_RULES: readonly Rule[] = [nonexistent, nullMx, unauthenticated, dmarcReject, bulk];

export function yahooReplies(ctx: RuleContext): Reply[] {
  return YAHOO_RULES.map((r) => r.evaluate(ctx)).filter((r): r is Reply => r !== null);
}
