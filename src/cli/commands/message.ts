// `authaudit message <file.eml|->`: read the message (a file or standard input), check it, render.
import fs from 'node:fs';
import type { CommandRunner } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { parseIp, formatIp } from '../../net/ip.js';
import { profileFromOptions } from '../../profile/from-options.js';
import type { SendingProfile } from '../../profile/types.js';
import { runProviders } from './providers-option.js';
import { checkMessage } from '../../message/check-message.js';
import { NotAMessageError } from '../../message/read-message.js';
import { renderMessageText } from '../../message/render-text.js';
import { renderMessageMarkdown } from '../../message/render-markdown.js';
import { messageReportJson } from '../../message/to-json.js';
import { readProfileFiles } from './profile-files.js';
import { readNow } from '../read-now.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The stream this message belongs to: --volume, or the --profile stream with its From domain (else the first). */
async function streamOf(options: Record<string, unknown>): Promise<(fromDomain: string | null) => Pick<SendingProfile, 'volume' | 'providers'> | null> {
  const volume = str(options['volume']);
  const files = Array.isArray(options['profile']) ? (options['profile'] as string[]) : [];
  if (volume !== undefined && files.length > 0) throw new UsageError('use either --volume or --profile, not both');
  if (volume !== undefined) {
    // the profile reader parses --volume (the from address only carries it)
    const v = profileFromOptions({ from: 'postmaster@example.com', volume }).volume;
    return () => ({ volume: v, providers: null });
  }
  if (files.length > 0) {
    const profiles = await readProfileFiles(files);
    return (fromDomain) => profiles.find((p) => p.fromDomain === fromDomain) ?? profiles[0] ?? null;
  }
  return () => null;
}

/** The message's bytes as chunks: a read error becomes bad input (exit 2), named by the file. */
async function* readChunks(file: string): AsyncGenerator<Uint8Array> {
  const stream = file === '-' ? process.stdin : fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : (chunk as Buffer);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new UsageError(`cannot read ${file}: ${why}`);
  }
}

export const messageCommand: CommandRunner = {
  async run(ctx, args, options) {
    const file = args[0] ?? '-';
    const ipText = str(options['ip']);
    const ip = ipText === undefined ? undefined : parseIp(ipText);
    if (ip === null) throw new UsageError(`--ip '${ipText ?? ''}': not an IPv4 or IPv6 address`);
    const choose = runProviders(ctx, options);
    const stream = await streamOf(options);
    const now = readNow(str(options['now']));
    ctx.progress(`checking ${file === '-' ? 'the message on standard input' : file}`);
    let report;
    try {
      report = await checkMessage(readChunks(file), {
        resolver: ctx.resolver,
        now,
        file,
        volumeFor: (fromDomain) => stream(fromDomain)?.volume ?? null,
        providersFor: (fromDomain) => choose(stream(fromDomain)?.providers ?? null),
        ip: ip === undefined ? undefined : formatIp(ip),
        helo: str(options['helo']),
        mailFrom: str(options['mailFrom']),
      });
    } catch (err) {
      if (err instanceof NotAMessageError) throw new UsageError(`${file}: ${err.message}`);
      throw err;
    }
    const done = report;
    return {
      data: messageReportJson(done),
      findings: done.findings,
      renderText: (findings, color) => renderMessageText(done, findings, color),
      renderMarkdown: (findings) => renderMessageMarkdown(done, findings),
    };
  },
};
