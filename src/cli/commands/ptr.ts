// `authaudit ptr <addr>...`: forward-confirmed reverse DNS of sending addresses.
import type { Command } from 'commander';
import { UsageError, type CommandModule } from '../command.js';
import { parseAddress, type ParsedAddress } from '../../ptr/address.js';
import { checkParsedFcrdns } from '../../ptr/fcrdns.js';
import { renderFcrdnsText } from '../../ptr/render-text.js';
import { renderFcrdnsMarkdown } from '../../ptr/render-markdown.js';
import { fcrdnsJson } from '../../ptr/to-json.js';

export const ptrCommand: CommandModule = {
  define(program: Command) {
    return program
      .command('ptr')
      .description('check forward-confirmed reverse DNS (PTR, then A/AAAA) of IPv4 and IPv6 sending addresses')
      .argument('<addr...>', 'sending addresses');
  },
  async run(ctx, args) {
    const parsed: Array<{ input: string; value: ParsedAddress }> = [];
    const bad: string[] = [];
    for (const input of args) {
      const r = parseAddress(input);
      if (r.ok) parsed.push({ input, value: r.value });
      else bad.push(r.reason);
    }
    if (bad.length > 0) throw new UsageError(bad.join('; '));
    if (parsed.length === 0) throw new UsageError('ptr needs at least one address');
    const reports = await Promise.all(parsed.map((p) => checkParsedFcrdns(p.input, p.value, ctx.resolver)));
    return {
      data: { addresses: reports.map(fcrdnsJson) },
      findings: reports.flatMap((r) => r.findings),
      renderText: (findings, color) => renderFcrdnsText(reports, findings, color),
      renderMarkdown: (findings) => renderFcrdnsMarkdown(reports, findings),
    };
  },
};
