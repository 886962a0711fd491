// `authaudit mta-sts <domain> [--smtp] [--fetch] [--ca-file PEM]`.
import type { CommandDefinition } from '../command.js';
import { DEMO, withHelp } from '../help-text.js';
import { addFetchOptions, addSmtpOptions } from './transport-options.js';

export const mtaStsDefinition: CommandDefinition = {
  define(program) {
    const command = addSmtpOptions(
      addFetchOptions(
        program
          .command('mta-sts')
          .description('check MTA-STS (RFC 8461): the _mta-sts TXT record, the HTTPS policy and whether it covers the MX hosts; --smtp probes their STARTTLS')
          .argument('<domain>', 'the domain that receives mail'),
      ),
    );
    return withHelp(command, {
      examples: [
        ['mta-sts example.com', 'the TXT record, the policy fetched over HTTPS, which pattern covers each MX host'],
        ['mta-sts example.com --smtp', 'also the STARTTLS of every MX address: TLS version, certificate validity and name'],
        [`mta-sts shop.example ${DEMO} --fetch`, 'offline DNS from zone files, the policy still fetched over HTTPS'],
      ],
    });
  },
  load: () => import('../commands/mta-sts.js').then((m) => m.mtaStsCommand),
};
