// `authaudit spf <domain> [--ip A [--sender S] [--helo H]]`: the include tree with each term's lookups
// and the running total, then the findings; with --ip, check_host() with its explanation and trace.
import { worldArgs } from '../world-args.js';
import { type CommandRunner } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { expandSpf } from '../../spf/expand.js';
import { spfFindings } from '../../spf/findings.js';
import { checkHost } from '../../spf/check-host.js';
import { domainArgument } from '../domain-argument.js';
import { readAddress } from '../../net/read-address.js';
import { escapeForTerminal } from '../../report/escape.js';
import { paint } from '../../report/color.js';
import { renderFindingsText } from '../../report/text.js';
import { rangesPastLimit } from '../../spf/expand-lost.js';
import { renderCheckText, renderTreeSummary, renderTreeText } from '../../spf/render-text.js';
import { renderSpfMarkdown } from '../../spf/render-markdown.js';
import { treeJson } from '../../spf/tree-json.js';
import { domainCoverage } from './domain-coverage.js';

function optionText(options: Record<string, unknown>, name: string): string | null {
  const value = options[name];
  return typeof value === 'string' ? value : null;
}

export const spfCommand: CommandRunner = {
  async run(ctx, args, options) {
    const domain = domainArgument(args[0] ?? '');
    const ip = optionText(options, 'ip');
    const senderOption = optionText(options, 'sender');
    const heloOption = optionText(options, 'helo');
    if (ip === null && (senderOption !== null || heloOption !== null)) {
      throw new UsageError('spf: --sender and --helo are used with --ip');
    }
    if (ip !== null) {
      const read = readAddress(ip);
      if (!read.ok) throw new UsageError(`spf: --ip '${escapeForTerminal(ip)}' ${read.problem}`);
    }
    const sender = senderOption ?? `postmaster@${domain}`;
    const helo = heloOption ?? domain;
    const coverage = domainCoverage(ctx, domain);
    if (coverage.notCovered !== null) return coverage.notCovered;

    ctx.progress(`expanding the SPF record of ${domain}`);
    const [tree, check] = await Promise.all([
      expandSpf(domain, ctx.resolver),
      ip === null ? Promise.resolve(null) : checkHost(ip, domain, sender, helo, { resolver: ctx.resolver }),
    ]);
    const findings = [...coverage.findings, ...spfFindings(tree, worldArgs(ctx.options))];
    const lost = rangesPastLimit(tree.root);

    return {
      data: {
        domain: tree.domain,
        record: tree.record,
        lookups: tree.lookups,
        tree: treeJson(tree.root),
        loops: tree.loops,
        duplicates: tree.duplicates,
        ranges: tree.ranges,
        totals: tree.totals,
        // Ranges meant to pass that receivers never reach: only terms past a limit authorize them.
        rangesPastLimit: { cidrs: lost.cidrs, ip4Addresses: Number(lost.ip4Addresses), ip6Addresses: lost.ip6Addresses.toString() },
        dependsOnMessage: tree.dependsOnMessage,
        truncated: tree.truncated,
        ip,
        sender: ip === null ? null : sender,
        helo: ip === null ? null : helo,
        result: check?.result ?? null,
        explanation: check?.explanation ?? null,
        // What this one check_host() spent (`lookups` above is the whole tree, for any sender).
        checkLookups: check ? { total: check.lookups, void: check.voidLookups } : null,
        matched: check?.matched ?? null,
        problem: check?.problem ?? null,
        trace: check?.trace ?? null,
      },
      findings,
      renderText(shown, color) {
        const p = paint(color);
        const parts = [check && ip !== null ? renderCheckText(ip, domain, sender, helo, check, p) : renderTreeText(tree, p, { full: options['tree'] === true })];
        if (check) parts.push(renderTreeSummary(tree, p));
        parts.push(renderFindingsText(shown, { color }));
        return parts.join('\n');
      },
      renderMarkdown: (shown) => renderSpfMarkdown(tree, check && ip !== null ? { ip, domain, sender, helo, result: check } : null, shown, { full: options['tree'] === true }),
    };
  },
};
