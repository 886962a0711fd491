// `authaudit diff --base <zone path> --head <zone path> [--offline] [domain...]`: audit both
// versions of the zone files (each laid over the run's DNS like --overlay, or alone with
// --offline) and report what the change introduces and what it fixes. The command's findings are
// the introduced ones, so --fail-on gates a pull request on what the change makes worse.
// `--base-ref <git ref>` instead of --base: the base is the --head paths as they are at that ref,
// read through git (src/diff/git-tree-source.ts); paths missing in one version are zones the
// change adds or removes. --head defaults to the config's `zones`.
import { type CommandRunner, type CommandResult } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { liveWorldArgs, zoneWorldArgs } from '../world-args.js';
import { resolvePath } from '../resolver-factory.js';
import { diffZones } from '../../diff/diff-zones.js';
import { transportAccess } from '../transport-access.js';
import { GitSourceError, openGitTree, type GitTreeSource } from '../../diff/git-tree-source.js';
import { diffJson } from '../../diff/to-json.js';
import { renderDiffText } from '../../diff/render-text.js';
import { renderDiffMarkdown } from '../../diff/render-markdown.js';
import { keepShown, readAuditInputs } from './audit.js';
import { diffCoverageFindings } from '../../diff/diff-coverage.js';
import { renderCoverageMarkdown } from '../../zone-coverage/render-markdown.js';
import { renderCoverageText } from '../../zone-coverage/render-text.js';

export const diffCommand: CommandRunner = {
  async run(ctx, args, options): Promise<CommandResult> {
    const base = Array.isArray(options['base']) ? (options['base'] as string[]) : [];
    const baseRef = typeof options['baseRef'] === 'string' ? options['baseRef'] : null;
    const given = Array.isArray(options['head']) ? (options['head'] as string[]) : [];
    // the config's paths are absolute; shown (and read at the ref) as relative to the working folder
    const head = given.length > 0 ? given : (ctx.config?.zones ?? []).map((p) => resolvePath(process.cwd(), p));
    if (baseRef !== null && base.length > 0) {
      throw new UsageError('diff: give --base <zone path> or --base-ref <git ref>, not both (--base-ref reads the --head paths at that ref)');
    }
    if (baseRef === null && base.length === 0) throw new UsageError('diff: give --base <zone path> or --base-ref <git ref>');
    if (head.length === 0) throw new UsageError('diff: give --head <zone path>, or list the zone files as "zones" in the config');
    const inputs = await readAuditInputs(ctx, args, options, 'diff');
    let baseSource: GitTreeSource | undefined;
    if (baseRef !== null) {
      try {
        baseSource = await openGitTree(baseRef, head);
      } catch (err) {
        if (err instanceof GitSourceError) throw new UsageError(err.message);
        throw err;
      }
    }
    let diff;
    try {
      diff = await diffZones({
        base: baseSource === undefined ? base : head,
        head,
        ...(baseSource === undefined ? {} : { baseSource, missingIsEmpty: true }),
        view: ctx.options.view,
        live: options['offline'] === true ? null : ctx.resolver,
        domains: inputs.domains,
        selectors: inputs.selectors,
        selectorsFor: inputs.selectorsFor,
        ips: inputs.ips,
        profiles: inputs.profiles,
        // MTA-STS policies are fetched in diff only with --fetch (both versions share the live policy)
        transport: { https: transportAccess(ctx, options, 'in diff').https, smtp: null },
        commandWorld:
          options['offline'] === true
            ? zoneWorldArgs('--zone', head, ctx.options.view)
            : [...zoneWorldArgs('--overlay', head, ctx.options.view), ...liveWorldArgs(ctx.options)],
        // each domain is audited twice: base and head
        onStart: (total) => ctx.domainsStarted(total),
        onProgress: (p) => ctx.domainDone(`${p.side} ${p.domain}`),
      });
    } catch (err) {
      if (err instanceof Error && err.name === 'ZonePathError') throw new UsageError(err.message);
      throw err;
    }
    const keep = keepShown(ctx);
    const zoneDiff = diff;
    // a named domain in no zone of either side: the change cannot touch it (src/diff/diff-coverage.ts)
    const coverage = diffCoverageFindings(zoneDiff, inputs.domains, options['offline'] === true, ctx.coverage);
    return {
      data: diffJson(zoneDiff, keep),
      findings: [...coverage, ...zoneDiff.introduced],
      renderText: (shown, color) => renderCoverageText(shown, color) + renderDiffText(zoneDiff, keep, color),
      renderMarkdown: (shown) => [renderDiffMarkdown(zoneDiff, keep), ...renderCoverageMarkdown(shown)].join('\n'),
    };
  },
};
