// Gmail's rules, one per section of docs/providers.md ("Gmail"), in the order Gmail is
// understood to check them. Texts from Gmail's "SMTP errors and codes" page and sender FAQ.
import { alignmentFixes, dkimFixes, dmarcRecordFixes, ptrFixes, spfFixes, suspiciousTermFix } from './fixes.js';
import { fillText, TEXTS } from './provider-texts.js';
import {
  certaintyOf,
  describeDkim,
  describePolicy,
  describeSpf,
  dmarcPolicyFailure,
  gmailBulk,
  reply,
  sampleFcrdnsNote,
  worse,
  type Rule,
  type RuleContext,
} from './rule-kit.js';
import { suspiciousEntries } from './spf-suspicious.js';
import type { DnsFix, Reply } from './types.js';

const ptr: Rule = {
  id: 'gmail-ptr',
  row: 'Gmail 550 5.7.25 (temporary forms 421 4.7.0 and 4.7.23): no forward-confirmed reverse DNS',
  needsAddress: true,
  evaluate({ stream, address }) {
    // IPv6 addresses get 5.7.1, which covers the PTR requirement
    const f = address.fcrdns;
    if (address.family !== 4 || f === null || f.result === 'pass') return null;
    const fixes = ptrFixes(stream, address);
    // a sample's reverse DNS is its provider's: it says how the pool is set up, not how the stream's address is
    const sample = sampleFcrdnsNote(address);
    const about = sample === null ? [] : [sample];
    if (f.result === 'temperror') {
      return reply(this, {
        verdict: 'temporary-failure', code: '421', enhanced: '4.7.0', text: TEXTS.gmailPtr, certainty: 'risk',
        why: `reverse DNS of ${address.address} could not be checked: ${f.detail}`, fixes,
        notes: ['Gmail also uses 421 4.7.23 for this case', ...about],
      });
    }
    return reply(this, {
      verdict: 'rejection', code: '550', enhanced: '5.7.25', text: TEXTS.gmailPtr, certainty: sample === null ? 'certain' : 'risk',
      why: `forward-confirmed reverse DNS fails for ${address.address}: ${f.detail}`, fixes,
      notes: ['Gmail may first answer with the temporary forms 421 4.7.0 or 4.7.23', ...about],
    });
  },
};

const ipv6: Rule = {
  id: 'gmail-ipv6',
  row: 'Gmail 550 5.7.1: IPv6 without FCrDNS, or neither SPF nor DKIM passes',
  needsAddress: true,
  evaluate({ stream, address, facts }) {
    const f = address.fcrdns;
    if (address.family !== 6 || f === null) return null;
    const ptrBad = f.result === 'fail' || f.result === 'none';
    const auth = facts.authenticated;
    const reasons: string[] = [];
    if (f.result !== 'pass') reasons.push(`reverse DNS: ${f.detail}`);
    if (auth !== 'yes') reasons.push(`${describeSpf(address)}; ${describeDkim(facts)}`);
    const fixes: DnsFix[] = [...ptrFixes(stream, address), ...(auth !== 'yes' ? [...spfFixes(address), ...dkimFixes(stream, facts)] : [])];
    // a sample's missing PTR is its provider's pool's, not necessarily the stream's address's
    const sample = f.result !== 'pass' ? sampleFcrdnsNote(address) : null;
    const notes = sample === null ? [] : [sample];
    if (ptrBad || auth === 'no' || auth === 'maybe') {
      const proven = auth === 'no' || (ptrBad && sample === null);
      return reply(this, {
        verdict: 'rejection', code: '550', enhanced: '5.7.1', text: TEXTS.gmailIpv6,
        certainty: proven ? 'certain' : 'risk', why: reasons.join('; '), fixes, notes,
      });
    }
    if (f.result === 'temperror' || auth === 'temp') {
      return reply(this, {
        verdict: 'temporary-failure', code: '421', enhanced: '4.7.0', text: TEXTS.gmailIpv6, certainty: 'risk',
        why: `${reasons.join('; ')} (temporary DNS failure)`, fixes, notes,
      });
    }
    return null;
  },
};

const unauthenticated: Rule = {
  id: 'gmail-unauthenticated',
  row: 'Gmail 550 5.7.26 / 421 4.7.26: the sender is unauthenticated (neither SPF nor any DKIM signature passes)',
  evaluate({ stream, address, facts }) {
    if (address.family === 6) return null; // IPv6: 5.7.1
    const auth = facts.authenticated;
    if (auth === 'yes') return null;
    const why = `${describeSpf(address)}, and no DKIM signature can pass (${describeDkim(facts)})`;
    const fixes = [spfFixes(address), dkimFixes(stream, facts)];
    const text = fillText(TEXTS.gmailUnauthenticated, { d: address.spf.domain, ...(address.address !== null ? { ip: address.address } : {}) });
    // without an address its family is unknown: this is the IPv4 reply
    const family = address.family === null ? ['sent over IPv6, the reply is 550 5.7.1 (IPv6 sending guidelines) instead'] : [];
    if (auth === 'temp') {
      return reply(this, {
        verdict: 'temporary-failure', code: '421', enhanced: '4.7.26', text: TEXTS.gmailUnauthenticatedTemporary, certainty: 'risk',
        why: `${why}; temporary DNS failures decide it`, alternatives: fixes,
        notes: [`if the failures persist: 550 5.7.26 "${text}"`, ...family],
      });
    }
    return reply(this, { verdict: 'rejection', code: '550', enhanced: '5.7.26', text, certainty: certaintyOf(auth), why, alternatives: fixes, notes: family });
  },
};

const spfHardFail: Rule = {
  id: 'gmail-spf-hard-fail',
  row: 'Gmail 550 5.7.26: the MAIL FROM domain\'s SPF gives fail (-all)',
  evaluate({ address, facts }) {
    if (address.spf.result !== 'fail') return null;
    const saved = facts.dkimAny === 'yes' || facts.dkimAny === 'maybe';
    return reply(this, {
      verdict: 'rejection', code: '550', enhanced: '5.7.26',
      text: fillText(TEXTS.gmailSpfHardFail, { d: address.spf.domain, ...(address.address !== null ? { ip: address.address } : {}) }),
      certainty: saved ? 'risk' : 'certain',
      why: describeSpf(address),
      fixes: spfFixes(address),
      notes: saved ? ['a DKIM signature may pass; whether that saves a message with SPF fail is not documented'] : [],
    });
  },
};

const dmarcPolicy: Rule = {
  id: 'gmail-dmarc-policy',
  row: 'Gmail 550 5.7.26: DMARC fails and the policy that applies is reject (quarantine: spam folder)',
  evaluate(ctx) {
    const failure = dmarcPolicyFailure(ctx, 'Gmail');
    if (failure === null) return null;
    const { certainty, fixes, notes } = failure;
    const why = `DMARC fails for ${ctx.stream.from.domain}: no identifier aligned with it passes (${failure.policy})`;
    if (failure.quarantine) {
      return reply(this, { verdict: 'spam-folder-risk', code: null, enhanced: null, text: null, certainty, why: `${why}: quarantine usually means the spam folder`, alternatives: fixes, notes });
    }
    return reply(this, {
      verdict: 'rejection', code: '550', enhanced: '5.7.26', text: fillText(TEXTS.gmailDmarcPolicy, { d: ctx.stream.from.domain }),
      certainty, why, alternatives: fixes, notes,
    });
  },
};

const dmarcTemporary: Rule = {
  id: 'gmail-dmarc-temporary',
  row: 'Gmail 451 4.7.26: enforcing DMARC policy while lookups fail temporarily',
  evaluate({ stream, address, facts }) {
    const text = fillText(TEXTS.gmailDmarcTemporary, { d: stream.from.domain });
    const r = facts.reading;
    if (r.status === 'dns-failure') {
      // SPF or DKIM passing for the From domain itself passes DMARC whatever the record says
      if (facts.passesAsFromDomain) return null;
      return reply(this, {
        verdict: 'temporary-failure', code: '451', enhanced: '4.7.26', text, certainty: 'risk',
        why: `the DMARC lookup for ${stream.from.domain} failed (${r.failure ?? 'DNS failure'}): the policy and alignment modes are unknown, and no identifier equal to the From domain passes`,
        fixes: dmarcRecordFixes(stream, facts),
      });
    }
    const p = r.policy;
    if (p === null || p.published === 'none' || facts.dmarcPass !== 'temp') return null;
    return reply(this, {
      verdict: 'temporary-failure', code: '451', enhanced: '4.7.26', text, certainty: 'certain',
      why: `${describePolicy(facts)}, and no aligned identifier passes while lookups fail temporarily: ${describeSpf(address)}; ${describeDkim(facts)}`,
      fixes: [...spfFixes(address), ...dkimFixes(stream, facts)].filter((f) => f.action === 'configure'),
    });
  },
};

const suspicious: Rule = {
  id: 'gmail-spf-suspicious',
  row: 'Gmail 451 4.7.24 / 550 5.7.24: suspicious SPF entries (heuristic: +all, ?all, very wide ranges)',
  evaluate({ address }) {
    const entries = suspiciousEntries(address.spf.records);
    if (entries.length === 0) return null;
    const fixes: DnsFix[] = entries.map((e) =>
      e.kind === 'pass-all' || e.kind === 'neutral-all'
        ? suspiciousTermFix(e.domain, e.record, e.position, e.term)
        : { action: 'change', name: e.domain, type: 'TXT', current: e.record, value: null, description: `narrow '${e.term}' to the addresses that send mail` },
    );
    return reply(this, {
      verdict: 'rejection', code: '550', enhanced: '5.7.24', text: TEXTS.gmailSpfSuspicious, certainty: 'risk',
      why: entries.map((e) => e.message).join('; '), fixes,
      notes: ['Google does not define "suspicious": this is a heuristic', 'the temporary form is 451 4.7.24'],
    });
  },
};

const bulkSpf: Rule = {
  id: 'gmail-bulk-spf',
  row: 'Gmail 421 4.7.27 / 550 5.7.27: bulk, and SPF does not pass',
  evaluate({ address, facts, totals }) {
    const bulk = gmailBulk(totals);
    if (!bulk.bulk || facts.spf === 'yes') return null;
    const temp = facts.spf === 'temp';
    return reply(this, {
      verdict: temp ? 'temporary-failure' : 'rejection', code: temp ? '421' : '550', enhanced: temp ? '4.7.27' : '5.7.27',
      text: TEXTS.gmailBulkSpf, certainty: temp ? 'risk' : worse(bulk.certainty, certaintyOf(facts.spf)), why: describeSpf(address), fixes: spfFixes(address),
      notes: [bulk.note, ...(temp ? [] : ['Gmail may answer the temporary form 421 4.7.27 first'])],
    });
  },
};

const bulkDkim: Rule = {
  id: 'gmail-bulk-dkim',
  row: 'Gmail 421 4.7.30 / 550 5.7.30: bulk, and no DKIM signature passes',
  evaluate({ stream, facts, totals }) {
    const bulk = gmailBulk(totals);
    if (!bulk.bulk || facts.dkimAny === 'yes') return null;
    const temp = facts.dkimAny === 'temp';
    return reply(this, {
      verdict: temp ? 'temporary-failure' : 'rejection', code: temp ? '421' : '550', enhanced: temp ? '4.7.30' : '5.7.30',
      text: TEXTS.gmailBulkDkim, certainty: worse(bulk.certainty, certaintyOf(facts.dkimAny)), why: describeDkim(facts), fixes: dkimFixes(stream, facts),
      notes: [bulk.note, ...(temp ? [] : ['Gmail may answer the temporary form 421 4.7.30 first'])],
    });
  },
};

const bulkDmarc: Rule = {
  id: 'gmail-bulk-dmarc-missing',
  row: 'Gmail 421 4.7.40 / 550 5.7.40 (4.7.31 in the FAQ): bulk, and no DMARC record or no valid p=',
  evaluate({ stream, facts, totals }) {
    const bulk = gmailBulk(totals);
    const policy = facts.reading.policy;
    // "the DMARC record doesn't specify a DMARC policy": a record read as p=none only because p= is
    // missing or invalid (RFC 7489 §6.6.3, RFC 9989 §4.10.1) still has no valid p=
    if (!bulk.bulk || (policy !== null && policy.tag !== 'fallback')) return null;
    const temp = facts.reading.status === 'dns-failure';
    const state = policy !== null ? `"${facts.reading.record ?? ''}" has no valid p= (read as p=none only because rua is valid)` : `${facts.reading.status}${facts.reading.record !== null ? `: "${facts.reading.record}"` : ''}`;
    return reply(this, {
      verdict: temp ? 'temporary-failure' : 'rejection', code: temp ? '421' : '550', enhanced: temp ? '4.7.40' : '5.7.40',
      text: TEXTS.gmailBulkDmarc, certainty: temp ? 'risk' : bulk.certainty,
      why: `no DMARC policy applies to ${stream.from.domain} (${state})`,
      fixes: dmarcRecordFixes(stream, facts),
      notes: [bulk.note, 'the temporary form is 421 4.7.40 on Gmail\'s errors page and 4.7.31 in its FAQ: match on the text, not the code'],
    });
  },
};

const bulkAlignment: Rule = {
  id: 'gmail-bulk-alignment',
  row: 'Gmail 421 4.7.32 / 5.7.32: bulk, and From shares no organizational domain with a passing SPF or DKIM domain',
  evaluate({ stream, address, facts, totals }) {
    const bulk = gmailBulk(totals);
    if (!bulk.bulk) return null;
    // SPF that may pass (no address to tell) is a possible pass on its own domain
    const orgAligned = facts.spfOrgAligned === true ? 'yes' : facts.spfOrgAligned === null ? 'maybe' : 'no';
    const spf = facts.spfPass ? orgAligned : facts.spfTemp ? 'temp' : facts.spf === 'maybe' && orgAligned !== 'no' ? 'maybe' : 'no';
    if (spf === 'yes' || facts.dkimOrgAligned === 'yes') return null;
    const temp = spf === 'temp' || facts.dkimOrgAligned === 'temp';
    const maybe = spf === 'maybe' || facts.dkimOrgAligned === 'maybe';
    const deferred = temp && !maybe;
    return reply(this, {
      verdict: deferred ? 'temporary-failure' : 'rejection', code: deferred ? '421' : '550', enhanced: deferred ? '4.7.32' : '5.7.32',
      text: TEXTS.gmailBulkAlignment,
      // docs/providers.md#open-points: Gmail's page pairs reply 421 with 5.7.32, so the reply
      // code of the permanent form is unverified: always a risk, never a certainty
      certainty: 'risk',
      why: `From ${stream.from.domain} (organizational domain ${stream.from.orgDomains.psl ?? stream.from.domain}): ${describeSpf(address)}; ${describeDkim(facts)}`,
      alternatives: alignmentFixes(stream, facts, address),
      notes: [bulk.note, 'Gmail\'s page pairs reply 421 with status 5.7.32; the wire form (421 or 550) is unverified: match on 5.7.32 and the text'],
    });
  },
};

/** Gmail's rules in the order they are reported (more fundamental first). */
export const GMAIL_RULES: readonly Rule[] = [ptr, ipv6, unauthenticated, spfHardFail, dmarcPolicy, dmarcTemporary, suspicious, bulkSpf, bulkDkim, bulkDmarc, bulkAlignment];

export function gmailReplies(ctx: RuleContext): Reply[] {
  return GMAIL_RULES.map((r) => r.evaluate(ctx)).filter((r): r is Reply => r !== null);
}
