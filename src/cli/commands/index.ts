// Every command the CLI offers. Add a module here to register it.
import type { CommandModule } from '../command.js';
import { dkimCommand } from './dkim.js';
import { dmarcCommand } from './dmarc.js';
import { lookupCommand } from './lookup.js';
import { mxCommand } from './mx.js';
import { predictCommand } from './predict.js';
import { ptrCommand } from './ptr.js';
import { spfCommand } from './spf.js';

export const COMMANDS: CommandModule[] = [lookupCommand, dkimCommand, ptrCommand, mxCommand, dmarcCommand, spfCommand, predictCommand];
