// nsd.conf statements: tokens grouped into clauses of `option: value` statements, values parsed by the table.
import type { ConfigProblem } from './errors.js';
import { isSocketOption } from './kinds-net.js';
import type { Token } from './lexer.js';
import { clausesOf, findOption, isClause, isKeyword } from './schema.js';
import { CLAUSES, ValueError, type ClauseName, type OptionDef } from './schema-types.js';

/** One `option: value` with its parsed value. */
export interface Statement {
  readonly def: OptionDef;
  /** The option as written, without the colon (server-3-cpu-affinity keeps its number). */
  readonly name: string;
  readonly value: unknown;
  readonly file: string;
  readonly line: number;
}

/** One clause (server:, zone:, ...) and its statements in order. */
export interface Block {
  readonly clause: ClauseName;
  readonly file: string;
  readonly line: number;
  readonly statements: Statement[];
  /** Options given with a bad value (already reported), so later checks do not call them missing. */
  readonly invalid: Set<string>;
}

const clauseList = CLAUSES.map((c) => `${c}:`).join(', ');

/** A token that starts a clause or an option (NSD's lexer keywords, never quoted). */
function keyword(t: Token | undefined): boolean {
  return t !== undefined && !t.quoted && isKeyword(t.text);
}

/**
 * A keyword, or a word that looks like one (`name:`, but not an IPv6 address like `fe80::`); lists
 * of values stop there, so an unknown option after an ACL line is reported as unknown rather than
 * taken as one more value.
 */
function statementStart(t: Token | undefined): boolean {
  return keyword(t) || (t !== undefined && !t.quoted && /^[A-Za-z][A-Za-z0-9_-]*:$/.test(t.text));
}

class StatementParser {
  readonly blocks: Block[] = [];
  readonly problems: ConfigProblem[] = [];
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private problem(t: Token, message: string): void {
    this.problems.push({ file: t.file, line: t.line, message });
  }

  /** Skip the words up to the next statement. */
  private skipWords(): Token[] {
    const skipped: Token[] = [];
    while (this.i < this.tokens.length && !statementStart(this.tokens[this.i])) skipped.push(this.tokens[this.i++] as Token);
    return skipped;
  }

  /** Gather the value words of an option according to its arity. */
  private gather(def: OptionDef): Token[] {
    const next = (): Token | undefined => (keyword(this.tokens[this.i]) ? undefined : this.tokens[this.i]);
    const arity = def.kind.arity;
    if (arity === 'acl' || arity === 'rest') return this.skipWords();
    const first = next();
    if (first === undefined) return [];
    this.i++;
    const args = [first];
    if (arity === 'interface') {
      for (let t = next(); t !== undefined && isSocketOption(t); t = next()) {
        args.push(t);
        this.i++;
        const v = next();
        if (/^[a-z]+=$/.test(t.text) && v !== undefined && !isSocketOption(v)) {
          args.push(v);
          this.i++;
        }
      }
    }
    return args;
  }

  /** Parse one option statement of the current block. */
  private statement(block: Block, at: Token, name: string, def: OptionDef): void {
    const args = this.gather(def);
    const extra = this.skipWords();
    if (extra.length > 0) {
      this.problem(extra[0] as Token, `unexpected '${extra[0]?.text}' after the value of ${name}: (expected ${def.kind.name})`);
      block.invalid.add(name);
      return;
    }
    if (args.length === 0) {
      this.problem(at, `${name}: is missing its value (expected ${def.kind.name})`);
      block.invalid.add(name);
      return;
    }
    try {
      const value = def.kind.parse(args);
      block.statements.push({ def, name, value, file: at.file, line: at.line });
    } catch (e) {
      if (!(e instanceof ValueError)) throw e;
      this.problem(at, `bad value for ${name}: ${e.message}`);
      block.invalid.add(name);
    }
  }

  /** A word where an option was expected. */
  private stray(t: Token, block: Block | undefined): void {
    const name = t.text.slice(0, -1);
    const glued = /^([a-z0-9-]+:)\S/.exec(t.text);
    if (!t.quoted && glued && isKeyword(glued[1] as string)) {
      this.problem(t, `'${t.text}': a blank is needed after '${glued[1]}'`);
      this.skipWords();
      return;
    }
    if (!t.quoted && t.text.endsWith(':') && name !== '') {
      const where = block ? ` in the ${block.clause}: clause` : '';
      this.problem(t, `unknown option '${name}:'${where}`);
      this.skipWords();
      return;
    }
    this.problem(t, `unexpected '${t.text}': expected an option name ending in ':'`);
    this.skipWords();
  }

  /** A keyword token: a new clause or an option of the current one. */
  private keywordToken(t: Token, block: Block | undefined): Block | undefined {
    const name = t.text.slice(0, -1);
    if (isClause(name)) {
      const b: Block = { clause: name, file: t.file, line: t.line, statements: [], invalid: new Set() };
      this.blocks.push(b);
      return b;
    }
    if (block === undefined) {
      this.problem(t, `'${name}:' outside of a clause (a clause starts with one of ${clauseList})`);
      this.skipWords();
      return block;
    }
    const def = findOption(block.clause, name);
    if (def === undefined) {
      const valid = clausesOf(name).map((c) => `${c}:`).join(', ');
      this.problem(t, `'${name}:' is not an option of the ${block.clause}: clause (it belongs in ${valid})`);
      this.skipWords();
      return block;
    }
    this.statement(block, t, name, def);
    return block;
  }

  run(): void {
    let block: Block | undefined;
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i++] as Token;
      if (keyword(t)) block = this.keywordToken(t, block);
      else this.stray(t, block);
    }
  }
}

/** Group tokens into clause blocks; problems (unknown options, bad values) are collected, not thrown. */
export function parseStatements(tokens: readonly Token[]): { blocks: Block[]; problems: ConfigProblem[] } {
  const p = new StatementParser(tokens);
  p.run();
  return { blocks: p.blocks, problems: p.problems };
}
