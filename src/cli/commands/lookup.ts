// `authaudit lookup <name> <type>`: one raw DNS question, shown as the Resolver gives it.
import type { Command } from 'commander';
import { UsageError, type CommandModule } from '../command.js';
import { RR_TYPES, type DnsAnswer, type DnsRecord, type RRType } from '../../dns/types.js';
import { describeAnswer, presentRecord } from '../../dns/present.js';
import { bytesToLatin1 } from '../../dns/txt.js';
import { escapeForTerminal } from '../../report/escape.js';

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
    cnameChain: answer.cnameChain.map((l) => ({ name: l.name, target: l.target, ttl: l.ttl })),
    ttl: answer.kind === 'nxdomain' || answer.kind === 'nodata' ? answer.ttl : null,
    failure: answer.kind === 'failure' ? { kind: answer.failure, detail: answer.detail } : null,
  };
}

export function renderAnswerText(answer: DnsAnswer): string {
  const lines = [`${escapeForTerminal(answer.name)} ${answer.type}: ${escapeForTerminal(describeAnswer(answer))}`];
  for (const link of answer.cnameChain) {
    lines.push(`  ${escapeForTerminal(link.name)}. ${link.ttl} IN CNAME ${escapeForTerminal(link.target)}.`);
  }
  if (answer.kind === 'records') for (const r of answer.records) lines.push(`  ${escapeForTerminal(presentRecord(r))}`);
  return `${lines.join('\n')}\n`;
}

export const lookupCommand: CommandModule = {
  define(program: Command) {
    return program
      .command('lookup')
      .description('ask one DNS question and show the answer exactly as the resolver gives it')
      .argument('<name>', 'the name to ask for')
      .argument('<type>', `record type: ${RR_TYPES.join(' ')}`);
  },
  async run(ctx, args) {
    const [name = '', typeArg = ''] = args;
    const type = typeArg.toUpperCase() as RRType;
    if (!RR_TYPES.includes(type)) throw new UsageError(`unknown record type '${typeArg}': use one of ${RR_TYPES.join(', ')}`);
    const answer = await ctx.resolver.query(name, type);
    return {
      data: { answer: answerToJson(answer) },
      findings: [],
      renderText: () => renderAnswerText(answer),
    };
  },
};
