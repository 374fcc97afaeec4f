// IXFR out (RFC 1995): the chain of differences from the client's serial, a full answer when none, or the single SOA.
import { type ResourceRecord } from '../wire/index.js';
import type { ZoneContents } from '../zone/index.js';
import { axfrRecords, packRecords } from './axfr-out.js';
import type { Diff } from './diff.js';
import type { Journal } from './journal.js';
import { MessagePacker, type XfrOutOptions, type XfrRequest } from './packer.js';
import { recordKey } from './record-key.js';
import { serialCompare } from './serial.js';

/** How an IXFR request is answered. */
export type IxfrPlan =
  /** The client has our serial or a newer one: the single SOA (RFC 1995 2). */
  | { readonly kind: 'current' }
  /** Kept differences lead from the client's serial to ours. */
  | { readonly kind: 'incremental'; readonly diffs: readonly Diff[] }
  /** No chain: the whole zone, AXFR-style (RFC 1995 4). */
  | { readonly kind: 'full'; readonly reason: 'no-history' | 'serial-unknown' | 'chain-incomplete' };

/**
 * Chooses the answer as NSD's query_ixfr does: a client serial equal to or newer than ours (RFC 1982)
 * gets the single SOA; kept differences starting at the client's serial and ending at ours give an
 * incremental answer; anything else a full one.
 */
export function planIxfr(zone: ZoneContents, journal: Journal | null, clientSerial: number): IxfrPlan {
  const c = serialCompare(clientSerial, zone.serial);
  if (c === 0 || c === 1) return { kind: 'current' };
  if (!journal || journal.length === 0) return { kind: 'full', reason: 'no-history' };
  const chain = journal.chainFrom(clientSerial);
  if (chain === null) return { kind: 'full', reason: 'serial-unknown' };
  if (chain[chain.length - 1].newSerial !== zone.serial) return { kind: 'full', reason: 'chain-incomplete' };
  return { kind: 'incremental', diffs: chain };
}

/**
 * Merges a chain into one difference (RFC 1995 4 allows the condensed form): a record removed and
 * added back with the same TTL disappears from both lists.
 */
export function condenseDiffs(diffs: readonly Diff[]): Diff {
  const removed = new Map<string, ResourceRecord>();
  const added = new Map<string, ResourceRecord>();
  for (const d of diffs) {
    for (const rr of d.removed) {
      const k = recordKey(rr);
      if (!added.delete(k)) removed.set(k, rr);
    }
    for (const rr of d.added) {
      const k = recordKey(rr);
      if (!removed.delete(k)) added.set(k, rr);
    }
  }
  const first = diffs[0];
  const last = diffs[diffs.length - 1];
  return {
    oldSerial: first.oldSerial, newSerial: last.newSerial, oldSoa: first.oldSoa, newSoa: last.newSoa,
    removed: [...removed.values()], added: [...added.values()],
  };
}

/**
 * The answer records of an incremental transfer (RFC 1995 4): the current SOA, then per difference the
 * old SOA, the removed records, the new SOA and the added records, and the current SOA again.
 */
export function* ixfrRecords(current: ResourceRecord, diffs: readonly Diff[]): Generator<ResourceRecord> {
  yield current;
  for (const d of diffs) {
    yield d.oldSoa;
    yield* d.removed;
    yield d.newSoa;
    yield* d.added;
  }
  yield current;
}

export interface IxfrOutOptions extends XfrOutOptions {
  /** 'udp': one message only (RFC 1995 2); default 'tcp'. */
  readonly transport?: 'udp' | 'tcp';
  /** Send the chain as one condensed difference instead of the sequence (RFC 1995 4); default false, as NSD. */
  readonly condense?: boolean;
}

function soaRecord(zone: ZoneContents): ResourceRecord {
  const s = zone.soa;
  return { owner: s.owner, type: s.type, class: s.class, ttl: s.ttlAt(0), rdata: s.rdataAt(0) };
}

function answerRecords(zone: ZoneContents, plan: IxfrPlan, condense: boolean): Iterable<ResourceRecord> {
  if (plan.kind === 'current') return [soaRecord(zone)];
  if (plan.kind === 'full') return axfrRecords(zone);
  return ixfrRecords(soaRecord(zone), condense ? [condenseDiffs(plan.diffs)] : plan.diffs);
}

/** True when all of `records` fit one message of the options' size (packed without signing). */
function fitsOne(records: Iterable<ResourceRecord>, request: XfrRequest, opts: XfrOutOptions): boolean {
  const dry = opts.signer ? { reserveSize: opts.signer.reserveSize, sign: () => null } : undefined;
  const p = new MessagePacker(request, { ...opts, signer: dry });
  for (const rr of records) if (p.add(rr) !== null) return false;
  return true;
}

/**
 * The messages of an IXFR response. Over TCP: the planned answer (see planIxfr) packed into as many
 * messages as needed, question in the first. Over UDP a single message: the whole answer if it fits
 * the size limit, else, as NSD does it, the current SOA alone with TC set, telling the client to ask
 * again over TCP (RFC 1995 2).
 */
export function* ixfrMessages(
  zone: ZoneContents,
  journal: Journal | null,
  clientSerial: number,
  request: XfrRequest,
  opts: IxfrOutOptions = {},
): Generator<Uint8Array> {
  const plan = planIxfr(zone, journal, clientSerial);
  const condense = opts.condense ?? false;
  if (opts.transport !== 'udp' || plan.kind === 'current') {
    yield* packRecords(answerRecords(zone, plan, condense), request, opts);
    return;
  }
  if (fitsOne(answerRecords(zone, plan, condense), request, opts)) {
    yield* packRecords(answerRecords(zone, plan, condense), request, opts);
    return;
  }
  const p = new MessagePacker(request, opts);
  p.add(soaRecord(zone));
  p.writer.setTc();
  yield p.finish();
}
