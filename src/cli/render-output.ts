// Turns a command's result into the chosen format and its exit code. --ignore is applied here,
// once, so every format and the exit code see the same findings.
import type { CommandResult } from './command.js';
import type { RunContext } from './context.js';
import { exitCode } from './exit-code.js';
import { filterFindings } from '../findings/filter.js';
import { renderGithub, renderJson, renderMarkdown, renderSarif } from '../report/index.js';

export function renderOutput(command: string, result: CommandResult, ctx: RunContext, cwd: string): { text: string; exitCode: number } {
  const { options } = ctx;
  const findings = filterFindings(result.findings, options.ignore);
  let text: string;
  switch (options.format) {
    case 'json':
      text = renderJson(command, result.data, findings, { stats: ctx.stats() });
      break;
    case 'sarif':
      text = renderSarif({ findings, cwd });
      break;
    case 'github':
      text = renderGithub(findings, { cwd });
      break;
    case 'markdown':
      text = result.renderMarkdown?.(findings) ?? renderMarkdown(findings, { title: `authaudit ${command}` });
      break;
    case 'text':
      text = result.renderText(findings, options.color);
      break;
  }
  return { text, exitCode: result.exitCode ?? exitCode(findings, options.failOn) };
}
