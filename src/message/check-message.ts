// `authaudit message`: a raw message checked as a receiver checks it. The message is read once
// (body hashes streamed), every DKIM-Signature verified (RFC 6376, RFC 8463), SPF evaluated for the
// connecting address (RFC 7208 check_host), DMARC applied with its alignment (RFC 7489, RFC 9989),
// the bulk-sender header rules checked (RFC 5322, RFC 8058), and the providers' replies predicted
// from this evidence with the same predictor as `authaudit predict`.
import type { Resolver } from '../dns/types.js';
import { finding, type Finding } from '../findings/types.js';
import { aligned, type AlignmentCheck } from '../dmarc/alignment.js';
import { discoverDmarc, type DmarcDiscovery } from '../dmarc/discover.js';
import type { AlignmentMode } from '../dmarc/types.js';
import { checkHost, spfIdentity } from '../spf/check-host.js';
import type { CheckHostResult } from '../spf/types.js';
import { collectEvidence } from '../predict/collect-evidence.js';
import { predictStreams } from '../predict/predict.js';
import { predictionFindings } from '../predict/findings.js';
import type { Prediction, ProviderId, StreamEvidence } from '../predict/types.js';
import { NO_VOLUME, type SendingProfile, type Volume } from '../profile/types.js';
import { parseIp, formatIp } from '../net/ip.js';
import { domainOf, parseMailboxes, type Mailbox } from '../model/mailbox.js';
import { findConnection, spfDomain, type Connection, type ConnectionOptions } from './connection.js';
import { bodyHashSpecs, dkimSignatures } from './dkim-signature.js';
import { MESSAGE_FINDINGS as F } from './findings.js';
import { readMessage, type HeaderField, type RawMessage } from './read-message.js';
import { keyFindings, verifyDkimSignature, type DkimVerification } from './verify-dkim.js';
import { authenticationResults } from './authentication-results.js';
import { arcMessageSignatures, verifyArc, type ArcCheck } from './verify-arc.js';

export interface MessageCheckOptions extends ConnectionOptions {
  resolver: Resolver;
  /** Seconds since the epoch: the time of the check (x=, t=, SPF %{t}). */
  now: number;
  /** Messages a day for mail from this From domain (--volume, or the matching --profile stream); null when not given. */
  volumeFor: (fromDomain: string | null) => Volume | null;
  /** The file name shown in evidence ('-' for stdin). */
  file: string;
  /** The providers to predict for mail from this From domain (`--providers`, the profile's or the config's); null: Gmail, Outlook.com, Yahoo. */
  providersFor?: (fromDomain: string | null) => readonly ProviderId[] | null;
  /** Predict the providers' replies (default true). */
  predict?: boolean;
  /** The authserv-id of the Authentication-Results field written (default "authaudit"). */
  authservId?: string;
}

export interface SpfCheck {
  /** Null when it was not evaluated (no connecting address, or no domain to check). */
  result: CheckHostResult['result'] | null;
  /** The domain checked: MAIL FROM's, or the HELO name for a null sender (RFC 7208 §2.4). */
  domain: string | null;
  identity: 'mail-from' | 'helo' | null;
  ip: string | null;
  explanation: string | null;
  /** Why it was not evaluated, or the problem behind a permerror/temperror. */
  reason: string | null;
}

export interface DmarcCheck {
  /** pass, fail, none, temperror, permerror; null when it cannot be told (SPF not evaluated and no aligned DKIM pass). */
  result: 'pass' | 'fail' | 'none' | 'temperror' | 'permerror' | null;
  /** The RFC 5322 From domain. */
  domain: string | null;
  /** The policy the receiver applies to this message when it fails (after t=y), null without one. */
  policy: 'none' | 'quarantine' | 'reject' | null;
  /** Where the record was found, and the tag the policy comes from. */
  recordDomain: string | null;
  policyTag: string | null;
  reason: string | null;
  alignment: {
    spf: { mode: 'relaxed' | 'strict'; domain: string | null; aligned: boolean | null; reason: string };
    dkim: { mode: 'relaxed' | 'strict'; domains: string[]; aligned: boolean; reason: string };
  };
}

export interface UnsubscribeCheck {
  /** List-Unsubscribe with an https URI and List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058 §3.1). */
  oneClick: boolean;
  /** Both fields covered by a DKIM signature that passes (RFC 8058 §4). */
  signed: boolean;
  uris: string[];
  post: string | null;
}

export interface MessageReport {
  file: string;
  bytes: number;
  bodyBytes: number;
  lineEnds: { bareLf: number; crlf: number };
  from: { mailboxes: Mailbox[]; fields: number; domain: string | null };
  messageId: string | null;
  date: string | null;
  subject: string | null;
  connection: Connection;
  dkim: DkimVerification[];
  spf: SpfCheck;
  dmarc: DmarcCheck;
  arc: ArcCheck;
  unsubscribe: UnsubscribeCheck;
  authenticationResults: string;
  streams: StreamEvidence[];
  predictions: Prediction[];
  findings: Finding[];
}

const named = (fields: readonly HeaderField[], name: string): HeaderField[] => fields.filter((f) => f.name.toLowerCase() === name);
/** A header value for people: unfolded, trimmed, UTF-8 read back from the raw bytes. */
export const displayValue = (f: HeaderField): string => Buffer.from(f.value.replace(/\r\n(?=[ \t])/g, ''), 'latin1').toString('utf8').trim();
const modeWord = (m: AlignmentMode): 'relaxed' | 'strict' => (m === 's' ? 'strict' : 'relaxed');

/** Bulk senders by the providers' thresholds (Gmail: 5,000 a day; Yahoo publishes none, treated alike). */
export const BULK_THRESHOLD = 5000;
const isBulk = (v: Volume | null): boolean => v !== null && Math.max(v.gmail ?? 0, v.yahoo ?? 0, v.outlook ?? 0) >= BULK_THRESHOLD;

async function checkSpf(connection: Connection, options: MessageCheckOptions): Promise<SpfCheck> {
  const domain = spfDomain(connection);
  const ip = connection.ip?.value ?? null;
  const identity = connection.mailFrom !== null && connection.mailFrom.value !== '' ? 'mail-from' : connection.helo !== null ? 'helo' : null;
  const none = (reason: string): SpfCheck => ({ result: null, domain, identity, ip, explanation: null, reason });
  if (ip === null) return none('no connecting address: give --ip, or a Received-SPF or Received field naming it');
  const parsed = parseIp(ip);
  if (parsed === null) return none(`'${ip}' is not an IP address`);
  if (domain === null) return none('no MAIL FROM (give --mail-from, or a Return-Path field) and no HELO name');
  const mailFrom = connection.mailFrom?.value ?? '';
  const helo = connection.helo?.value ?? domain;
  const { sender } = spfIdentity(mailFrom, helo);
  const r = await checkHost(formatIp(parsed), domain, sender, helo, { resolver: options.resolver, timestamp: options.now });
  return { result: r.result, domain, identity, ip: formatIp(parsed), explanation: r.explanation, reason: r.problem === null ? null : r.problem.message };
}

async function checkDmarc(fromDomain: string | null, spf: SpfCheck, dkim: readonly DkimVerification[], resolver: Resolver): Promise<{ check: DmarcCheck; discovery: DmarcDiscovery | null }> {
  const passing = dkim.filter((d) => d.result === 'pass' && d.signature.domain !== null).map((d) => d.signature.domain as string);
  const empty = (result: DmarcCheck['result'], reason: string): DmarcCheck => ({
    result,
    domain: fromDomain,
    policy: null,
    recordDomain: null,
    policyTag: null,
    reason,
    alignment: {
      spf: { mode: 'relaxed', domain: spf.domain, aligned: null, reason: 'no DMARC record' },
      dkim: { mode: 'relaxed', domains: passing, aligned: false, reason: 'no DMARC record' },
    },
  });
  if (fromDomain === null) return { check: empty('permerror', 'no single RFC 5322 From domain (RFC 7489 §6.6.1)'), discovery: null };
  const discovery = await discoverDmarc(fromDomain, resolver);
  if (discovery.status === 'dns-failure') return { check: empty('temperror', `a _dmarc lookup failed: ${discovery.rfc9989.failure?.name ?? ''}`), discovery };
  if (discovery.status === 'multiple') return { check: empty('permerror', 'several DMARC records: none applies (RFC 7489 §6.6.3)'), discovery };
  const found = discovery.record;
  if (found === null || discovery.status !== 'found') return { check: empty('none', `no DMARC record for ${fromDomain} or its organizational domain`), discovery };
  const adkim = found.record.effective.adkim;
  const aspf = found.record.effective.aspf;
  // RFC 7489 §3.1: identifiers align when their organizational domains match (relaxed) or they are equal (strict)
  const spfAlign: AlignmentCheck | null = spf.result === 'pass' && spf.domain !== null ? await aligned(spf.domain, fromDomain, aspf, 'treewalk', resolver) : null;
  const dkimChecks = await Promise.all(passing.map((d) => aligned(d, fromDomain, adkim, 'treewalk', resolver)));
  const dkimAligned = dkimChecks.some((c) => c.aligned === true);
  const spfAligned = spfAlign?.aligned ?? (spf.result === null ? null : false);
  const outcome = discovery.policyFor.domain;
  let result: DmarcCheck['result'];
  if (dkimAligned || spfAligned === true) result = 'pass';
  else if (spfAligned === null) result = null; // SPF was not evaluated: it could still pass aligned
  else result = 'fail';
  const spfReason =
    spf.result === null ? `SPF not evaluated (${spf.reason ?? ''})` : spf.result !== 'pass' ? `SPF ${spf.result}: no aligned pass` : (spfAlign?.reason ?? '');
  const alignedDkim = dkimChecks.find((c) => c.aligned === true);
  const dkimReason = passing.length === 0 ? 'no DKIM signature passes' : alignedDkim !== undefined ? `d=${alignedDkim.a}: ${alignedDkim.reason}` : dkimChecks.map((c) => `d=${c.a}: ${c.reason}`).join('; ');
  return {
    check: {
      result,
      domain: fromDomain,
      policy: outcome?.applied ?? null,
      recordDomain: found.domain,
      policyTag: outcome?.tag ?? null,
      reason: result === null ? 'SPF was not evaluated and no aligned DKIM signature passes: give --ip' : null,
      alignment: {
        spf: { mode: modeWord(aspf), domain: spf.domain, aligned: spfAligned, reason: spfReason },
        dkim: { mode: modeWord(adkim), domains: passing, aligned: dkimAligned, reason: dkimReason },
      },
    },
    discovery,
  };
}

function checkUnsubscribe(fields: readonly HeaderField[], dkim: readonly DkimVerification[]): UnsubscribeCheck {
  const lu = named(fields, 'list-unsubscribe');
  const post = named(fields, 'list-unsubscribe-post')[0];
  const uris = lu.flatMap((f) => [...displayValue(f).matchAll(/<([^>]*)>/g)].map((m) => (m[1] as string).trim()));
  const postValue = post === undefined ? null : displayValue(post);
  // RFC 8058 §3.1: an https URI, and the POST body key exactly "List-Unsubscribe=One-Click"
  const oneClick = uris.some((u) => /^https:\/\//i.test(u)) && postValue === 'List-Unsubscribe=One-Click';
  // RFC 8058 §4: both fields covered by a valid DKIM signature
  const signed = lu.length > 0 && post !== undefined && dkim.some((d) => d.result === 'pass' && d.covered.includes('list-unsubscribe') && d.covered.includes('list-unsubscribe-post'));
  return { oneClick, signed, uris, post: postValue };
}

function dkimFindings(results: readonly DkimVerification[], file: string): Finding[] {
  const out: Finding[] = [];
  for (const r of results) {
    const s = r.signature;
    const who = `the DKIM signature of d=${s.domain ?? '?'} s=${s.selector ?? '?'} (line ${s.field.line})`;
    const ev = { domain: s.domain, record: Buffer.from(s.field.raw.replace(/\r\n(?=[ \t])/g, ''), 'latin1').toString('utf8'), file, line: s.field.line };
    if (r.result === 'fail') out.push(finding(F['message-dkim-fail'], `${who} fails: ${r.detail}`, ev, r.reason === 'body hash mismatch' ? 'Sign the message after every change to its body (footers, tracking links, re-encoding) and keep relays from rewriting it; relaxed/relaxed canonicalization survives white-space changes.' : 'Sign after the last change to the signed header fields, and publish the key that matches the signer\'s private key.'));
    else if (r.result === 'permerror') out.push(finding(F['message-dkim-permerror'], `${who} cannot be verified: ${r.detail}`, ev, r.reason === 'no key' ? `Publish the selector's public key as TXT at ${s.selector ?? 's'}._domainkey.${s.domain ?? 'd'}.` : null));
    else if (r.result === 'temperror') out.push(finding(F['message-dkim-temperror'], `${who}: ${r.detail}`, ev, 'Make the authoritative servers for the key answer reliably.'));
    else if (r.result === 'policy') out.push(finding(F['message-dkim-rsa-sha1'], `${who}: ${r.detail}`, ev, 'Sign with rsa-sha256 (or ed25519-sha256 beside it).'));
    if (s.bodyLength !== null && s.problems.length === 0) {
      const total = r.body?.canonicalLength ?? null;
      const unsigned = total === null ? '' : total > s.bodyLength ? `: ${total - s.bodyLength} of the body's ${total} canonical bytes are not signed` : ': today it covers the whole body';
      out.push(finding(F['message-dkim-body-length'], `${who} has l=${s.bodyLength}${unsigned}, so anyone can append content to the signed message and it still verifies (RFC 6376 §8.2)`, ev, 'Sign without l= (the whole body).'));
    }
  }
  return out;
}

function headerFindings(raw: RawMessage, file: string, fromFields: number, mailboxes: readonly Mailbox[], volume: Volume | null): Finding[] {
  const out: Finding[] = [];
  if (raw.bareLf.count > 0) {
    const only = raw.crlf === 0;
    out.push(
      finding(
        F['message-lf-line-ends'],
        `${only ? 'every line ends' : `${raw.bareLf.count} line${raw.bareLf.count === 1 ? '' : 's'} end`} in a bare LF${raw.bareLf.firstLine === null ? '' : ` (first at line ${raw.bareLf.firstLine})`}: read as CRLF, as SMTP carries it (RFC 5322 §2.3); ${only ? 'a file saved with LF line ends verifies as it was sent' : 'mixed line ends in a message as sent break signatures at receivers that do not repair them'}`,
        { file, line: raw.bareLf.firstLine },
        only ? null : 'Send the message with CRLF line ends throughout.',
        only ? 'info' : F['message-lf-line-ends'].severity,
      ),
    );
  }
  for (const p of raw.problems.slice(0, 5)) {
    out.push(finding(F['message-header-malformed'], `header line ${p.line} is neither a field (name ":" value) nor a folded continuation: "${p.text.slice(0, 80)}"; receivers drop it or end the header there (RFC 5322 §2.2)`, { file, line: p.line, record: p.text }, 'Write every header line as "Name: value", continuation lines starting with a space.'));
  }
  if (!raw.hasBody) out.push(finding(F['message-no-body'], 'the file ends inside the header section, with no empty line before a body: the message is truncated, or has no body (RFC 5322 §2.1)', { file }, 'Check that the whole message was saved.'));
  if (raw.mboxLine !== null) out.push(finding(F['message-mbox-line'], `the first line is an mbox separator ("${raw.mboxLine.slice(0, 60)}"), not part of the message: skipped`, { file, line: 1 }, null));
  if (fromFields !== 1 || mailboxes.length !== 1) {
    const what = fromFields === 0 ? 'no From field' : fromFields > 1 ? `${fromFields} From fields` : `${mailboxes.length} addresses in From`;
    out.push(finding(F['message-from-count'], `the message has ${what}: RFC 5322 §3.6 wants exactly one From field, and DMARC receivers reject or ignore mail without exactly one author domain (RFC 7489 §6.6.1)`, { file }, 'Send with exactly one From field holding one address.'));
  }
  const bulk = isBulk(volume);
  if (named(raw.fields, 'message-id').length === 0) out.push(finding(F['message-no-message-id'], 'the message has no Message-ID (RFC 5322 §3.6.4 SHOULD; Gmail rejects or files mail without one)', { file }, 'Have the sending software add a Message-ID.', bulk ? 'error' : F['message-no-message-id'].severity));
  if (named(raw.fields, 'date').length === 0) out.push(finding(F['message-no-date'], 'the message has no Date field, which RFC 5322 §3.6 requires', { file }, 'Have the sending software add a Date field.'));
  return out;
}

function unsubscribeFindings(u: UnsubscribeCheck, fields: readonly HeaderField[], file: string, volume: Volume | null): Finding[] {
  const bulk = isBulk(volume);
  const sev = bulk ? 'warning' : 'info';
  const why = bulk ? `at ${BULK_THRESHOLD}+ messages a day Gmail and Yahoo require one-click unsubscribe for marketing mail` : 'bulk senders (5,000+ a day) need it for marketing mail; transactional mail does not';
  const lu = named(fields, 'list-unsubscribe')[0];
  if (lu === undefined) return [finding(F['message-unsubscribe-missing'], `no List-Unsubscribe field: ${why} (RFC 8058)`, { file }, 'Add List-Unsubscribe: <https://…> and List-Unsubscribe-Post: List-Unsubscribe=One-Click, both signed by DKIM.', sev)];
  const out: Finding[] = [];
  const ev = { file, line: lu.line, record: displayValue(lu) };
  if (!u.uris.some((x) => /^https:\/\//i.test(x))) out.push(finding(F['message-unsubscribe-not-https'], `List-Unsubscribe has no https URI (${u.uris.join(', ') || 'no <URI>'}): one-click unsubscribe needs one (RFC 8058 §3.1)`, ev, 'Add an https URI that unsubscribes on POST.', sev));
  else if (u.post !== 'List-Unsubscribe=One-Click') out.push(finding(F['message-unsubscribe-missing'], `${u.post === null ? 'no List-Unsubscribe-Post field' : `List-Unsubscribe-Post is "${u.post}", not "List-Unsubscribe=One-Click"`}: ${why} (RFC 8058 §3.1)`, ev, 'Add List-Unsubscribe-Post: List-Unsubscribe=One-Click.', sev));
  if (u.oneClick && !u.signed) out.push(finding(F['message-unsubscribe-unsigned'], 'List-Unsubscribe and List-Unsubscribe-Post are not both covered by a DKIM signature that passes: receivers ignore one-click unsubscribe without it (RFC 8058 §4)', ev, 'Add List-Unsubscribe and List-Unsubscribe-Post to the h= of the signature.', sev));
  return out;
}

function authFindings(spf: SpfCheck, dmarc: DmarcCheck, file: string): Finding[] {
  const out: Finding[] = [];
  if (spf.result === null) {
    out.push(finding(F['message-spf-unknown-ip'], `SPF was not evaluated: ${spf.reason ?? ''}`, { file, domain: spf.domain }, null));
  } else if (spf.result !== 'pass') {
    const sev = spf.result === 'fail' || spf.result === 'permerror' ? 'error' : 'warning';
    out.push(finding(F['message-spf-fail'], `SPF for ${spf.ip ?? '?'} and ${spf.domain ?? '?'} is ${spf.result}${spf.reason === null ? '' : ` (${spf.reason})`} (RFC 7208 §2.6)`, { domain: spf.domain, file }, `Authorize ${spf.ip ?? 'the sending address'} in the SPF record of ${spf.domain ?? 'the MAIL FROM domain'} (an ip4:/ip6: term or the sending service's include:).`, sev));
  }
  if (dmarc.result === 'fail') {
    const policy = dmarc.policy ?? 'none';
    out.push(finding(F['message-dmarc-fail'], `DMARC fails for ${dmarc.domain ?? '?'}: neither SPF (${dmarc.alignment.spf.reason}) nor DKIM (${dmarc.alignment.dkim.reason}) passes aligned; the policy applied is ${policy}`, { domain: dmarc.domain, file }, `Sign with d=${dmarc.domain ?? 'the From domain'} (or a subdomain), or send with a MAIL FROM in that domain whose SPF authorizes the address.`, policy === 'none' ? 'warning' : 'error'));
  } else if (dmarc.result === 'none') {
    out.push(finding(F['message-dmarc-none'], `no DMARC policy applies to ${dmarc.domain ?? '?'}: Gmail and Yahoo require one of bulk senders (RFC 7489 §6.6.3)`, { domain: dmarc.domain, file }, `Publish TXT at _dmarc.${dmarc.domain ?? 'domain'}: "v=DMARC1; p=none; rua=mailto:…" and tighten it once reports are clean.`));
  } else if (dmarc.result === 'permerror' || dmarc.result === 'temperror') {
    out.push(finding(F['message-dmarc-fail'], `DMARC ${dmarc.result} for ${dmarc.domain ?? 'the message'}: ${dmarc.reason ?? ''}`, { domain: dmarc.domain, file }, null, dmarc.result === 'temperror' ? 'warning' : 'error'));
  }
  return out;
}

function profileOf(fromAddress: string, fromDomain: string, connection: Connection, dkim: readonly DkimVerification[], volume: Volume | null, providers: readonly ProviderId[] | null): SendingProfile {
  const mf = connection.mailFrom?.value ?? null;
  const mailFrom = mf ?? fromAddress;
  const passing = dkim.filter((d) => d.result === 'pass' && d.signature.domain !== null && d.signature.selector !== null);
  const pairs = [...new Map(passing.map((d) => [`${d.signature.domain}:${(d.signature.selector as string).toLowerCase()}`, { domain: d.signature.domain as string, selector: (d.signature.selector as string).toLowerCase() }])).values()];
  return {
    name: 'message',
    description: null,
    from: fromAddress,
    fromDomain,
    mailFrom,
    mailFromDomain: mailFrom === '' ? null : domainOf(mailFrom),
    helo: connection.helo?.value ?? null,
    dkim: pairs,
    ips: connection.ip === null ? [] : [connection.ip.value],
    volume: volume ?? NO_VOLUME,
    providers,
  };
}

export async function checkMessage(source: AsyncIterable<Uint8Array>, options: MessageCheckOptions): Promise<MessageReport> {
  const raw = await readMessage(source, (fields) => bodyHashSpecs([...dkimSignatures(fields), ...arcMessageSignatures(fields)]));
  const fields = raw.fields;
  const fromFields = named(fields, 'from');
  const mailboxes = fromFields.flatMap((f) => parseMailboxes(f.value));
  const domains = [...new Set(mailboxes.map((m) => m.domain).filter((d): d is string => d !== null))];
  const fromDomain = fromFields.length === 1 && domains.length === 1 ? (domains[0] as string) : null;
  const found = findConnection(fields, options);
  // without Return-Path or --mail-from, MAIL FROM is taken to be the From address, as `predict` does
  const assumed = mailboxes.length === 1 && fromFields.length === 1 ? (mailboxes[0] as Mailbox).address : null;
  const connection: Connection = found.mailFrom === null && assumed !== null ? { ...found, mailFrom: { value: assumed, source: 'assumed: the From address, as no Return-Path or --mail-from gives it' } } : found;
  const volume = options.volumeFor(fromDomain);

  const signatures = dkimSignatures(fields);
  const [dkim, spf, arc] = await Promise.all([
    Promise.all(signatures.map((s) => verifyDkimSignature(s, fields, raw.bodyHashes, { resolver: options.resolver, now: options.now }))),
    checkSpf(connection, options),
    verifyArc(fields, raw.bodyHashes, { resolver: options.resolver, now: options.now }),
  ]);
  const { check: dmarc } = await checkDmarc(fromDomain, spf, dkim, options.resolver);
  const unsubscribe = checkUnsubscribe(fields, dkim);

  let streams: StreamEvidence[] = [];
  let predictions: Prediction[] = [];
  const firstMailbox = mailboxes[0];
  if (options.predict !== false && fromDomain !== null && firstMailbox !== undefined) {
    streams = await collectEvidence([profileOf(firstMailbox.address, fromDomain, connection, dkim, volume, options.providersFor?.(fromDomain) ?? null)], options.resolver, { cache: false });
    predictions = predictStreams(streams);
  }

  const file = options.file;
  const findings: Finding[] = [
    ...headerFindings(raw, file, fromFields.length, mailboxes, volume),
    ...(signatures.length === 0 ? [finding(F['message-dkim-none'], 'the message carries no DKIM-Signature: DMARC can then pass only by SPF, which forwarding breaks, and Gmail, Yahoo and Outlook.com require DKIM of bulk senders', { file, domain: fromDomain }, `Sign outgoing mail with DKIM, d=${fromDomain ?? 'the From domain'}.`)] : []),
    ...dkimFindings(dkim, file),
    ...keyFindings(dkim),
    ...authFindings(spf, dmarc, file),
    ...unsubscribeFindings(unsubscribe, fields, file, volume),
    ...(arc.result === 'fail' ? [finding(F['message-arc-fail'], `the ARC chain (${arc.instances} set${arc.instances === 1 ? '' : 's'}) fails${arc.brokenAt === null ? '' : ` at instance ${arc.brokenAt}`}: ${arc.reason ?? ''}; receivers ignore the authentication results it carries`, { file }, 'An intermediary (list, forwarder) that adds ARC sets must seal after its last change to the message, with a key it publishes.')] : []),
    ...predictions.flatMap(predictionFindings),
  ];
  const value = (name: string): string | null => {
    const f = named(fields, name)[0];
    return f === undefined ? null : displayValue(f);
  };
  const report: Omit<MessageReport, 'authenticationResults'> = {
    file,
    bytes: raw.bytes,
    bodyBytes: raw.bodyBytes,
    lineEnds: { bareLf: raw.bareLf.count, crlf: raw.crlf },
    from: { mailboxes, fields: fromFields.length, domain: fromDomain },
    messageId: value('message-id'),
    date: value('date'),
    subject: value('subject'),
    connection,
    dkim,
    spf,
    dmarc,
    arc,
    unsubscribe,
    streams,
    predictions,
    findings,
  };
  return { ...report, authenticationResults: authenticationResults(report, options.authservId ?? 'authaudit') };
}
