// The outside world as xfr/ sees it: a clock with timers, a requester for outbound DNS, and TSIG hooks (implemented elsewhere).

/** A timer handle, whatever the clock uses. */
export type TimerHandle = unknown;

/** Time and timers, injected so the transfer logic runs on a fake clock in tests. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds. */
  setTimer(ms: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

/** Where a request goes. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/**
 * Sends DNS requests (server/ implements it over node:dgram and node:net). `exchange` sends one
 * message and yields the response messages as they arrive: over UDP at most one (replies from other
 * addresses or with another ID are the requester's to drop), over TCP (2-octet length framing, RFC
 * 1035 4.2.2) every message until the peer closes. The consumer stops early by calling return() on
 * the iterator, which must close the connection; a network error rejects the pending next(). Time
 * limits are applied by the caller through the Clock, so the requester need not enforce any.
 */
export interface Requester {
  exchange(to: Endpoint, message: Uint8Array, transport: 'udp' | 'tcp'): AsyncIterable<Uint8Array>;
}

/** The verdict on one received message or on a whole stream. */
export type VerifyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Checks the messages of a response stream (tsig/'s TsigResponseVerifier has this shape). */
export interface ResponseVerifier {
  verify(msg: Uint8Array): VerifyResult;
  /** After the last message: the stream as a whole is acceptable (e.g. its last message was signed). */
  finish(): VerifyResult;
}

/** Signs an outgoing request (finished message) and gives the verifier for its responses. */
export interface RequestSigner {
  sign(request: Uint8Array): { readonly message: Uint8Array; readonly verifier: ResponseVerifier };
}

/** A random 16-bit message ID (RFC 5452 9.2); injectable for tests. */
export type IdSource = () => number;

export const randomId: IdSource = () => Math.floor(Math.random() * 0x10000);

/** Resolves with the iterator's next result, or 'timeout' when the clock fires first. */
export function nextWithin<T>(it: AsyncIterator<T>, clock: Clock, ms: number): Promise<IteratorResult<T> | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = clock.setTimer(ms, () => resolve('timeout'));
    it.next().then(
      (r) => {
        clock.clearTimer(timer);
        resolve(r);
      },
      (e: unknown) => {
        clock.clearTimer(timer);
        reject(e);
      },
    );
  });
}

/** Asks the iterator to stop (closing its connection) without waiting for it. */
export function closeQuietly(it: AsyncIterator<unknown>): void {
  try {
    it.return?.()?.catch(() => undefined);
  } catch {
    // an iterator that throws on return has nothing left to close
  }
}
