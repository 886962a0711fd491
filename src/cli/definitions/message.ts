// `authaudit message <file.eml|-> [--ip A] [--helo H] [--mail-from M] [--volume …|--profile F] [--now T]`.
import { Option } from 'commander';
import type { CommandDefinition } from '../command.js';
import { collect, withHelp } from '../help-text.js';
import { providersOption } from './predict.js';

// what the command does, under the description (lines of at most 80 columns, so none is re-wrapped)
const MESSAGE = `Reads the message byte for byte as received (LF line ends are read as CRLF,
and said) and checks it as a receiver would:
  DKIM          every DKIM-Signature verified (RFC 6376, RFC 8463), keys from
                the DNS or --zone; rsa-sha1 is not accepted (RFC 8301)
  SPF           for the connecting address: --ip, else the client-ip of a
                Received-SPF field, else the topmost Received field naming a
                public address; MAIL FROM: --mail-from, else Return-Path, else
                the From address (the report says which was used)
  DMARC         the policy that applies, SPF and DKIM alignment
  headers       one From address, Message-ID, Date, one-click unsubscribe
                (RFC 8058) signed by a DKIM signature that passes
  predictions   the replies Gmail, Outlook.com and Yahoo are predicted to give
ARC chains are counted, not verified.`;

export const messageDefinition: CommandDefinition = {
  define(program) {
    const command = program
      .command('message')
      .summary('check a real message as a receiver would: DKIM, SPF, DMARC, one-click unsubscribe, predicted replies')
      .description(`check a real message as a receiver would: DKIM, SPF, DMARC, one-click unsubscribe, predicted replies\n\n${MESSAGE}`)
      .argument('<file>', 'the raw message (.eml), or - for standard input')
      .addOption(new Option('--ip <address>', 'the connecting (sending) IP address (default: from Received-SPF or Received)'))
      .addOption(new Option('--helo <name>', 'the HELO/EHLO name (default: from the Received field used)'))
      .addOption(new Option('--mail-from <address>', 'the RFC 5321 MAIL FROM; "<>" for a null sender (default: Return-Path)'))
      .addOption(new Option('--volume <n>', 'messages a day to each provider, or gmail=N,outlook=N,yahoo=N (also icloud=, gmx=, laposte=; bulk-sender rules, predictions)'))
      .addOption(providersOption())
      .addOption(new Option('--profile <file>', 'a profile file: the volume of the stream with this message\'s From domain (else its first stream); repeatable').argParser(collect))
      .addOption(new Option('--now <time>', 'the time to check x= and t= against: ISO 8601 or seconds since the epoch (default: now)'));
    return withHelp(command, {
      examples: [
        ['message --zone fixtures/message/rfc fixtures/message/rfc/rfc8463-a3.eml --ip 192.0.2.1', 'the two signatures of RFC 8463 verified, SPF for 192.0.2.1, DMARC, and the findings'],
        ['message --zone fixtures/message/rfc fixtures/message/rfc/rfc8463-a3.eml --format json', 'dkim[], spf, dmarc, arc, unsubscribe, predictions and findings as JSON'],
        ['message --zone fixtures/message/rfc fixtures/message/rfc/rfc6376-a2.eml --volume 20000', 'SPF for the address of its Received field; judged as bulk mail (5,000+ a day). A file of - reads standard input'],
      ],
      exit1: 'findings at or above --fail-on (a DKIM signature that fails, DMARC failing, a predicted rejection are errors)',
    });
  },
  load: () => import('../commands/message.js').then((m) => m.messageCommand),
};
