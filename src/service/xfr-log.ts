// Log lines for transfers, NOTIFY and TSIG: what the pipeline, the secondary zones and the notifiers report.
import type { ProcessEvent } from '../process/index.js';
import type { NotifierEvent, SecondaryEvent } from '../xfr/index.js';
import type { Logger } from './logger.js';

/** Refusals and TSIG failures can be provoked by anyone: at most this many such lines a second. */
const REFUSALS_PER_SECOND = 20;

/** Logs the pipeline's events (refused and served transfers, NOTIFYs in, TSIG failures), refusals capped per second. */
export function processEventLogger(log: Logger): (e: ProcessEvent) => void {
  let second = -1;
  let count = 0;
  const capped = (): boolean => {
    const s = Math.floor(Date.now() / 1000);
    if (s !== second) {
      second = s;
      count = 0;
    }
    return ++count > REFUSALS_PER_SECOND;
  };
  return (e) => {
    switch (e.type) {
      case 'refused':
        if (!capped()) log.info({ zone: e.zone, client: e.client, reason: e.reason, key: e.key }, `${e.kind} for ${e.zone} from ${e.client} refused, ${e.reason}`);
        return;
      case 'tsig-failed':
        if (!capped()) log.info({ client: e.client, key: e.key, tsigError: e.error, reason: e.reason }, `TSIG failed from ${e.client}: ${e.reason}`);
        return;
      case 'notify-in':
        log.info({ zone: e.zone, client: e.client, serial: e.serial, key: e.key }, `notify for ${e.zone} from ${e.client}`);
        return;
      case 'xfr-out':
        log.info(
          { zone: e.zone, client: e.client, kind: e.kind, serial: e.serial, answer: e.answer, transport: e.transport, key: e.key, messages: e.messages, bytes: e.octets, ms: e.ms, complete: e.complete },
          `${e.kind} for ${e.zone} to ${e.client}: serial ${e.serial}, ${e.answer}, ${e.octets} bytes in ${e.ms} ms${e.complete ? '' : ' (stopped early)'}`,
        );
        return;
    }
  };
}

/**
 * Logs one secondary zone's events; `primaryOf` names a request-xfr line by its index (its address as
 * written, as NSD's log lines name the primary).
 */
export function secondaryEventLogger(log: Logger, zone: string, primaryOf: (index: number) => string = (i) => `#${i}`): (e: SecondaryEvent) => void {
  let began = Date.now();
  return (e) => {
    switch (e.type) {
      case 'checking':
        began = Date.now();
        log.debug({ zone, primary: e.primary, reason: e.reason }, `checking ${zone} with primary ${e.primary} (${e.reason})`);
        return;
      case 'transferred':
        log.info(
          { zone, primary: e.primary, kind: e.kind, serial: e.serial, messages: e.messages, bytes: e.octets, ms: Date.now() - began },
          `${e.kind} of ${zone} serial ${e.serial} received: ${e.octets} bytes in ${Date.now() - began} ms`,
        );
        return;
      case 'uptodate':
        log.debug({ zone, primary: e.primary, serial: e.serial }, `${zone} is up to date at serial ${e.serial}`);
        return;
      case 'transfer-failed':
        log.warn({ zone, primary: primaryOf(e.primary), code: e.code }, `transfer of ${zone} from ${primaryOf(e.primary)} failed: ${e.message}`);
        return;
      case 'expired':
        log.error({ zone }, `zone ${zone} expired: answered SERVFAIL until a transfer succeeds`);
        return;
      case 'unexpired':
        log.info({ zone }, `zone ${zone} is served again`);
        return;
      case 'persist-failed':
        log.error({ zone, what: e.what }, `could not save the ${e.what} of ${zone}: ${e.message}`);
        return;
      case 'retry-scheduled':
        log.debug({ zone, inMs: e.inMs }, `${zone}: retry in ${Math.round(e.inMs / 1000)} s`);
        return;
      default:
        log.debug({ zone, event: e.type }, `${zone}: ${e.type}`);
    }
  };
}

/** Logs one notifier's events (one zone, one notify: target). */
export function notifierEventLogger(log: Logger, zone: string, target: string): (e: NotifierEvent) => void {
  return (e) => {
    switch (e.type) {
      case 'acked':
        log.info({ zone, target, serial: e.serial, attempts: e.attempts }, `notify for ${zone} serial ${e.serial} acknowledged by ${target}`);
        return;
      case 'retry':
        log.debug({ zone, target, serial: e.serial, attempt: e.attempt }, `notify for ${zone} to ${target}: ${e.reason}, retrying`);
        return;
      case 'refused':
        log.warn({ zone, target, serial: e.serial, rcode: e.rcode }, `notify for ${zone} to ${target} refused: ${e.reason}`);
        return;
      case 'gave-up':
        log.warn({ zone, target, serial: e.serial, attempts: e.attempts }, `notify for ${zone} to ${target}: no answer after ${e.attempts} sends, giving up (${e.reason})`);
        return;
    }
  };
}
