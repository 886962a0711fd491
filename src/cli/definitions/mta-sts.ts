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
        [`mta-sts shop.example ${DEMO}`, 'the TXT record and the MX hosts from zone files; offline, the policy is not fetched'],
        [`mta-sts shop.example ${DEMO} --fetch`, 'DNS from zone files, the policy fetched over HTTPS (through the names the files give)'],
      ],
    });
  },
  load: () => import('../commands/mta-sts.js').then((m) => m.mtaStsCommand),
};
