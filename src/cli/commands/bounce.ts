// `authaudit bounce <file|-> [--from ADDR] [--mail-from ADDR] [--ip ADDR]`: a bounce's replies
// classified, the sender found, each cause checked against today's DNS (src/bounce/).
import { readFile } from 'node:fs/promises';
import type { CommandRunner } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { bounceText } from '../../bounce/read-input.js';
import { readBounce } from '../../bounce/read-bounce.js';
import { renderBounceMarkdown } from '../../bounce/render-markdown.js';
import { renderBounceText } from '../../bounce/render-text.js';
import { bounceReportJson } from '../../bounce/to-json.js';
import { readAddress } from '../../net/read-address.js';
import { coverageFinding, isNotCovered } from '../../zone-coverage/coverage.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

async function readInput(file: string): Promise<Uint8Array> {
  if (file === '-') return readStdin();
  try {
    return await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : 'cannot be read'}`);
  }
}

export const bounceCommand: CommandRunner = {
  async run(ctx, args, options) {
    const file = args[0] ?? '-';
    const ip = str(options['ip']);
    let canonicalIp: string | undefined;
    if (ip !== undefined) {
      const read = readAddress(ip);
      if (!read.ok) throw new UsageError(`--ip '${ip}' ${read.problem}`);
      canonicalIp = read.value.canonical;
    }
    const text = bounceText(await readInput(file), file === '-' ? 'standard input' : file);
    ctx.progress('reading the bounce');
    // offline, a name the zone files do not hold says nothing: its NXDOMAIN must not confirm a cause
    const uncovered = (name: string): boolean => {
      const f = coverageFinding(name, ctx.coverage);
      return f !== null && isNotCovered(f);
    };
    const report = await readBounce(text, { from: str(options['from']), mailFrom: str(options['mailFrom']), ip: canonicalIp }, ctx.resolver, { uncovered });
    return {
      data: bounceReportJson(report),
      findings: report.checks.flatMap((c) => c.findings),
      renderText: (findings, color) => renderBounceText(report, findings, color),
      renderMarkdown: (findings) => renderBounceMarkdown(report, findings),
    };
  },
};
