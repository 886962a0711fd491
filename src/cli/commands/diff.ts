// `authaudit diff --base <zone path> --head <zone path> [--offline] [domain...]`: audit both
// versions of the zone files (each laid over the run's DNS like --overlay, or alone with
// --offline) and report what the change introduces and what it fixes. The command's findings are
// the introduced ones, so --fail-on gates a pull request on what the change makes worse.
// `--base-ref <git ref>` instead of --base: the base is the --head paths as they are at that ref,
// read through git (src/diff/git-tree-source.ts); paths missing in one version are zones the
// change adds or removes. --head defaults to the config's `zones`.
import { type CliContext, type CommandRunner, type CommandResult } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { liveWorldArgs, zoneWorldArgs } from '../world-args.js';
import { resolvePath } from '../resolver-factory.js';
import { diffZones } from '../../diff/diff-zones.js';
import { transportAccess } from '../transport-access.js';
import { bimiOptions } from '../bimi-options.js';
import { GitSourceError, openGitTree, type GitTreeSource } from '../../diff/git-tree-source.js';
import { diffJson } from '../../diff/to-json.js';
import { renderDiffText } from '../../diff/render-text.js';
import { renderDiffMarkdown } from '../../diff/render-markdown.js';
import { keepShown, readAuditInputs, type AuditInputs } from './audit.js';
import type { BothSidesOptions } from '../../diff/audit-both-sides.js';
import { diffCoverageFindings } from '../../diff/diff-coverage.js';
import { renderCoverageMarkdown } from '../../zone-coverage/render-markdown.js';
import { renderCoverageText } from '../../zone-coverage/render-text.js';
import type { Finding } from '../../findings/types.js';
import { diffPlan } from '../../diff/diff-plan.js';
import { unknownValueFindings } from '../../diff/plan-findings.js';
import { diskSource, FileSourceError } from '../../zone/file-source.js';
import { readTerraformPlan } from '../../zone-formats/terraform/read-plan.js';
import { escapeForTerminal } from '../../report/escape.js';

export const diffCommand: CommandRunner = {
  async run(ctx, args, options): Promise<CommandResult> {
    if (typeof options['plan'] === 'string') return runPlanDiff(ctx, args, options, options['plan']);
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
    const diff = await readingZonePaths(() =>
      diffZones({
        base: baseSource === undefined ? base : head,
        head,
        ...(baseSource === undefined ? {} : { baseSource, missingIsEmpty: true }),
        view: ctx.options.view,
        live: options['offline'] === true ? null : ctx.resolver,
        domains: inputs.domains,
        ...bothSides(ctx, inputs, options),
        commandWorld:
          options['offline'] === true
            ? zoneWorldArgs('--zone', head, ctx.options.view)
            : [...zoneWorldArgs('--overlay', head, ctx.options.view), ...liveWorldArgs(ctx.options)],
      }),
    );
    const keep = keepShown(ctx);
    // a named domain in no zone of either side: the change cannot touch it (src/diff/diff-coverage.ts)
    const coverage = diffCoverageFindings(diff, inputs.domains, options['offline'] === true, ctx.coverage);
    return {
      data: diffJson(diff, keep),
      findings: [...coverage, ...diff.introduced],
      renderText: (shown, color) => renderCoverageText(shown, color) + renderDiffText(diff, keep, color),
      renderMarkdown: (shown) => [renderDiffMarkdown(diff, keep), ...renderCoverageMarkdown(shown)].join('\n'),
    };
  },
};

/**
 * The audit inputs both versions are audited with (of a zone diff and of a plan diff alike), and
 * the progress of the two (each domain twice).
 */
function bothSides(ctx: CliContext, inputs: AuditInputs, options: Record<string, unknown>): BothSidesOptions {
  return {
    selectors: inputs.selectors,
    selectorsFor: inputs.selectorsFor,
    ips: inputs.ips,
    profiles: inputs.profiles,
    // MTA-STS policies and BIMI files are fetched in diff only with --fetch (both versions share
    // the live ones), trusting --ca-file; never the STARTTLS probe
    transport: { https: transportAccess(ctx, options, 'in diff').https, smtp: null },
    bimi: bimiOptions(options),
    onStart: (total) => ctx.domainsStarted(total),
    onProgress: (p) => ctx.domainDone(`${p.side} ${p.domain}`),
  };
}

/** A zone path that cannot be read is bad input (exit 2) naming it, on either version. */
async function readingZonePaths<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof Error && err.name === 'ZonePathError') throw new UsageError(err.message);
    throw err;
  }
}

/**
 * `diff --plan plan.json`: the change a Terraform/OpenTofu plan makes, over the live DNS (or
 * --base zone files, or offline the plan's own `before` values). A value known only after apply
 * is an `input-value-unknown` finding besides whatever the checks could not tell.
 */
async function runPlanDiff(ctx: CliContext, args: string[], options: Record<string, unknown>, planPath: string): Promise<CommandResult> {
  if (typeof options['baseRef'] === 'string' || Array.isArray(options['head'])) {
    throw new UsageError('diff: --plan is the head (the plan laid over the live DNS or --base): give it without --head and --base-ref');
  }
  const base = Array.isArray(options['base']) ? (options['base'] as string[]) : [];
  const file = resolvePath(process.cwd(), planPath);
  let plan;
  try {
    plan = readTerraformPlan(diskSource.read(file).toString('utf8'), file, null);
  } catch (err) {
    if (err instanceof FileSourceError) throw new UsageError(`--plan: ${err.message}`);
    throw err;
  }
  const inputs = await readAuditInputs(ctx, args, options, 'diff');
  const offline = options['offline'] === true;
  const diff = await readingZonePaths(() =>
    diffPlan({
      plan,
      base,
      view: ctx.options.view,
      live: offline ? null : ctx.resolver,
      named: args.length > 0 ? inputs.domains : [],
      configured: args.length > 0 ? [] : inputs.domains,
      ...bothSides(ctx, inputs, options),
    }),
  );
  const keep = keepShown(ctx);
  const unknown = unknownValueFindings(plan);
  return {
    data: diffJson(diff, keep),
    findings: [...unknown, ...diff.introduced],
    renderText: (shown, color) => renderCoverageText(shown, color) + renderUnknownText(unknown.filter(keep)) + renderDiffText(diff, keep, color),
    renderMarkdown: (shown) => [renderDiffMarkdown(diff, keep), ...renderCoverageMarkdown(shown)].join('\n'),
  };
}

/** The planned values nobody can know yet, before the diff (the diff's "cannot tell" comes from them). */
function renderUnknownText(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  return `Known only after apply (${findings.length})\n${findings.map((f) => `  ${escapeForTerminal(f.evidence.path?.[0] ?? '')}: ${escapeForTerminal(f.evidence.domain ?? '')} (${escapeForTerminal(f.evidence.file ?? '')}:${f.evidence.line ?? ''})`).join('\n')}\n\n`;
}
