// The fuzz targets, in the order `npm run fuzz` runs them.
import type { FuzzTarget } from '../engine/target.js';
import { target as decodeMessage } from './decode-message.js';
import { target as parseConfig } from './parse-config.js';
import { target as parseZone } from './parse-zone.js';
import { target as queryPath } from './query-path.js';
import { target as rdataText } from './rdata-text.js';
import { target as transferStream } from './transfer-stream.js';
import { target as verifyTsig } from './verify-tsig.js';

export const TARGETS: readonly FuzzTarget[] = [decodeMessage, queryPath, parseZone, rdataText, parseConfig, verifyTsig, transferStream];
