// Turns a command's result into reports and its exit code. --ignore is applied here, once, so
// every format (stdout's --format and each --output file) and the exit code see the same findings.
import path from 'node:path';
import type { CommandResult, Format } from './command.js';
import type { RunContext } from './context.js';
import { exitCode } from './exit-code.js';
import { repositoryRoot } from './repository-root.js';
import { filterFindings } from '../findings/filter.js';
import { CONFIG_FILE_NAME } from '../config/types.js';
import { renderGithub } from '../report/github.js';
import { renderGitlab } from '../report/gitlab.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { DEFAULT_WIDTH, wrapReport } from '../report/wrap.js';

export interface RenderedRun {
  exitCode: number;
  /** The report in `format`; `color` and `width` (columns to wrap to) apply to text only. */
  render(format: Format, color: boolean, width?: number): string;
}

export function renderOutput(command: string, result: CommandResult, ctx: RunContext, cwd: string): RenderedRun {
  const findings = filterFindings(result.findings, ctx.options.ignore);
  let root: string | null = null;
  return {
    exitCode: result.exitCode ?? exitCode(findings, ctx.options.failOn),
    render(format, color, width = DEFAULT_WIDTH) {
      switch (format) {
        case 'json':
          return renderJson(command, result.data, findings, { stats: ctx.stats() });
        case 'sarif':
          return renderSarif({ findings, cwd });
        case 'github':
          return renderGithub(findings, { cwd });
        case 'gitlab':
          // asked of git only when a GitLab report is wanted
          root ??= repositoryRoot(cwd);
          return renderGitlab(findings, { cwd, root, fallbackFile: ctx.config?.file ?? path.join(cwd, CONFIG_FILE_NAME) });
        case 'markdown':
          return result.renderMarkdown?.(findings) ?? renderMarkdown(findings, { title: `authaudit ${command}` });
        case 'text':
          return wrapReport(result.renderText(findings, color), width);
      }
    },
  };
}
