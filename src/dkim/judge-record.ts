// One key record, judged: can a signature made with it verify, and what should change.
import { finding, type Evidence, type Finding } from '../findings/types.js';
import type { RecordSource } from '../dns/types.js';
import { decodePublicKey } from './decode-public-key.js';
import { DKIM_FINDINGS as F } from './findings.js';
import { LEGACY_TAGS, parseKeyRecord } from './parse-key-record.js';
import type { DkimRecordReport, DkimUnusableReason, KeyRecordError } from './types.js';

/** RFC 8301 §3.2: verifiers MUST accept 1024–4096 bits; signers SHOULD use at least 2048. */
export const RSA_MIN_BITS = 1024;
export const RSA_ADVISED_BITS = 2048;
export const RSA_MAX_VERIFIED_BITS = 4096;

export interface JudgeContext {
  /** `<selector>._domainkey.<domain>` */
  name: string;
  /** The CNAME chain as names, outermost first; null when there was none. */
  path: string[] | null;
  /** True when the selector was found by probing common names rather than named by the user. */
  discovered: boolean;
}

const CASE_HINT_TAGS = ['v', 'h', 'k', 'n', 'p', 's', 't'];

function parseErrorFinding(e: KeyRecordError, ev: (position: number | null) => Partial<Evidence>): Finding {
  switch (e.code) {
    case 'bad-version':
      return finding(F['dkim-bad-version'], `${e.message}; verifiers discard the record`, ev(e.position), 'Write v=DKIM1 exactly (or leave v= out).');
    case 'version-not-first':
      return finding(F['dkim-version-not-first'], e.message, ev(e.position), 'Move v=DKIM1 to the start of the record.');
    case 'missing-public-key':
      return finding(F['dkim-public-key-missing'], `${e.message}; this TXT record is not a usable key record`, ev(null), 'Publish the public key as p=<base64>, or an empty p= to revoke the selector.');
    case 'duplicate-tag':
    case 'syntax':
    case 'bad-list':
      return finding(F['dkim-record-invalid'], `${e.message}; verifiers discard the record`, ev(e.position), 'Rewrite the record as tag=value pairs separated by ";" (e.g. v=DKIM1; k=rsa; p=...).');
  }
}

/** Parse, decode and judge one TXT record found at a selector's name. */
export function judgeRecord(text: string, source: RecordSource | null, ctx: JudgeContext): { report: DkimRecordReport; findings: Finding[] } {
  const parse = parseKeyRecord(text);
  const { record } = parse;
  const key = decodePublicKey(record);
  const ev = (position: number | null): Partial<Evidence> => ({
    domain: ctx.name,
    record: text,
    position,
    path: ctx.path,
    file: source?.file ?? null,
    line: source?.line ?? null,
  });
  // one finding per kind of break: the first grammar error stands for the rest of them
  const grammar = parse.errors.filter((e) => e.code === 'syntax');
  const shown = parse.errors.filter((e) => e.code !== 'syntax' || e === grammar[0]);
  const findings: Finding[] = shown.map((e) =>
    parseErrorFinding(e.code === 'syntax' && grammar.length > 1 ? { ...e, message: `${e.message} (and ${grammar.length - 1} more such error${grammar.length > 2 ? 's' : ''})` } : e, ev),
  );
  const blockers: DkimUnusableReason[] = parse.errors.length > 0 ? ['invalid-record'] : [];
  const pPos = record.tagByName.p?.valuePosition ?? null;
  const kPos = record.tagByName.k?.valuePosition ?? null;

  switch (key.state) {
    case 'missing':
      break; // reported as a parse error
    case 'revoked':
      blockers.push('revoked');
      findings.push(
        finding(
          F['dkim-key-revoked'],
          ctx.discovered
            ? `${ctx.name} holds a revoked key (empty p=, RFC 6376 §3.6.1): signatures with this selector fail, which is expected only for a retired selector`
            : `${ctx.name} holds a revoked key (empty p=, RFC 6376 §3.6.1): every signature with this selector fails`,
          ev(pPos),
          ctx.discovered ? 'None if the selector is retired; otherwise publish the current public key in p=.' : 'Publish the current public key in p=, or sign with a selector that has one.',
          ctx.discovered ? 'info' : F['dkim-key-revoked'].severity,
        ),
      );
      break;
    case 'unknown-type':
      blockers.push('unknown-key-type');
      findings.push(
        finding(
          F['dkim-key-type-unknown'],
          `k=${key.keyType} is not a key type verifiers know (rsa, RFC 6376 §3.6.1; ed25519, RFC 8463), so they ignore the key${key.looksLike === null ? '' : `; the key data is an ${key.looksLike === 'rsa' ? 'RSA' : 'Ed25519'} key`}`,
          ev(kPos),
          key.looksLike === null ? 'Set k=rsa or k=ed25519 to match the key.' : `Set k=${key.looksLike}.`,
        ),
      );
      break;
    case 'undecodable':
      blockers.push('undecodable');
      findings.push(
        finding(
          F['dkim-key-undecodable'],
          `${key.reason} (${key.keyType === 'rsa' ? 'RFC 6376 §3.6.1, Appendix C' : 'RFC 8463 §4.2'}): no signature can verify with this key`,
          ev(key.position ?? pPos),
          key.suggestedValue !== null
            ? `Publish p=${key.suggestedValue} (the raw 32-byte key).`
            : 'Republish the public key exactly as the signer exported it (base64 DER SubjectPublicKeyInfo for RSA, raw 32 bytes for Ed25519); check that no characters were lost when the record was split into strings.',
        ),
      );
      break;
    case 'rsa':
      if (key.bits < RSA_MIN_BITS) {
        blockers.push('rsa-too-short');
        findings.push(finding(F['dkim-rsa-below-1024'], `the RSA key has ${key.bits} bits: verifiers do not accept keys below ${RSA_MIN_BITS} bits (RFC 8301 §3.2; Gmail and Yahoo require 1024), so no signature with it passes`, ev(pPos), `Generate a ${RSA_ADVISED_BITS}-bit key and publish it under a new selector.`));
      } else if (key.bits < RSA_ADVISED_BITS) {
        findings.push(finding(F['dkim-rsa-1024'], `the RSA key has ${key.bits} bits: it verifies today, but RFC 8301 §3.2 says signers SHOULD use at least ${RSA_ADVISED_BITS}`, ev(pPos), `Rotate to a ${RSA_ADVISED_BITS}-bit key under a new selector.`));
      } else if (key.bits > RSA_MAX_VERIFIED_BITS) {
        findings.push(finding(F['dkim-rsa-over-4096'], `the RSA key has ${key.bits} bits: verifiers are only required to handle up to ${RSA_MAX_VERIFIED_BITS} (RFC 8301 §3.2), so some will fail it`, ev(pPos), `Use a ${RSA_ADVISED_BITS}-bit key.`));
      }
      if (key.encoding === 'pkcs1') {
        findings.push(finding(F['dkim-rsa-pkcs1'], 'p= holds a bare RSAPublicKey rather than a SubjectPublicKeyInfo (the form of RFC 6376 Appendix C): some verifiers cannot read it', ev(pPos), 'Publish the key as SubjectPublicKeyInfo (openssl rsa -pubout).'));
      }
      break;
    case 'ed25519':
      break; // judged over the domain's set of selectors (setFindings in audit-dkim.ts)
  }

  if (key.state !== 'revoked') {
    const h = record.hashAlgorithms;
    const hPos = record.tagByName.h?.valuePosition ?? null;
    if (h !== null && !h.includes('sha256')) {
      if (h.includes('sha1')) {
        blockers.push('sha1-only');
        findings.push(finding(F['dkim-sha1-only'], `h=${record.tagByName.h?.value ?? ''} allows only SHA-1, and verifiers MUST NOT accept rsa-sha1 signatures (RFC 8301 §3.1)`, ev(hPos), 'Remove h= (or set h=sha256) and sign with rsa-sha256.'));
      } else {
        blockers.push('no-usable-hash');
        findings.push(finding(F['dkim-no-usable-hash'], `h=${record.tagByName.h?.value ?? ''} names no hash algorithm verifiers accept (sha256, RFC 8301 §3.1); unknown ones are ignored (RFC 6376 §3.6.1)`, ev(hPos), 'Remove h= or set h=sha256.'));
      }
    }
    const s = record.serviceTypes;
    if (s !== null && !s.includes('*') && !s.includes('email')) {
      blockers.push('not-for-email');
      findings.push(finding(F['dkim-not-for-email'], `s=${record.tagByName.s?.value ?? ''} does not include email or *, so verifiers must not use this key for mail (RFC 6376 §3.6.1)`, ev(record.tagByName.s?.valuePosition ?? null), 'Remove s= or set s=email.'));
    }
    const tPos = record.tagByName.t?.valuePosition ?? null;
    if (record.flags.includes('y')) {
      findings.push(finding(F['dkim-testing'], 't=y marks the key as testing: verifiers may treat failures as if unsigned and receivers may not trust passes (RFC 6376 §3.6.1)', ev(tPos), 'Remove y from t= once signing works.'));
    }
    if (record.flags.includes('s')) {
      findings.push(finding(F['dkim-strict-subdomain'], 't=s: signatures whose i= domain is a subdomain of d= fail with this key; i= must equal d= exactly (RFC 6376 §3.6.1)', ev(tPos), null));
    }
  }

  for (const tag of record.unknownTags) {
    if (LEGACY_TAGS.has(tag.name)) continue;
    const hint = CASE_HINT_TAGS.includes(tag.name.toLowerCase()) ? `; tag names are case-sensitive, so '${tag.name}' is not '${tag.name.toLowerCase()}'` : '';
    findings.push(finding(F['dkim-unknown-tag'], `tag '${tag.name}' is not defined by RFC 6376 §3.6.1 and verifiers ignore it${hint}`, ev(tag.position), hint === '' ? null : `Write '${tag.name.toLowerCase()}=' in lowercase.`, hint === '' ? 'info' : 'warning'));
  }

  return { report: { text, source, parse, key, unusable: blockers[0] ?? null }, findings };
}
