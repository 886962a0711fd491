// `authaudit lookup <name> <type>`: one raw DNS question, shown as the Resolver gives it.
import { type CommandRunner } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { RR_TYPES, type DnsAnswer, type DnsRecord, type RRType } from '../../dns/types.js';
import { describeAnswer, presentAbsoluteName, presentName, presentRecord } from '../../dns/present.js';
import { renderAnswerMarkdown } from '../../dns/present-markdown.js';
import { bytesToLatin1 } from '../../model/txt.js';
import { escapeForTerminal } from '../../report/escape.js';
import { parseName } from '../../dns/wire-name.js';
import { domainToASCII } from 'node:url';
import { notADomain } from '../../model/domain-name.js';

/**
 * The name as typed, ready to ask: an internationalized name becomes its A-label (RFC 5891), and a
 * name that cannot be asked is bad input (exit 2), not a DNS answer.
 */
export function nameToAsk(typed: string): string {
  // an email address or URL is never the name a user meant to ask for
  const mistaken = typed.includes('@') || typed.includes('/') ? notADomain(typed) : null;
  if (mistaken !== null) {
    throw new UsageError(`'${typed}' is ${mistaken.kind}, not a domain name${mistaken.suggestion === null ? '' : `; did you mean ${mistaken.suggestion}?`}`);
  }
  // eslint-disable-next-line no-control-regex
  const ascii = /^[\x00-\x7f]*$/.test(typed) ? typed : domainToASCII(typed);
  // (The runner escapes error messages for the terminal.)
  if (ascii === '') throw new UsageError(`'${typed}' is not a valid internationalized domain name`);
  const parsed = parseName(ascii);
  if (!parsed.ok) throw new UsageError(`cannot ask for '${typed}': ${parsed.reason}`);
  return ascii;
}

/** A record as JSON: TXT character-strings as Latin-1 strings (each byte one code point, none lost). */
export function recordToJson(record: DnsRecord): Record<string, unknown> {
  const { source, ...rest } = record;
  const base = { ...rest, source: source ?? null };
  if (record.type === 'TXT' || record.type === 'SPF') return { ...base, strings: record.strings.map(bytesToLatin1) };
  return base;
}

export function answerToJson(answer: DnsAnswer): Record<string, unknown> {
  return {
    name: answer.name,
    type: answer.type,
    outcome: answer.kind,
    records: answer.kind === 'records' ? answer.records.map(recordToJson) : [],
    cnameChain: answer.cnameChain.map((l) => ({ name: l.name, target: l.target, ttl: l.ttl, source: l.source ?? null })),
    ttl: answer.kind === 'nxdomain' || answer.kind === 'nodata' ? answer.ttl : null,
    failure: answer.kind === 'failure' ? { kind: answer.failure, detail: answer.detail } : null,
  };
}

export function renderAnswerText(answer: DnsAnswer): string {
  // RFC 2308 §5: a negative answer is kept for its own TTL, so it is shown.
  const negativeTtl = (answer.kind === 'nxdomain' || answer.kind === 'nodata') && answer.ttl !== null ? ` (negative TTL ${answer.ttl})` : '';
  // Names and records in zone-file form are printable ASCII already (bytes as \DDD); only the
  // failure detail is free text and is escaped for the terminal.
  const lines = [`${presentName(answer.name) || '.'} ${answer.type}: ${escapeForTerminal(describeAnswer(answer))}${negativeTtl}`];
  for (const link of answer.cnameChain) {
    lines.push(`  ${presentAbsoluteName(link.name)} ${link.ttl} IN CNAME ${presentAbsoluteName(link.target)}`);
  }
  if (answer.kind === 'records') for (const r of answer.records) lines.push(`  ${presentRecord(r)}`);
  return `${lines.join('\n')}\n`;
}

export const lookupCommand: CommandRunner = {
  async run(ctx, args) {
    const [name = '', typeArg = ''] = args;
    const type = typeArg.toUpperCase() as RRType;
    if (!RR_TYPES.includes(type)) throw new UsageError(`unknown record type '${typeArg}': use one of ${RR_TYPES.join(', ')}`);
    const answer = await ctx.resolver.query(nameToAsk(name), type);
    return {
      data: { answer: answerToJson(answer) },
      findings: [],
      renderText: () => renderAnswerText(answer),
      renderMarkdown: () => renderAnswerMarkdown(answer),
    };
  },
};
