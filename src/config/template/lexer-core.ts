/** The lexer's cursor and primitives (Go's `lexer` struct in `text/template/parse/lex.go`). */
import type { Token, TokenType } from "./tokens.js";

export const EOF = -1;
export const LEFT = "{{";
export const RIGHT = "}}";
export const isSpaceCode = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const ALNUM = /^[\p{L}\p{Nd}_]$/u;
export const isAlphaNumeric = (c: number): boolean => c >= 0 && ALNUM.test(String.fromCodePoint(c));
export const hasLeftTrim = (s: string, i: number): boolean =>
  s[i] === "-" && isSpaceCode(s.charCodeAt(i + 1));
export const hasRightTrim = (s: string, i: number): boolean =>
  isSpaceCode(s.charCodeAt(i)) && s[i + 1] === "-";
export const trimRightLen = (s: string): number => s.length - s.replace(/[ \t\r\n]+$/, "").length;
export const trimLeftLen = (s: string): number => s.length - s.replace(/^[ \t\r\n]+/, "").length;

export type StateFn = (l: Lexer) => StateFn | null;

export interface LexOptions {
  /** `break`/`continue` are keywords unless a function of that name exists. */
  readonly breakOK: boolean;
  readonly continueOK: boolean;
}

export class Lexer {
  pos = 0;
  start = 0;
  parenDepth = 0;
  insideAction = false;
  item: Token | null = null;
  private atEOF = false;

  constructor(
    readonly input: string,
    readonly options: LexOptions,
  ) {}

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const c = this.input.codePointAt(this.pos) ?? EOF;
    this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  backup(): void {
    if (this.atEOF || this.pos <= 0) return;
    const low = this.input.charCodeAt(this.pos - 1);
    this.pos -= low >= 0xdc00 && low <= 0xdfff && this.pos >= 2 ? 2 : 1;
  }

  peek(): number {
    const c = this.next();
    this.backup();
    return c;
  }

  accept(valid: string): boolean {
    const c = this.next();
    if (c !== EOF && valid.includes(String.fromCodePoint(c))) return true;
    this.backup();
    return false;
  }

  acceptRun(valid: string): void {
    while (this.accept(valid));
  }

  emit(type: TokenType): null {
    this.item = { type, pos: this.start, val: this.input.slice(this.start, this.pos) };
    this.start = this.pos;
    return null;
  }

  ignore(): void {
    this.start = this.pos;
  }

  errorf(message: string): null {
    this.item = { type: "error", pos: this.start, val: message };
    return null;
  }

  atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrim(this.input, this.pos) && this.input.startsWith(RIGHT, this.pos + 2)) {
      return { delim: true, trim: true };
    }
    return { delim: this.input.startsWith(RIGHT, this.pos), trim: false };
  }

  atTerminator(): boolean {
    const c = this.peek();
    if (isSpaceCode(c) || c === EOF) return true;
    if (".,|:)(".includes(String.fromCodePoint(c))) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }
}
