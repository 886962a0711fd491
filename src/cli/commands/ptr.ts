// `authaudit ptr <addr>...`: forward-confirmed reverse DNS of sending addresses, read by the one
// strict address reader (src/net/read-address.ts readAddress) that every address argument goes through.
import { type CommandRunner } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { readAddress, type ReadAddress } from '../../net/read-address.js';
import { escapeForTerminal } from '../../report/escape.js';
import { checkParsedFcrdns } from '../../ptr/fcrdns.js';
import { renderFcrdnsText } from '../../ptr/render-text.js';
import { renderFcrdnsMarkdown } from '../../ptr/render-markdown.js';
import { fcrdnsJson } from '../../ptr/to-json.js';

export const ptrCommand: CommandRunner = {
  async run(ctx, args) {
    const parsed: Array<{ input: string; value: ReadAddress }> = [];
    const bad: string[] = [];
    for (const input of args) {
      const r = readAddress(input);
      if (r.ok) parsed.push({ input, value: r.value });
      else bad.push(`'${escapeForTerminal(input)}' ${r.problem}`);
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
