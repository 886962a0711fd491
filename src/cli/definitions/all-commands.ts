// Every command the CLI offers, in the order --help lists them. Add a definition here to register
// a command; its code loads only when it runs.
import type { CommandDefinition } from '../command.js';
import { auditDefinition } from './audit.js';
import { bounceDefinition } from './bounce.js';
import { diffDefinition } from './diff.js';
import { dkimDefinition } from './dkim.js';
import { dmarcDefinition } from './dmarc.js';
import { dnssecDefinition } from './dnssec.js';
import { flattenDefinition } from './flatten.js';
import { lookupDefinition } from './lookup.js';
import { messageDefinition } from './message.js';
import { mxDefinition } from './mx.js';
import { predictDefinition } from './predict.js';
import { ptrDefinition } from './ptr.js';
import { spfDefinition } from './spf.js';

export const DEFINITIONS: readonly CommandDefinition[] = [
  auditDefinition,
  spfDefinition,
  dmarcDefinition,
  dkimDefinition,
  mxDefinition,
  dnssecDefinition,
  ptrDefinition,
  predictDefinition,
  messageDefinition,
  bounceDefinition,
  flattenDefinition,
  diffDefinition,
  lookupDefinition,
];
