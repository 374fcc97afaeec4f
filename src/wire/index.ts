// wire/: names, the RR type table, and the message reader and writer. Imports nothing else of tsdns.
export * from './errors.js';
export * from './name.js';
export * from './record.js';
export * from './name-reader.js';
export * from './problems.js';
export * from './rdata.js';
export { HEADER_SIZE, OPCODE, RCODE, FLAG, type HeaderFlags, type Header, decodeFlags, encodeFlags, readHeader, writeHeader, headerId, headerFlags, headerOpcode, u16, u32, put16, put32 } from './header.js';
export * from './edns.js';
export * from './message.js';
export * from './decode-message.js';
export * from './message-writer.js';
export { toBase32Hex, fromBase32Hex, toBase64, fromBase64, toHex, fromHex } from './rdata-bytes.js';
