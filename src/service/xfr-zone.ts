// One configured zone's transfer side: ACLs and journal for transfers out, NOTIFY out, and (request-xfr) the secondary.
import { type CompiledAcl, compileAcl } from '../acl/index.js';
import type { AclEntry, ZoneConfig } from '../config/index.js';
import type { XfrZone } from '../process/index.js';
import type { ServerStats } from '../stats/index.js';
import type { TsigKeyring } from '../tsig/index.js';
import { nameToText, parseName, type Name, type ResourceRecord } from '../wire/index.js';
import {
  type Clock, computeDiff, encodeJournal, implicitPatternName, Journal, Notifier, type Primary, type RefreshLimits, type Requester, SecondaryZone,
  serialGt, tsigRequestSigner, xfrFileHeaderOctets,
} from '../xfr/index.js';
import type { ZoneContents } from '../zone/index.js';
import type { Logger } from './logger.js';
import { keyOfLine, tsigNow } from './tsig-keys.js';
import { JournalFile, type StateFile, ZoneFileWriter } from './xfr-files.js';
import { countNotifierEvent, countSecondaryEvent } from './xfr-events.js';
import { notifierEventLogger, secondaryEventLogger } from './xfr-log.js';
import type { ZoneRegistry } from './zone-registry.js';

/** What every zone's transfer side shares. */
export interface XfrDeps {
  readonly registry: ZoneRegistry;
  readonly keyring: TsigKeyring;
  readonly requester: Requester;
  readonly clock: Clock;
  readonly log: Logger;
  /** The refresh states of the secondaries (xfrdfile), or null when none is kept. */
  readonly states: StateFile | null;
  /** The longest wait for each message of a transfer in (tcp-timeout). */
  readonly timeoutMs: number;
  /** finish: transfers in and NOTIFYs sent are counted here (/metrics). */
  readonly stats?: ServerStats;
}

/** finish: a secondary's timers and transfer as nsd-control zonestatus prints them ("wait:", "transfer:"). */
export interface SecondaryProgress {
  /** The wait the next timed check was armed with, in seconds (NSD prints the timer's timeout), or null. */
  readonly waitSeconds: number | null;
  /** When that check runs (ms since the epoch), or null. */
  readonly nextCheckAt: number | null;
  /** NSD's wording of a transfer in progress ("TCP connected to 192.0.2.1@53"), or null. */
  readonly transfer: string | null;
}

/** Sends events to each listener given. */
function both<E>(...fns: readonly ((e: E) => void)[]): (e: E) => void {
  return (e) => {
    for (const f of fns) f(e);
  };
}

/** The current SOA record of a snapshot, as NOTIFY carries it. */
function soaRecord(zone: ZoneContents): ResourceRecord {
  const s = zone.soa;
  return { owner: s.owner, type: s.type, class: s.class, ttl: s.ttlAt(0), rdata: s.rdataAt(0) };
}

function refreshLimits(c: ZoneConfig): RefreshLimits {
  return { minRefresh: c.minRefreshTime, maxRefresh: c.maxRefreshTime, minRetry: c.minRetryTime, maxRetry: c.maxRetryTime, minExpire: c.minExpireTime };
}

/**
 * The transfer side of one zone, as the pipeline sees it (XfrZone) and as the service drives it. A
 * zone keeps differences when create-ixfr (a primary: from zone file reloads) or store-ixfr (a
 * secondary: the IXFRs it receives) is on, in a journal file next to its zone file; it notifies its
 * notify: targets of every new serial (and once at start, as NSD does); with request-xfr lines it is
 * a secondary: a SecondaryZone pulls it, swaps each new snapshot into the served set, saves it.
 */
export class ZoneXfr implements XfrZone {
  readonly provideXfr: CompiledAcl;
  readonly allowNotify: CompiledAcl;
  readonly origin: Name;
  private readonly journalRef: Journal | null;
  private readonly journalFile: JournalFile | null;
  private readonly notifiers: Notifier[];
  readonly secondary: SecondaryZone | null;
  /** finish: the serial of the last NOTIFY round started (zonestatus "notify:"). */
  private notifiedSerial = 0;

  /**
   * `inherited`: the journal of the zone's previous transfer side (a reconfig that kept its zone file), so
   * the differences kept in memory carry over.
   */
  constructor(
    readonly config: ZoneConfig,
    private readonly deps: XfrDeps,
    inherited?: Journal | null,
  ) {
    this.origin = parseName(config.key, null);
    this.provideXfr = compileAcl(config.provideXfr);
    this.allowNotify = compileAcl(config.allowNotify);
    const held = deps.registry.contentsOf(this.origin.key);
    const kept = config.createIxfr || config.storeIxfr;
    this.journalFile = kept && config.zonefilePath !== null ? JournalFile.forZoneFile(config.zonefilePath) : null;
    this.journalRef = kept ? (inherited ?? this.loadJournal(held)) : null;
    this.notifiers = config.notify.map((e) => this.notifier(e));
    this.secondary = config.role === 'secondary' && config.requestXfr.length > 0 ? this.secondaryZone(held) : null;
  }

  snapshot(): ZoneContents | undefined {
    return this.deps.registry.contentsOf(this.origin.key);
  }

  expired(): boolean {
    return this.deps.registry.isExpired(this.origin.key);
  }

  journal(): Journal | null {
    return this.journalRef;
  }

  /** A NOTIFY admitted by allow-notify: a secondary checks at once, starting with the primary that sent it. */
  notified(serial: number | null, address: string): void {
    this.secondary?.notify(serial, address);
  }

  /** Starts the secondary's timers, or notifies a primary's targets of the loaded serial (NSD notifies at start-up). */
  start(): void {
    if (this.secondary) {
      void this.secondary.start();
      return;
    }
    const zone = this.snapshot();
    if (zone) this.notifyAll(zone);
  }

  /** nsd-control notify: NOTIFY every notify: target of the serial served now. */
  notifyNow(): void {
    const zone = this.snapshot();
    if (zone) this.notifyAll(zone);
  }

  /** finish: nsd-control force_transfer: a full AXFR now, accepted even at the same or an older serial. */
  forceTransfer(): void {
    this.secondary?.forceTransfer();
  }

  /** finish: the secondary's next timed check and transfer in progress, or null for a primary. */
  progress(): SecondaryProgress | null {
    const sz = this.secondary;
    if (sz === null) return null;
    const next = sz.nextCheck;
    const busy = sz.transferring;
    let transfer: string | null = null;
    if (busy !== null && busy.transport !== null) {
      // NSD print_zonestatus: the request-xfr line's address as written.
      const spec = this.config.requestXfr[busy.primary]?.spec ?? '?';
      transfer = busy.transport === 'udp' ? `sent UDP to ${spec}` : `TCP connected to ${spec}`;
    }
    return { waitSeconds: next?.seconds ?? null, nextCheckAt: next?.at ?? null, transfer };
  }

  /** finish: the notify: targets a NOTIFY round is still being sent to, with its serial, or null. */
  notifying(): { readonly targets: readonly string[]; readonly serial: number } | null {
    const targets = this.config.notify.filter((_, i) => this.notifiers[i]?.state === 'sending').map((e) => e.spec);
    return targets.length === 0 ? null : { targets, serial: this.notifiedSerial };
  }

  stop(): void {
    this.secondary?.stop();
    for (const n of this.notifiers) n.stop();
  }

  /**
   * The zone file gave the zone new contents (SIGHUP or a control reload). With create-ixfr the exact
   * difference is kept (serial newer, RFC 1982) or the journal restarts (serial not newer: old
   * differences no longer lead to this version); the notify: targets are told of a new serial.
   */
  fileChanged(old: ZoneContents | undefined, next: ZoneContents): void {
    if (old === undefined || old.serial === next.serial) {
      if (old !== undefined) this.deps.log.warn({ zone: this.config.name, serial: next.serial }, `zone ${this.config.name} reloaded with the same serial: secondaries will not see the change`);
      return;
    }
    const j = this.journalRef;
    if (j && this.config.createIxfr) {
      if (serialGt(next.serial, old.serial)) {
        const outcome = j.add(computeDiff(old, next));
        this.deps.log.info({ zone: this.config.name, from: old.serial, to: next.serial, outcome, kept: j.length }, `ixfr data for ${this.config.name} ${old.serial} -> ${next.serial}: ${outcome}`);
      } else {
        j.clear();
        this.deps.log.warn({ zone: this.config.name, from: old.serial, to: next.serial }, `serial of ${this.config.name} went back: ixfr data dropped`);
      }
      this.saveJournal(j);
    }
    this.notifyAll(next);
  }

  private saveJournal(j: Journal): void {
    this.journalFile?.save(encodeJournal(j)).catch((e: unknown) => {
      this.deps.log.error({ zone: this.config.name, file: this.journalFile?.file }, `could not save the ixfr data of ${this.config.name}: ${(e as Error).message}`);
    });
  }

  private notifyAll(zone: ZoneContents): void {
    const soa = soaRecord(zone);
    this.notifiedSerial = zone.serial;
    for (const n of this.notifiers) void n.notify(soa);
  }

  /** The saved differences when they end at the serial held, else an empty journal (the reason is logged). */
  private loadJournal(held: ZoneContents | undefined): Journal {
    const limits = { ixfrNumber: this.config.ixfrNumber, ixfrSize: this.config.ixfrSize };
    if (this.journalFile === null) return new Journal(this.origin, limits);
    const { journal, dropped } = this.journalFile.load(this.origin, limits, held?.serial);
    if (dropped !== null) this.deps.log.warn({ zone: this.config.name, file: this.journalFile.file }, `ixfr data of ${this.config.name} not used: ${dropped}`);
    return journal;
  }

  private notifier(e: AclEntry): Notifier {
    const d = this.deps;
    const key = keyOfLine(e, d.keyring, this.config.name);
    const target = { address: e.address, port: e.port ?? 53, signer: key ? tsigRequestSigner(key, tsigNow) : null };
    return new Notifier({
      zone: this.origin, target, requester: d.requester, clock: d.clock, retries: this.config.notifyRetry,
      onEvent: both(notifierEventLogger(d.log, this.config.name, `${target.address}@${target.port}`), ...(d.stats ? [countNotifierEvent(d.stats)] : [])),
    });
  }

  private secondaryZone(held: ZoneContents | undefined): SecondaryZone {
    const d = this.deps;
    const c = this.config;
    const primaries: Primary[] = c.requestXfr.map((e) => {
      const key = keyOfLine(e, d.keyring, c.name);
      return { address: e.address, port: e.port ?? 53, axfrOnly: e.axfrOnly, udp: e.udp, signer: key ? tsigRequestSigner(key, tsigNow) : null };
    });
    const key = this.origin.key;
    return new SecondaryZone({
      origin: this.origin, primaries, requester: d.requester, clock: d.clock, zone: held ?? null,
      state: d.states?.get(c.key) ?? null, journal: this.journalRef, limits: refreshLimits(c),
      allowAxfrFallback: c.allowAxfrFallback, sizeLimit: c.sizeLimitXfr, timeoutMs: d.timeoutMs,
      // NSD counts size-limit-xfr on its transfer file, whose header names the zone and its implicit pattern.
      sizeLimitHeader: xfrFileHeaderOctets(nameToText(this.origin), implicitPatternName(c.name)),
      zoneWriter: c.zonefilePath !== null ? new ZoneFileWriter(c.zonefilePath) : undefined,
      journalStore: this.journalFile ?? undefined,
      stateStore: d.states?.store(c.key),
      onSnapshot: (zone) => {
        d.registry.setContents(key, zone);
        this.notifyAll(zone);
      },
      onExpired: (expired) => d.registry.setExpired(key, expired),
      onEvent: both(secondaryEventLogger(d.log, c.name, (i) => c.requestXfr[i]?.spec ?? `#${i}`), ...(d.stats ? [countSecondaryEvent(d.stats)] : [])),
    });
  }
}
