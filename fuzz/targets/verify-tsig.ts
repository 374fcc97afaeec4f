// Fuzz target: TSIG verification (RFC 8945) of mutated signed requests and responses returns a result, never throws.
import {
  createTsigKey, signRequest, signResponseBytes, TsigKeyring, verifyRequest, verifyResponse, type TsigKey, type TsigSignedRequest,
} from '../../src/tsig/index.js';
import { decodeMessage, FLAG, MessageWriter, parseName, TYPE } from '../../src/wire/index.js';
import { PropertyFailure, type FuzzTarget } from '../engine/target.js';

const NOW = 1700000000;
const SECRET = 'K2tf3TRjvQkVCmJF3/Z9vA3R8cqzAMhAvvsiJGyAnvs=';
const KEYS: TsigKey[] = [
  createTsigKey('tsig-key.example.', 'hmac-sha256', SECRET),
  createTsigKey('md5.key.', 'hmac-md5', SECRET),
  createTsigKey('sha1.key.', 'hmac-sha1', 'YWJjZA=='),
  createTsigKey('sha512.key.', 'hmac-sha512', SECRET),
];
const KEYRING = new TsigKeyring(KEYS);
const clock = (delta: number) => () => NOW + delta;

/** A fixed signed SOA query: the request every mode-3 response answers. */
function signedQuery(key: TsigKey): TsigSignedRequest {
  const w = new MessageWriter(512);
  w.setId(0x4242);
  w.setFlags(FLAG.RD);
  w.addQuestion(parseName('example.com.', null), TYPE.SOA, 1);
  return signRequest(w.finish().slice(), key, clock(0));
}
const REQUEST = signedQuery(KEYS[0]);

/** True when `msg` decodes, has no TSIG and no trailing octets: signing it must give a valid request. */
function signable(msg: Uint8Array): boolean {
  if (msg.length < 12 || ((msg[10] << 8) | msg[11]) === 0xffff) return false;
  try {
    const m = decodeMessage(msg);
    return m.tsigOffset < 0 && m.trailingBytes === 0;
  } catch {
    return false;
  }
}

/** Applies edits (pairs of offset-from-end and value) from `edits` to a copy of `msg`. */
function edit(msg: Uint8Array, edits: Uint8Array): Uint8Array {
  const out = msg.slice();
  for (let i = 0; i + 1 < edits.length; i += 2) {
    const at = out.length - 1 - (edits[i] % out.length);
    out[at] = edits[i + 1];
  }
  return out;
}

/** Mode 1: sign the input as a request and verify it with a clock off by some seconds. */
function signAndVerify(keyByte: number, body: Uint8Array): void {
  if (body.length < 12) return;
  const delta = (keyByte >> 2) * 13 - 400;
  const signed = signRequest(body, KEYS[keyByte % KEYS.length], clock(0)).message;
  const r = verifyRequest(signed, KEYRING, clock(delta));
  if (!signable(body)) return;
  const wantOk = Math.abs(delta) <= 300;
  if (r === null || r.ok !== wantOk) throw new PropertyFailure(`signed request (delta ${delta}) verified as ${JSON.stringify(r && (r.ok || r.reason))}`);
}

export const target: FuzzTarget = {
  name: 'verify-tsig',
  covers: 'tsig/verifyRequest on raw, freshly signed and mutated signed requests (placement, key, MAC size, MAC, time); verifyResponse on mutated signed responses',
  run(input: Uint8Array): void {
    if (input.length < 2) return;
    const mode = input[0] & 3;
    const keyByte = input[1];
    if (mode === 0) {
      verifyRequest(input.subarray(1), KEYRING, clock(0));
    } else if (mode === 1) {
      signAndVerify(keyByte, input.subarray(2));
    } else if (mode === 2) {
      const n = 2 * (input[2] & 7);
      const body = input.subarray(3 + n);
      if (body.length < 12) return;
      const signed = signRequest(body, KEYS[keyByte % KEYS.length], clock(0)).message;
      verifyRequest(edit(signed, input.subarray(3, 3 + n)), KEYRING, clock(0), { minMacSize: keyByte & 31 });
    } else {
      const n = 2 * (input[2] & 7);
      const body = input.subarray(3 + n);
      const v = verifyRequest(REQUEST.message, KEYRING, clock(0));
      if (v === null || body.length < 12) return;
      const response = signResponseBytes(body, v, clock(0));
      verifyResponse(edit(response, input.subarray(3, 3 + n)), REQUEST, clock(keyByte - 128));
    }
  },
};
