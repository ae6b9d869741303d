/** Token types of the template lexer and their rendering in Go's parse error messages. */
import { goQuote } from "./quote.js";

export type Keyword =
  | "block"
  | "break"
  | "continue"
  | "define"
  | "dot"
  | "else"
  | "end"
  | "if"
  | "nil"
  | "range"
  | "template"
  | "with";

export type TokenType =
  | "error"
  | "bool"
  | "char"
  | "charConstant"
  | "complex"
  | "assign"
  | "declare"
  | "eof"
  | "field"
  | "identifier"
  | "leftDelim"
  | "leftParen"
  | "number"
  | "pipe"
  | "rawString"
  | "rightDelim"
  | "rightParen"
  | "space"
  | "string"
  | "text"
  | "variable"
  | Keyword;

export interface Token {
  readonly type: TokenType;
  readonly pos: number;
  readonly val: string;
}

export const KEYWORDS: ReadonlyMap<string, Keyword> = new Map<string, Keyword>([
  [".", "dot"],
  ["block", "block"],
  ["break", "break"],
  ["continue", "continue"],
  ["define", "define"],
  ["else", "else"],
  ["end", "end"],
  ["if", "if"],
  ["range", "range"],
  ["nil", "nil"],
  ["template", "template"],
  ["with", "with"],
]);

/** Go's rendering of a token in "unexpected X in Y" messages. */
export function tokenString(t: Token): string {
  if (t.type === "eof") return "EOF";
  if (t.type === "error") return t.val;
  if (KEYWORDS.get(t.val) === t.type) return `<${t.val}>`;
  const runes = Array.from(t.val);
  if (runes.length > 10) return `${goQuote(runes.slice(0, 10).join(""))}...`;
  return goQuote(t.val);
}
