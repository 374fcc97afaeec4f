// The shape of the one option table: value kinds, clauses, status in tsdns, inheritance mode.
import { TsdnsError } from '../wire/errors.js';
import type { Token } from './lexer.js';

/** The clauses of nsd.conf (nsd.conf(5) FILE FORMAT) in the order -v prints them. */
export const CLAUSES = ['server', 'dnstap', 'remote-control', 'verify', 'key', 'tls-auth', 'pattern', 'zone'] as const;
export type ClauseName = (typeof CLAUSES)[number];

/** What tsdns does with an option. */
export type OptionStatus =
  | { readonly kind: 'implemented' }
  | { readonly kind: 'no-effect'; readonly reason: string }
  | { readonly kind: 'planned'; readonly issue: string };

/**
 * Where the option comes from: 'nsd' = NSD 4.x up to 4.6.1 (the nsd installed here knows it),
 * 'nsd-newer' = a later NSD 4.x release, 'tsdns' = a tsdns extension NSD lacks.
 */
export type Origin = 'nsd' | 'nsd-newer' | 'tsdns';

/**
 * How the words after an option name are gathered: 'one' value, an 'acl' line
 * ([AXFR|UDP] ip-spec key [tls-auth]), an 'interface' (address plus servers=/bindtodevice=/setfib=),
 * or the 'rest' of the words up to the next option.
 */
export type Arity = 'one' | 'acl' | 'interface' | 'rest';

/** A bad value: the message says what was expected. */
export class ValueError extends TsdnsError {
  constructor(message: string) {
    super('CONFIG_VALUE', message);
  }
}

/** A value kind: parses the words of an option and prints the value back. */
export interface ValueKind<T> {
  /** For docs and messages, e.g. "yes or no", "a number from 1 to 65535". */
  readonly name: string;
  readonly arity: Arity;
  /** Whether -v writes the value in quotes. */
  readonly quoted: boolean;
  /** Parse the value words; throws ValueError. */
  parse(args: readonly Token[]): T;
  /** The value in nsd.conf form (unquoted). */
  show(value: T): string;
}

/**
 * How a pattern's value reaches the pattern or zone that includes it (NSD config_apply_pattern):
 * 'override' if the pattern set it, 'append' ACL lists, 'union' sets, 'if-true' booleans only
 * when true, and 'always' copies even the default (NSD does this for size-limit-xfr).
 */
export type InheritMode = 'override' | 'append' | 'union' | 'if-true' | 'always';

/** One row of the option table. */
export interface OptionDef {
  readonly name: string;
  readonly clauses: readonly ClauseName[];
  /** Rows hold kinds of many value types, hence `any`. */
  readonly kind: ValueKind<any>;
  /** The default (null: unset); for lists, the list when the option is never given. */
  readonly default: unknown;
  /** May be given many times; the values accumulate in order. */
  readonly multi: boolean;
  readonly status: OptionStatus;
  readonly origin: Origin;
  /** One line for the docs page. */
  readonly summary: string;
  /** Pattern/zone options: how include-pattern passes the value on. */
  readonly inherit?: InheritMode;
  /** This name is another spelling of the named option (interface: is ip-address:). */
  readonly aliasOf?: string;
}

export const IMPLEMENTED: OptionStatus = Object.freeze({ kind: 'implemented' });

/** An option tsdns accepts and ignores; loading warns with the reason. */
export function noEffect(reason: string): OptionStatus {
  return Object.freeze({ kind: 'no-effect', reason });
}

/** An option parsed and typed now, acted on when the named piece of work lands. */
export function planned(issue: string): OptionStatus {
  return Object.freeze({ kind: 'planned', issue });
}

/** Optional columns of a row. */
export interface RowExtras {
  readonly multi?: boolean;
  readonly origin?: Origin;
  readonly inherit?: InheritMode;
  readonly aliasOf?: string;
}

/** Build one frozen row of the option table. */
export function row(
  clauses: readonly ClauseName[],
  name: string,
  // Rows hold kinds of many value types, hence `any`.
  kind: ValueKind<any>,
  dflt: unknown,
  status: OptionStatus,
  summary: string,
  extras: RowExtras = {},
): OptionDef {
  return Object.freeze({
    name, clauses, kind, default: dflt, status, summary,
    multi: extras.multi ?? false,
    origin: extras.origin ?? 'nsd',
    ...(extras.inherit !== undefined ? { inherit: extras.inherit } : {}),
    ...(extras.aliasOf !== undefined ? { aliasOf: extras.aliasOf } : {}),
  });
}
