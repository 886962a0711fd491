// Outlook.com's rules (docs/providers.md, "Outlook.com and Exchange Online"): Microsoft's
// high-volume sender requirements of April 2025 and the Exchange Online NDR table.
import { dkimFixes, ptrFixes, spfFixes } from './fixes.js';
import { fillText, TEXTS } from './provider-texts.js';
import { authenticationRequirements, certaintyOf, describeDkim, describeSpf, dmarcPolicyFailure, outlookHighVolume, reply, sampleFcrdnsNote, worse, type Rule, type RuleContext } from './rule-kit.js';
import type { Reply } from './types.js';

const highVolume: Rule = {
  id: 'outlook-high-volume',
  row: 'Outlook.com 550 5.7.515: over 5,000/day, and SPF, DKIM, a DMARC record (p=none or stronger) or DMARC pass is missing',
  evaluate(ctx) {
    const volume = outlookHighVolume(ctx.totals);
    if (!volume.bulk) return null;
    const missing = authenticationRequirements(ctx, 'DMARC does not pass (no passing identifier aligned with the From domain)').filter((m) => m.state !== 'yes');
    if (missing.length === 0) return null;
    const certainty = worse(volume.certainty, missing.some((m) => m.state === 'no') ? 'certain' : 'risk');
    return reply(this, {
      verdict: 'rejection', code: '550', enhanced: '5.7.515', text: fillText(TEXTS.outlookAuthLevel, { d: ctx.stream.from.domain }), certainty,
      why: missing.map((m) => m.what).join('; '),
      fixes: missing.flatMap((m) => m.fixes),
      notes: [volume.note],
    });
  },
};

const dmarcReject: Rule = {
  id: 'outlook-dmarc-reject',
  row: 'Outlook.com 550 5.7.509: DMARC fails and the policy is reject (quarantine: Junk or an unpublished rejection)',
  evaluate(ctx) {
    const failure = dmarcPolicyFailure(ctx, 'Outlook.com');
    if (failure === null) return null;
    const why = `DMARC fails for ${ctx.stream.from.domain} (${failure.policy})`;
    if (failure.quarantine) {
      return reply(this, {
        // docs/providers.md#outlook-dmarc-reject: Outlook.com also rejects on quarantine, with a code it does not publish
        verdict: 'rejection', code: null, enhanced: null, text: null, certainty: 'risk', why, alternatives: failure.fixes,
        notes: ['Outlook.com also rejects on quarantine, with a reply code and text it does not publish; otherwise the message goes to Junk', ...failure.notes],
      });
    }
    return reply(this, {
      verdict: 'rejection', code: '550', enhanced: '5.7.509', text: fillText(TEXTS.outlookDmarcReject, { d: ctx.stream.from.domain }),
      certainty: failure.certainty, why, alternatives: failure.fixes, notes: failure.notes,
    });
  },
};

const ipv6Rdns: Rule = {
  id: 'outlook-ipv6-rdns',
  row: 'Outlook.com 450 4.7.25 / 550 5.7.25: IPv6 sending address without reverse DNS',
  needsAddress: true,
  evaluate({ stream, address }) {
    const f = address.fcrdns;
    if (address.family !== 6 || address.address === null || f === null) return null;
    // the rule asks for a reverse DNS record, not forward confirmation
    if (f.result === 'pass' || f.result === 'fail') return null;
    const text = fillText(TEXTS.outlookIpv6Rdns, { ip: address.address });
    const fixes = ptrFixes(stream, address);
    // a sample's reverse DNS is its provider's: a fact about the pool, not the stream's address
    const sample = sampleFcrdnsNote(address);
    const about = sample === null ? [] : [sample];
    if (f.result === 'temperror') {
      // that a failing PTR lookup gets the temporary form is not published: a risk
      return reply(this, { verdict: 'temporary-failure', code: '450', enhanced: '4.7.25', text, certainty: 'risk', why: `the PTR lookup for ${address.address} failed: ${f.detail}`, fixes, notes: about });
    }
    return reply(this, { verdict: 'rejection', code: '550', enhanced: '5.7.25', text, certainty: sample === null ? 'certain' : 'risk', why: `${address.address} has no PTR record (${f.reverseName})`, fixes, notes: ['Outlook.com may answer the temporary form 450 4.7.25 first', ...about] });
  },
};

const ipv6Auth: Rule = {
  id: 'outlook-ipv6-auth',
  row: 'Outlook.com 450 4.7.26: IPv6, and neither SPF nor DKIM passes',
  needsAddress: true,
  evaluate({ stream, address, facts }) {
    if (address.family !== 6 || address.address === null || facts.authenticated === 'yes') return null;
    return reply(this, {
      verdict: 'temporary-failure', code: '450', enhanced: '4.7.26', text: fillText(TEXTS.outlookIpv6Auth, { ip: address.address }),
      certainty: certaintyOf(facts.authenticated), why: `${describeSpf(address)}; ${describeDkim(facts)}`,
      alternatives: [spfFixes(address), dkimFixes(stream, facts)],
      notes: ['a deferral that repeats until the message expires is a bounce'],
    });
  },
};

const spfTenant: Rule = {
  id: 'outlook-spf-fail-tenant',
  row: 'Exchange Online 5.7.23: SPF fail at a tenant that rejects on SPF (tenant setting)',
  evaluate({ address }) {
    if (address.spf.result !== 'fail') return null;
    return reply(this, {
      verdict: 'rejection', code: '550', enhanced: '5.7.23', text: TEXTS.outlookSpfTenant, certainty: 'risk', why: describeSpf(address), fixes: spfFixes(address),
      notes: ['only at Exchange Online tenants configured to reject on SPF hard fail; consumer Outlook.com mailboxes are not documented to do this'],
    });
  },
};

export const OUTLOOK_RULES: readonly Rule[] = [ipv6Rdns, ipv6Auth, dmarcReject, spfTenant, highVolume];

export function outlookReplies(ctx: RuleContext): Reply[] {
  return OUTLOOK_RULES.map((r) => r.evaluate(ctx)).filter((r): r is Reply => r !== null);
}
