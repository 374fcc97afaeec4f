// wire/: names, the RR type table, and the message reader and writer. Imports nothing else of tsdns.
export * from './errors.js';
export * from './name.js';
export * from './record.js';
export * from './name-reader.js';
export * from './problems.js';
