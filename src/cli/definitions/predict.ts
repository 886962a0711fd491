// `authaudit predict --from F [--mail-from M] [--helo H] [--dkim d:s]... [--ip A]... [--volume N]`
// or `--profile FILE` (several streams).
import { Option } from 'commander';
import type { CommandDefinition } from '../command.js';
import { collect, DEMO, withHelp } from '../help-text.js';

// what a stream needs, under the description (lines of at most 80 columns, so none is re-wrapped)
const STREAM = `A stream is one kind of mail (newsletters, receipts, …) sent one way. It needs:
  --from        the From address (or domain): the domain DMARC protects
  --mail-from   the MAIL FROM (bounce) address or domain, which SPF checks
                (default: the From domain; "<>" for a null sender, with --helo)
  --dkim d:s    each DKIM signature the mail carries: signing domain:selector
  --ip          each address the mail is sent from; without --ip, samples of the
                ranges the MAIL FROM domain's SPF authorizes (a pool the provider
                may share with its other customers: give --ip for exact replies)
  --volume      messages a day, for the bulk-sender rules that Gmail, Yahoo and
                Outlook.com apply from about 5,000 a day: N to each provider,
                or gmail=N,outlook=N,yahoo=N
Several streams: --profile FILE instead (JSON, see fixtures/demo/profiles.json),
or "profiles" in authaudit.config.json.`;

/** --providers, shared by predict, audit, diff and message (the config's and profiles' `providers` otherwise). */
export const providersOption = (): Option =>
  new Option('--providers <list>', 'the providers to predict, comma-separated, or all: gmail, outlook, yahoo (the default), icloud, gmx, laposte (default: the profile\'s or config\'s "providers")');

export const predictDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('predict')
      .summary('predict what Gmail, Outlook.com and Yahoo will reply to a stream of mail, why, and the DNS change that fixes it')
      .description(`predict what Gmail, Outlook.com and Yahoo will reply to a stream of mail, why, and the DNS change that fixes it\n\n${STREAM}`)
      .addOption(new Option('--from <address>', 'RFC 5322 From address (or domain)'))
      .addOption(new Option('--mail-from <address>', 'RFC 5321 MAIL FROM (bounce) address or domain; "<>" for a null sender (default: the From domain)'))
      .addOption(new Option('--helo <name>', 'HELO/EHLO name (required with a null sender)'))
      .addOption(new Option('--dkim <d:s>', 'a DKIM signature as signing-domain:selector; repeatable').argParser(collect))
      .addOption(new Option('--ip <address>', 'a sending IPv4 or IPv6 address; repeatable (without --ip: sample addresses of the ranges the MAIL FROM domain\'s SPF authorizes, a pool possibly shared with a provider\'s other customers)').argParser(collect))
      .addOption(new Option('--volume <n>', 'messages a day to each provider, or per provider as gmail=N,outlook=N,yahoo=N (also icloud=, gmx=, laposte=; for the bulk-sender rules)'))
      .addOption(new Option('--name <stream>', 'name of the stream in the report (default: "default")'))
      .addOption(providersOption())
      .addOption(new Option('--profile <file>', 'JSON profile file holding one or more streams (see fixtures/demo/profiles.json); repeatable').argParser(collect));
    return withHelp(command, {
      examples: [
        [
          `predict ${DEMO} --from news@shop.example --mail-from bounces.sendwave.example --dkim sendwave.example:smtpapi --ip 198.51.100.131 --volume 12000`,
          'one stream: each provider\'s reply, the rule behind it and the DNS change that fixes it',
        ],
        [`predict ${DEMO} --profile fixtures/demo/profiles.json`, 'every stream of a profile file'],
      ],
      exit1: 'findings at or above --fail-on (a predicted rejection is an error)',
    });
  },
  load: () => import('../commands/predict.js').then((m) => m.predictCommand),
};
