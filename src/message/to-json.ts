// The message report as JSON (docs: the CLI contract's `message`): every field present, null when
// unknown; results are RFC 8601 words.
import type { MessageReport } from './check-message.js';

export function messageReportJson(r: MessageReport): Record<string, unknown> {
  const c = r.connection;
  return {
    file: r.file,
    bytes: r.bytes,
    lineEnds: r.lineEnds,
    from: { addresses: r.from.mailboxes.map((m) => m.address), fields: r.from.fields, domain: r.from.domain },
    messageId: r.messageId,
    date: r.date,
    connection: {
      ip: c.ip === null ? null : { value: c.ip.value, source: c.ip.source },
      helo: c.helo === null ? null : { value: c.helo.value, source: c.helo.source },
      mailFrom: c.mailFrom === null ? null : { value: c.mailFrom.value, source: c.mailFrom.source },
    },
    authenticationResults: r.authenticationResults,
    dkim: r.dkim.map((d) => ({
      domain: d.signature.domain,
      selector: d.signature.selector,
      algorithm: d.signature.algorithmText,
      result: d.result,
      reason: d.reason,
      detail: d.detail,
      otherwise: d.otherwise,
      identity: d.signature.identity,
      canonicalization: `${d.signature.headerCanonicalization}/${d.signature.bodyCanonicalization}`,
      signedHeaders: d.signature.signedHeaders,
      bodyLength: d.signature.bodyLength,
      canonicalBodyLength: d.body?.canonicalLength ?? null,
      timestamp: d.signature.timestamp,
      expiration: d.signature.expiration,
      keyBits: d.keyBits,
      line: d.signature.field.line,
    })),
    spf: { result: r.spf.result, domain: r.spf.domain, identity: r.spf.identity, ip: r.spf.ip, explanation: r.spf.explanation, reason: r.spf.reason },
    dmarc: {
      result: r.dmarc.result,
      domain: r.dmarc.domain,
      policy: r.dmarc.policy,
      policyTag: r.dmarc.policyTag,
      recordDomain: r.dmarc.recordDomain,
      reason: r.dmarc.reason,
      alignment: r.dmarc.alignment,
    },
    arc: {
      result: r.arc.result,
      fields: r.arc.fields,
      instances: r.arc.instances,
      brokenAt: r.arc.brokenAt,
      reason: r.arc.reason,
      sets: r.arc.sets.map((s) => ({
        instance: s.instance,
        authservId: s.authservId,
        cv: s.chainValidation,
        seal: s.seal === null ? null : { domain: s.seal.signature.domain, selector: s.seal.signature.selector, result: s.seal.result, reason: s.seal.reason },
        messageSignature: s.messageSignature === null ? null : { domain: s.messageSignature.signature.domain, selector: s.messageSignature.signature.selector, result: s.messageSignature.result, reason: s.messageSignature.reason },
      })),
    },
    unsubscribe: r.unsubscribe,
    predictions: r.predictions.map((p) => ({
      provider: p.provider,
      address: p.address,
      code: p.code,
      enhanced: p.enhanced,
      text: p.text,
      rule: p.rule,
      fix: p.fix,
      verdict: p.verdict,
      why: p.why,
    })),
  };
}
