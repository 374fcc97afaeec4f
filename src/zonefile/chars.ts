// The character codes the zone file lexer and its fast path test for (RFC 1035 5.1 master file syntax).
export const TAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const SPACE = 0x20;
export const QUOTE = 0x22;
export const DOLLAR = 0x24;
export const LPAREN = 0x28;
export const RPAREN = 0x29;
export const DOT = 0x2e;
export const COLON = 0x3a;
export const SEMI = 0x3b;
export const AT = 0x40;
export const BACKSLASH = 0x5c;
