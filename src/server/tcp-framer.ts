// Splitting a TCP byte stream into DNS messages by their 2-octet length prefix (RFC 1035 4.2.2, RFC 7766 8).

/**
 * Collects received chunks and hands out complete messages in order. Chunks may split a message
 * (or its length prefix) anywhere, or carry several messages (pipelining, RFC 7766 6.2.1.1).
 */
export class TcpFramer {
  private acc: Uint8Array = new Uint8Array(0);

  /** Octets received but not yet part of a complete message. */
  get pending(): number {
    return this.acc.length;
  }

  push(chunk: Uint8Array): void {
    if (this.acc.length === 0) {
      this.acc = chunk;
      return;
    }
    const merged = new Uint8Array(this.acc.length + chunk.length);
    merged.set(this.acc, 0);
    merged.set(chunk, this.acc.length);
    this.acc = merged;
  }

  /** The next complete message (a view of the received bytes), or null until more arrives. */
  next(): Uint8Array | null {
    const a = this.acc;
    if (a.length < 2) return null;
    const len = (a[0] << 8) | a[1];
    if (a.length < 2 + len) return null;
    const msg = a.subarray(2, 2 + len);
    this.acc = a.subarray(2 + len);
    return msg;
  }
}

/** The message with its 2-octet length prefix, ready to write. */
export function frame(msg: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + msg.length);
  out[0] = (msg.length >> 8) & 0xff;
  out[1] = msg.length & 0xff;
  out.set(msg, 2);
  return out;
}
