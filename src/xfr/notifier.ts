// NOTIFY out (RFC 1996): one notifier per (zone, target) sends, waits, retries with back-off and gives up, on the Clock.
import type { Name, ResourceRecord } from '../wire/index.js';
import { type Clock, closeQuietly, type Endpoint, type IdSource, nextWithin, randomId, type RequestSigner, type Requester } from './io.js';
import { buildNotify, checkNotifyResponse } from './notify.js';
import { soaSerial } from './soa.js';

/** A notify: line. */
export interface NotifyTarget extends Endpoint {
  /** Signs the NOTIFY with the line's key and verifies the answer; null or absent for NOKEY. */
  readonly signer?: RequestSigner | null;
}

export type NotifierEvent =
  | { readonly type: 'acked'; readonly serial: number; readonly attempts: number }
  | { readonly type: 'retry'; readonly serial: number; readonly attempt: number; readonly reason: string }
  /** The target answered with an error rcode (REFUSED, NOTAUTH...): retrying would not help. */
  | { readonly type: 'refused'; readonly serial: number; readonly reason: string; readonly rcode?: number }
  /** No acknowledgement after every attempt (NSD: "max notify send count reached"). */
  | { readonly type: 'gave-up'; readonly serial: number; readonly attempts: number; readonly reason: string };

export interface NotifierOptions {
  readonly zone: Name;
  readonly target: NotifyTarget;
  readonly requester: Requester;
  readonly clock: Clock;
  /** notify-retry: how many times a NOTIFY is sent before giving up (NSD's default 5). */
  readonly retries?: number;
  /** The wait for the first answer, in ms (NSD waits 3 s); each later wait doubles, up to maxWaitMs. */
  readonly waitMs?: number;
  readonly maxWaitMs?: number;
  readonly id?: IdSource;
  readonly onEvent?: (e: NotifierEvent) => void;
}

export type NotifierState = 'idle' | 'sending' | 'acked' | 'refused' | 'gave-up';

/**
 * Tells one secondary about a new version of one zone. notify(soa) starts a round for that SOA (a newer
 * round replaces one still running: only the latest serial matters, RFC 1996 4.2); the NOTIFY is sent
 * over UDP and each unanswered send is repeated after a growing wait until `retries` sends were made.
 */
export class Notifier {
  private round = 0;
  private current: NotifierState = 'idle';

  constructor(private readonly o: NotifierOptions) {}

  get state(): NotifierState {
    return this.current;
  }

  /** Starts notifying the target of `soa` (the zone's current SOA record). */
  notify(soa: ResourceRecord): Promise<void> {
    const round = ++this.round;
    this.current = 'sending';
    return this.run(round, soa);
  }

  /** Stops any round in progress (its pending wait ends without further sends). */
  stop(): void {
    this.round++;
    if (this.current === 'sending') this.current = 'idle';
  }

  private emit(e: NotifierEvent): void {
    this.o.onEvent?.(e);
  }

  private async run(round: number, soa: ResourceRecord): Promise<void> {
    const serial = soaSerial(soa.rdata);
    const sends = Math.max(1, this.o.retries ?? 5);
    let wait = this.o.waitMs ?? 3000;
    let reason = '';
    for (let attempt = 1; attempt <= sends; attempt++) {
      const r = await this.sendOnce(soa, wait);
      if (round !== this.round) return; // superseded or stopped
      if (r.ok) {
        this.current = 'acked';
        this.emit({ type: 'acked', serial, attempts: attempt });
        return;
      }
      if (r.final) {
        this.current = 'refused';
        this.emit({ type: 'refused', serial, reason: r.reason, rcode: r.rcode });
        return;
      }
      reason = r.reason;
      if (attempt < sends) this.emit({ type: 'retry', serial, attempt, reason });
      wait = Math.min(wait * 2, this.o.maxWaitMs ?? 30000);
    }
    this.current = 'gave-up';
    this.emit({ type: 'gave-up', serial, attempts: sends, reason });
  }

  /** One send and its wait; never throws. */
  private async sendOnce(soa: ResourceRecord, wait: number): Promise<{ ok: true } | { ok: false; final: boolean; reason: string; rcode?: number }> {
    const id = (this.o.id ?? randomId)() & 0xffff;
    const msg = buildNotify(this.o.zone, id, soa);
    const signed = this.o.target.signer ? this.o.target.signer.sign(msg) : null;
    let it: AsyncIterator<Uint8Array> | null = null;
    try {
      it = this.o.requester.exchange(this.o.target, signed ? signed.message : msg, 'udp')[Symbol.asyncIterator]();
      const r = await nextWithin(it, this.o.clock, wait);
      if (r === 'timeout') return { ok: false, final: false, reason: `no answer within ${wait} ms` };
      if (r.done) return { ok: false, final: false, reason: 'no answer' };
      const answer = checkNotifyResponse(r.value, id, this.o.zone);
      if (!answer.ok) return answer;
      if (signed) {
        const v = signed.verifier.verify(r.value);
        const end = v.ok ? signed.verifier.finish() : v;
        if (!end.ok) return { ok: false, final: false, reason: `TSIG: ${end.reason}` };
      }
      return { ok: true };
    } catch (e) {
      return { ok: false, final: false, reason: e instanceof Error ? e.message : String(e) };
    } finally {
      if (it) closeQuietly(it);
    }
  }
}
