// `authaudit bounce <file|-> [--from ADDR] [--mail-from ADDR] [--ip ADDR]`.
import { Option } from 'commander';
import type { CommandDefinition } from '../command.js';
import { DEMO, withHelp } from '../help-text.js';

export const bounceDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('bounce')
      .summary('classify a bounce (DSN, NDR or pasted SMTP replies) and check its cause against today\'s DNS')
      .description(
        'classify a bounce (an RFC 3464 DSN, an Exchange NDR, or pasted SMTP reply lines): each reply\'s code, provider and cause, ' +
          'then check that cause against today\'s DNS (confirmed, refuted, or cannot tell). The sender comes from the returned ' +
          'headers (From, Return-Path, DKIM-Signature, Received) or the reply text; the options override them.',
      )
      .argument('<file>', 'the bounce, or - for standard input')
      .addOption(new Option('--from <address>', 'the RFC 5322 From address (or domain) of the bounced message'))
      .addOption(new Option('--mail-from <address>', 'its RFC 5321 MAIL FROM (bounce) address or domain'))
      .addOption(new Option('--ip <address>', 'the address it was sent from'));
    return withHelp(command, {
      examples: [
        [`bounce fixtures/bounce/dsn/postfix-gmail-dmarc.eml ${DEMO}`, 'a Postfix DSN: Gmail\'s 5.7.26 DMARC rejection, confirmed by the demo zones'],
        [`bounce fixtures/bounce/replies/gmail-ptr.txt ${DEMO}`, 'pasted reply lines (- reads them from standard input): Gmail\'s 5.7.25, the address taken from its text'],
      ],
      exit1: 'findings at or above --fail-on (a cause confirmed by today\'s DNS is an error)',
    });
  },
  load: () => import('../commands/bounce.js').then((m) => m.bounceCommand),
};
