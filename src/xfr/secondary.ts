// One secondary zone: the refresh scheduler, transfers from its primaries, the snapshot swap, kept differences and persistence.
import type { Name } from '../wire/index.js';
import type { ZoneContents } from '../zone/index.js';
import { computeDiff, type Diff } from './diff.js';
import type { Clock, IdSource, Requester } from './io.js';
import type { Journal } from './journal.js';
import { encodeJournal } from './journal-codec.js';
import { type CheckOutcome, type NextCheck, RefreshScheduler, type SchedulerEvent } from './refresh-scheduler.js';
import { boundExpire, DEFAULT_REFRESH_LIMITS, type RefreshLimits, type RefreshState } from './refresh-state.js';
import { serialGt } from './serial.js';
import { soaTimers } from './soa.js';
import { type Primary, transferIn } from './transfer-in.js';
import type { TransferErrorCode } from './transfer-stream.js';

/** Persists a transferred zone (service/ writes a temporary file, fsyncs and renames it). */
export interface ZoneWriter {
  write(zone: ZoneContents): Promise<void>;
}

/** Persists the kept differences (the journal file next to the zone file). */
export interface JournalStore {
  save(bytes: Uint8Array): Promise<void>;
}

/** Persists the refresh state (NSD's xfrdfile). */
export interface StateStore {
  save(state: RefreshState): Promise<void>;
}

export type SecondaryEvent =
  | SchedulerEvent
  | { readonly type: 'transferred'; readonly primary: number; readonly kind: 'axfr' | 'ixfr'; readonly serial: number; readonly messages: number; readonly octets: number }
  | { readonly type: 'uptodate'; readonly primary: number; readonly serial: number }
  /** `kind`: what was asked first (an IXFR may have fallen back to AXFR). */
  | { readonly type: 'transfer-failed'; readonly primary: number; readonly kind: 'axfr' | 'ixfr'; readonly code: TransferErrorCode; readonly message: string }
  | { readonly type: 'persist-failed'; readonly what: 'zone' | 'journal' | 'state'; readonly message: string };

/** A check of a primary in progress: which one, and the transport of its open exchange (null: not sent yet). */
export interface TransferInProgress {
  readonly primary: number;
  readonly transport: 'udp' | 'tcp' | null;
}

export interface SecondaryOptions {
  readonly origin: Name;
  readonly primaries: readonly Primary[];
  readonly requester: Requester;
  readonly clock: Clock;
  /** The saved copy loaded at start, or null. */
  readonly zone: ZoneContents | null;
  /** The saved refresh state; ignored when it is not about `zone`'s serial. */
  readonly state?: RefreshState | null;
  /** store-ixfr: where received (and, after an AXFR, computed) differences are kept; null keeps none. */
  readonly journal?: Journal | null;
  readonly limits?: RefreshLimits;
  readonly allowAxfrFallback?: boolean;
  readonly sizeLimit?: number;
  /** NSD's transfer file header for size-limit-xfr (see size-limit.ts). */
  readonly sizeLimitHeader?: number;
  readonly timeoutMs?: number;
  readonly zoneWriter?: ZoneWriter;
  readonly journalStore?: JournalStore;
  readonly stateStore?: StateStore;
  /** The new snapshot to serve: called before anything is persisted, so the swap is immediate. */
  readonly onSnapshot: (zone: ZoneContents) => void;
  /** The zone expired (serve SERVFAIL) or came back. */
  readonly onExpired?: (expired: boolean) => void;
  readonly onEvent?: (e: SecondaryEvent) => void;
  readonly random?: () => number;
  readonly id?: IdSource;
}

/** Addresses compared as a dual-stack socket reports them (an IPv4 peer as ::ffff:a.b.c.d). */
function sameAddress(a: string, b: string): boolean {
  const plain = (x: string): string => x.toLowerCase().replace(/^::ffff:(?=\d+\.)/, '');
  return plain(a) === plain(b);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The state to start from: the saved one when it describes the copy we loaded, else "just loaded" (NSD's zonefile case). */
function initialState(o: SecondaryOptions): RefreshState | null {
  const zone = o.zone;
  if (!zone) return null;
  if (o.state && o.state.serial === zone.serial) return o.state;
  const t = soaTimers(zone.soa.rdataAt(0));
  const now = o.clock.now();
  const limits = o.limits ?? DEFAULT_REFRESH_LIMITS;
  return { serial: t.serial, refresh: t.refresh, retry: t.retry, expire: t.expire, acquired: now, expireAt: now + boundExpire(limits, t) * 1000, expired: false };
}

/**
 * A secondary zone (a zone with request-xfr lines). start() serves the saved copy at once (unless its
 * saved state says it expired) and checks the primaries; from then on the scheduler's timers and
 * NOTIFYs drive transfers. A successful transfer swaps the snapshot in (onSnapshot), keeps the
 * differences when a journal is given, and persists the zone, the journal and the state; a failed one
 * changes nothing.
 */
export class SecondaryZone {
  private current: ZoneContents | null;
  private readonly scheduler: RefreshScheduler;
  private active: TransferInProgress | null = null;
  /** force_transfer: AXFR at any serial until a transfer succeeds (NSD forgets the copy's SOA until then). */
  private forcing = false;

  constructor(private readonly o: SecondaryOptions) {
    this.current = o.zone;
    this.scheduler = new RefreshScheduler({
      primaries: o.primaries.length,
      check: (i) => this.check(i),
      clock: o.clock,
      limits: o.limits,
      random: o.random,
      state: initialState(o),
      onEvent: (e) => this.onSchedulerEvent(e),
    });
  }

  get zone(): ZoneContents | null {
    return this.current;
  }

  get expired(): boolean {
    return this.scheduler.expired;
  }

  get state(): RefreshState {
    return this.scheduler.state;
  }

  get journal(): Journal | null {
    return this.o.journal ?? null;
  }

  /** The next timed check (refresh or retry), or null while checking. */
  get nextCheck(): NextCheck | null {
    return this.scheduler.nextCheck;
  }

  /** The check running now, or null (nsd-control zonestatus "transfer:"). */
  get transferring(): TransferInProgress | null {
    return this.active;
  }

  start(): Promise<void> {
    return this.scheduler.start();
  }

  stop(): void {
    this.scheduler.stop();
  }

  /**
   * A NOTIFY for this zone (already admitted by allow-notify), with the serial of its SOA if it had one.
   * `from` (the sender's address, or the index of the request-xfr line) picks the primary asked first.
   */
  notify(serial: number | null, from?: string | number): boolean {
    const i = typeof from === 'number' ? from : from === undefined ? -1 : this.o.primaries.findIndex((p) => sameAddress(p.address, from));
    return this.scheduler.notify(serial, i >= 0 && i < this.o.primaries.length ? i : 0);
  }

  /**
   * nsd-control force_transfer: a full AXFR now, taken even when its serial is not newer than ours
   * (NSD force_transfer_zone). Returns false once stopped.
   */
  forceTransfer(): boolean {
    this.forcing = true;
    return this.scheduler.notify(null, 0);
  }

  private onSchedulerEvent(e: SchedulerEvent): void {
    this.o.onEvent?.(e);
    if (e.type === 'expired' || e.type === 'unexpired') this.o.onExpired?.(e.type === 'expired');
    if (e.type === 'refreshed' || e.type === 'expired') void this.saveState();
  }

  private async saveState(): Promise<void> {
    if (!this.o.stateStore) return;
    try {
      await this.o.stateStore.save(this.scheduler.state);
    } catch (e) {
      this.o.onEvent?.({ type: 'persist-failed', what: 'state', message: message(e) });
    }
  }

  /** The requester, noting the transport of each exchange the check opens (for `transferring`). */
  private tracked(primary: number): Requester {
    const inner = this.o.requester;
    return {
      exchange: (to, message, transport) => {
        this.active = { primary, transport };
        return inner.exchange(to, message, transport);
      },
    };
  }

  private async check(primary: number): Promise<CheckOutcome> {
    const o = this.o;
    const force = this.forcing;
    const p = o.primaries[primary];
    this.active = { primary, transport: null };
    let out: Awaited<ReturnType<typeof transferIn>>;
    try {
      out = await transferIn({
        origin: o.origin, current: this.current, primary: p, requester: this.tracked(primary), clock: o.clock,
        allowAxfrFallback: o.allowAxfrFallback, sizeLimit: o.sizeLimit, sizeLimitHeader: o.sizeLimitHeader, timeoutMs: o.timeoutMs, id: o.id, force,
      });
    } finally {
      this.active = null;
    }
    if (!out.ok) {
      const kind = force || !this.current || p.axfrOnly ? 'axfr' : 'ixfr';
      o.onEvent?.({ type: 'transfer-failed', primary, kind, code: out.error.code, message: out.error.message });
      return { ok: false, reason: out.error.message };
    }
    if (out.kind === 'uptodate') {
      o.onEvent?.({ type: 'uptodate', primary, serial: out.serial });
      const zone = this.current;
      return zone ? { ok: true, soa: soaTimers(zone.soa.rdataAt(0)) } : { ok: false, reason: 'no copy and no transfer' };
    }
    const old = this.current;
    this.current = out.zone;
    if (force) this.forcing = false;
    o.onSnapshot(out.zone);
    o.onEvent?.({ type: 'transferred', primary, kind: out.kind, serial: out.serial, messages: out.messages, octets: out.octets });
    // A forced AXFR may bring a serial that is not newer: the kept differences no longer lead to it.
    const continues = old === null || serialGt(out.zone.serial, old.serial);
    await this.keep(continues ? old : null, out.zone, out.kind === 'ixfr' ? out.diffs : null);
    await this.persistZone(out.zone);
    return { ok: true, soa: soaTimers(out.zone.soa.rdataAt(0)) };
  }

  /** store-ixfr: the received differences, or after an AXFR the difference from our old copy. */
  private async keep(old: ZoneContents | null, zone: ZoneContents, received: readonly Diff[] | null): Promise<void> {
    const j = this.o.journal;
    if (!j) return;
    const diffs = received ?? (old ? [computeDiff(old, zone)] : []);
    if (diffs.length === 0) j.clear();
    for (const d of diffs) j.add(d);
    if (!this.o.journalStore) return;
    try {
      await this.o.journalStore.save(encodeJournal(j));
    } catch (e) {
      this.o.onEvent?.({ type: 'persist-failed', what: 'journal', message: message(e) });
    }
  }

  private async persistZone(zone: ZoneContents): Promise<void> {
    if (!this.o.zoneWriter) return;
    try {
      await this.o.zoneWriter.write(zone);
    } catch (e) {
      this.o.onEvent?.({ type: 'persist-failed', what: 'zone', message: message(e) });
    }
  }
}
