// xfr/: zone transfers out (AXFR, IXFR), in (the transfer client and the refresh scheduler), NOTIFY, journals. No I/O of its own.
export { serialAdd, serialCompare, serialGt, serialLt } from './serial.js';
export { XfrError } from './errors.js';
export { CLASS_IN, type SoaTimers, soaSerial, soaTimers, TYPE_AXFR, TYPE_IXFR, TYPE_SOA, withSerial } from './soa.js';
export { type Clock, closeQuietly, type Endpoint, type IdSource, nextWithin, randomId, type RequestSigner, type Requester, type ResponseVerifier, type TimerHandle, type VerifyResult } from './io.js';
export { DEFAULT_XFR_MESSAGE_SIZE, MessagePacker, type MessageSigner, type XfrOutOptions, type XfrRequest } from './packer.js';
export { axfrMessages, axfrRecords, packRecords } from './axfr-out.js';
export { computeDiff, type Diff, diffSize } from './diff.js';
export { matchKey, recordKey, wireSize } from './record-key.js';
export { type ApplyFailure, type ApplyResult, applyDiffs, zoneHas } from './apply-diff.js';
export { DEFAULT_JOURNAL_LIMITS, Journal, type JournalAdd, type JournalLimits } from './journal.js';
export { decodeJournal, encodeJournal, JOURNAL_VERSION } from './journal-codec.js';
export { condenseDiffs, type IxfrOutOptions, ixfrMessages, type IxfrPlan, ixfrRecords, planIxfr } from './ixfr-out.js';
export { buildSoaQuery, buildXfrQuery, ixfrClientSerial, xfrRequestOf } from './requests.js';
export { buildNotify, checkNotifyResponse, type NotifyAnswer, type NotifyInfo, parseNotify, rcodeName } from './notify.js';
export { Notifier, type NotifierEvent, type NotifierOptions, type NotifierState, type NotifyTarget } from './notifier.js';
export { type StreamResult, type TransferError, type TransferErrorCode, TransferStream } from './transfer-stream.js';
export { type Primary, type TransferOptions, type TransferOutcome, transferIn } from './transfer-in.js';
export { type Attempt, type AttemptOptions, conclude, TransferAttempt } from './transfer-attempt.js';
export { implicitPatternName, XFR_FILE_MESSAGE_OVERHEAD, xfrFileHeaderOctets } from './size-limit.js';
export {
  boundExpire, boundRefresh, boundRetry, decodeRefreshState, DEFAULT_REFRESH_LIMITS, EMPTY_REFRESH_STATE, encodeRefreshState,
  type RefreshLimits, type RefreshState, servable,
} from './refresh-state.js';
export { type CheckOutcome, type CheckReason, type NextCheck, RefreshScheduler, type SchedulerEvent, type SchedulerOptions } from './refresh-scheduler.js';
export { type JournalStore, SecondaryZone, type SecondaryEvent, type SecondaryOptions, type StateStore, type TransferInProgress, type ZoneWriter } from './secondary.js';
export { tsigRequestSigner, tsigStreamSigner } from './tsig-hooks.js';
