// The rules of Apple iCloud Mail, GMX/WEB.DE and La Poste (docs/providers.md, one part each), from
// their published requirements. They are predicted only when asked (`predict --providers`): these
// providers publish requirements but few reply codes, so most replies carry no code and are risks.
import type { Tri } from './facts.js';
import { alignmentFixes, dkimFixes, ptrFixes, spfFixes } from './fixes.js';
import { replyText } from '../providers/registry.js';
import {
  authenticationRequirements,
  certaintyOf,
  describeDkim,
  describeSpf,
  dmarcPolicyFailure,
  reply,
  sampleFcrdnsNote,
  type Rule,
} from './rule-kit.js';

/** FCrDNS of the address: `no` for a missing or unconfirmed PTR, `temp` for a failed lookup, `maybe` without an address. */
function fcrdnsState(result: string | undefined): Tri {
  return result === undefined ? 'maybe' : result === 'pass' ? 'yes' : result === 'temperror' ? 'temp' : 'no';
}

const icloudBulk: Rule = {
  id: 'icloud-bulk-requirements',
  row: 'Apple iCloud Mail, bulk senders: SPF and DKIM, a published DMARC policy, reverse DNS; a bulk message missing any is rejected (no published code)',
  evaluate(ctx) {
    const { stream, address } = ctx;
    const [spf, dkim, dmarcRecord] = authenticationRequirements(ctx, 'DMARC does not pass');
    const f = address.fcrdns;
    const ptr = { what: f === null ? 'reverse DNS of the sending addresses: not checked (no address given)' : `reverse DNS: ${f.detail}`, state: fcrdnsState(f?.result), fixes: ptrFixes(stream, address) };
    const missing = [spf, dkim, dmarcRecord, ptr].filter((m): m is NonNullable<typeof m> => m !== undefined && m.state !== 'yes');
    if (missing.length === 0) return null;
    const sample = ptr.state !== 'yes' ? sampleFcrdnsNote(address) : null;
    return reply(this, {
      verdict: 'rejection', code: null, enhanced: null, text: null, certainty: 'risk',
      why: `iCloud's bulk requirements not met: ${missing.map((m) => m.what).join('; ')}`,
      fixes: missing.flatMap((m) => m.fixes),
      notes: ['Apple applies these to bulk senders and publishes no volume threshold and no reply code', ...(sample === null ? [] : [sample])],
    });
  },
};

const gmxDkim: Rule = {
  id: 'gmx-dkim-aligned',
  row: 'GMX and WEB.DE 554: no DKIM signature aligned with the From domain (DKIM is mandatory)',
  evaluate({ stream, facts, address }) {
    const aligned = facts.dkimAligned;
    if (aligned === 'yes') return null;
    return reply(this, {
      verdict: aligned === 'temp' ? 'temporary-failure' : 'rejection', code: aligned === 'temp' ? null : '554', enhanced: null,
      text: aligned === 'temp' ? null : replyText('gmx-policy'), certainty: certaintyOf(aligned),
      why: `no DKIM signature that can pass is aligned with ${stream.from.domain} (${describeDkim(facts)})`,
      alternatives: [dkimFixes(stream, facts), ...alignmentFixes(stream, facts, address).slice(0, 1)],
      notes: ['GMX answers without an enhanced code; the last line of its reply links the case on postmaster.gmx.net'],
    });
  },
};

const gmxPtr: Rule = {
  id: 'gmx-ptr',
  row: 'GMX and WEB.DE 554 "Bad DNS PTR resource record": the sending address has no forward-confirmed PTR of its own',
  needsAddress: true,
  evaluate({ stream, address }) {
    const f = address.fcrdns;
    if (f === null || f.result === 'pass' || f.result === 'temperror') return null;
    const sample = sampleFcrdnsNote(address);
    return reply(this, {
      verdict: 'rejection', code: '554', enhanced: null, text: replyText('gmx-bad-ptr'), certainty: sample === null ? 'certain' : 'risk',
      why: `reverse DNS of ${address.address ?? ''}: ${f.detail}`, fixes: ptrFixes(stream, address),
      notes: ['GMX also refuses generic PTR names (dynamic-looking ones), which DNS alone does not show', ...(sample === null ? [] : [sample])],
    });
  },
};

const laposteSpf: Rule = {
  id: 'laposte-spf-fail',
  row: 'La Poste: SPF fail (the address is not authorised) is rejected (no published code)',
  evaluate({ address }) {
    if (address.spf.result !== 'fail') return null;
    return reply(this, { verdict: 'rejection', code: null, enhanced: null, text: null, certainty: 'risk', why: describeSpf(address), fixes: spfFixes(address), notes: ['La Poste publishes no reply code for this'] });
  },
};

const laposteDmarc: Rule = {
  id: 'laposte-dmarc-policy',
  row: 'La Poste 550 5.7.1 (LPN007_517): DMARC fails with p=reject (quarantine: spam folder)',
  evaluate(ctx) {
    const failure = dmarcPolicyFailure(ctx, 'La Poste');
    if (failure === null) return null;
    const why = `DMARC fails for ${ctx.stream.from.domain} (${failure.policy})`;
    if (failure.quarantine) return reply(this, { verdict: 'spam-folder-risk', code: null, enhanced: null, text: null, certainty: failure.certainty, why, alternatives: failure.fixes, notes: failure.notes });
    return reply(this, {
      verdict: 'rejection', code: '550', enhanced: '5.7.1', text: replyText('laposte-dmarc'), certainty: 'risk', why, alternatives: failure.fixes,
      notes: ['the LPN007_517 code is as seen in bounces; La Poste documents the policy, not the reply', ...failure.notes],
    });
  },
};

const lapostePtr: Rule = {
  id: 'laposte-ptr',
  row: 'La Poste: a missing or inconsistent PTR may be refused (no published code)',
  needsAddress: true,
  evaluate({ stream, address }) {
    const f = address.fcrdns;
    if (f === null || f.result === 'pass' || f.result === 'temperror') return null;
    return reply(this, { verdict: 'rejection', code: null, enhanced: null, text: null, certainty: 'risk', why: `reverse DNS of ${address.address ?? ''}: ${f.detail}`, fixes: ptrFixes(stream, address) });
  },
};

export const ICLOUD_RULES: readonly Rule[] = [icloudBulk];
export const GMX_RULES: readonly Rule[] = [gmxPtr, gmxDkim];
export const LAPOSTE_RULES: readonly Rule[] = [lapostePtr, laposteSpf, laposteDmarc];
