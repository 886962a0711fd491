// `authaudit predict --from F [--mail-from M] [--helo H] [--dkim d:s]... [--ip A]... [--volume N]`
// or `--profile FILE` (several streams): what Gmail, Outlook.com and Yahoo are predicted to reply,
// why, and the DNS change that fixes it. With --zone or --overlay it judges a proposed zone.
import { type CliContext, type CommandRunner } from '../command.js';
import { UsageError } from '../../model/usage-error.js';
import { loadConfigProfiles } from '../../config/profiles.js';
import { collectEvidence } from '../../predict/collect-evidence.js';
import { predictionFindings } from '../../predict/findings.js';
import { predictStreams } from '../../predict/predict.js';
import { renderPredictText } from '../../predict/render-text.js';
import { renderPredictMarkdown } from '../../predict/render-markdown.js';
import { profileFromOptions } from '../../profile/from-options.js';
import { readProfileFiles } from './profile-files.js';
import type { SendingProfile } from '../../profile/types.js';
import { profileCoverage } from '../../zone-coverage/profiles.js';
import { renderCoverageText } from '../../zone-coverage/render-text.js';
import { escapeForTerminal } from '../../report/escape.js';
import { runProviders, withProviders } from './providers-option.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

async function profilesOf(ctx: CliContext, options: Record<string, unknown>): Promise<SendingProfile[]> {
  const files = list(options['profile']);
  const from = str(options['from']);
  const perStream = ['mailFrom', 'helo', 'dkim', 'ip', 'volume', 'name'].filter((k) => options[k] !== undefined);
  if (files.length > 0 && (from !== undefined || perStream.length > 0)) {
    throw new UsageError('use either --profile FILE or --from with its options (--mail-from, --helo, --dkim, --ip, --volume), not both');
  }
  if (files.length > 0) {
    return readProfileFiles(files);
  }
  if (from !== undefined) {
    return [
      profileFromOptions({
        from,
        mailFrom: str(options['mailFrom']),
        helo: str(options['helo']),
        dkim: list(options['dkim']),
        ip: list(options['ip']),
        volume: str(options['volume']),
        name: str(options['name']),
      }),
    ];
  }
  if (perStream.length > 0) throw new UsageError('--from is required (the RFC 5322 From address or domain), or give --profile FILE');
  // the config's profiles: inline ones checked at load, files read now, problems placed in the config
  if (ctx.config !== null && ctx.config.profiles.length > 0) return loadConfigProfiles(ctx.config);
  throw new UsageError('predict needs --from ADDRESS (optionally with --ip, --mail-from, --helo, --dkim, --volume) or --profile FILE');
}

export const predictCommand: CommandRunner = {
  async run(ctx, _args, options) {
    const choose = runProviders(ctx, options);
    const profiles = withProviders(await profilesOf(ctx, options), choose);
    // offline, a stream naming a domain the --zone files do not hold is not predicted
    const coverage = profileCoverage(profiles, ctx.coverage);
    ctx.progress(`predicting ${coverage.covered.length} stream${coverage.covered.length === 1 ? '' : 's'}`);
    // ctx.resolver is the run's cache already: every question shows in --verbose
    const streams = await collectEvidence(coverage.covered, ctx.resolver, { cache: false });
    const predictions = predictStreams(streams);
    return {
      data: {
        streams: profiles.map((p) => ({
          name: p.name,
          description: p.description,
          from: p.from,
          mailFrom: p.mailFrom,
          helo: p.helo,
          dkim: p.dkim,
          ips: p.ips,
          volume: p.volume,
        })),
        // the streams that give no address: the samples of their SPF's ranges they were predicted for
        samples: streams.flatMap((s) => (s.samples === null ? [] : [{ stream: s.stream, ...s.samples }])),
        predictions,
      },
      findings: [...coverage.findings, ...predictions.flatMap(predictionFindings)],
      renderText: (findings, color) => {
        const notes = coverage.notCovered.map((p) => `Stream ${escapeForTerminal(p.name)}: not predicted (it names a domain the zone files read offline do not hold)`);
        return renderCoverageText(findings, color, notes) + renderPredictText(streams, predictions, findings, color);
      },
      renderMarkdown: (findings) => renderPredictMarkdown(streams, predictions, findings, coverage.notCovered.map((p) => p.name)),
    };
  },
};
