import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from "yaml";
import { configError, type SourceLocation } from "../errors/errors.js";

/** A path into parsed YAML data: mapping keys and sequence indexes. */
export type DataPath = readonly (string | number)[];

/** One YAML document of a config file, as data plus a way to find where a field was written. */
export interface YamlDocument {
  readonly file: string;
  /** 0-based position of this document in its file. */
  readonly index: number;
  readonly data: unknown;
  /** The location of the value at `path`, or of its nearest written ancestor; `atKey` points at the key. */
  locate(path: DataPath, atKey?: boolean): SourceLocation;
}

/** Renders a data path the way error messages show it: `build.artifacts[0].docker`. */
export function formatPath(path: DataPath): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out === "" ? part : `.${part}`;
  }
  return out;
}

function childOf(node: unknown, part: string | number): { node: unknown; keyNode: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === part);
    return pair ? { node: pair.value, keyNode: pair.key } : undefined;
  }
  if (isSeq(node) && typeof part === "number") {
    const item: unknown = node.items[part];
    return item === undefined ? undefined : { node: item, keyNode: item };
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Partial<Node> | null)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}

function makeLocator(file: string, doc: Document, lines: LineCounter): YamlDocument["locate"] {
  return (path, atKey = false) => {
    let node: unknown = doc.contents;
    let offset = rangeStart(node);
    let found = 0;
    for (const part of path) {
      const child = childOf(node, part);
      if (!child) break;
      found++;
      node = child.node;
      const isLast = found === path.length;
      offset = rangeStart(isLast && atKey ? child.keyNode : (child.node ?? child.keyNode)) ?? offset;
    }
    const pos = offset === undefined ? undefined : lines.linePos(offset);
    return {
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
      ...(path.length > 0 ? { path: formatPath(path) } : {}),
    };
  };
}

/**
 * Parses every YAML document of a file. Syntax errors (including duplicate keys) become config errors with
 * the file, line and column; nothing is returned half-parsed.
 */
export function parseYamlDocuments(file: string, text: string): YamlDocument[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs)) return []; // an empty stream
  const result: YamlDocument[] = [];
  for (const [index, doc] of docs.entries()) {
    const problem = doc.errors[0];
    if (problem) {
      const pos = problem.linePos?.[0] ?? lines.linePos(problem.pos[0]);
      const message = problem.message.split("\n")[0] ?? problem.message;
      throw configError(
        "CONFIG_YAML_SYNTAX",
        `invalid YAML: ${message}`,
        { file, line: pos.line, column: pos.col },
        yamlHint(problem.code),
      );
    }
    const data: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (data === null || data === undefined) continue; // an empty document, e.g. after a trailing `---`
    result.push({ file, index, data, locate: makeLocator(file, doc, lines) });
  }
  return result;
}

function yamlHint(code: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "Each key may appear only once in a mapping; remove or merge the duplicate.";
    case "TAB_AS_INDENT":
      return "YAML indentation must use spaces, not tabs.";
    case "BAD_INDENT":
    case "MISSING_CHAR":
    case "UNEXPECTED_TOKEN":
      return "Check the indentation and punctuation on this line and the one before it.";
    default:
      return "Check the YAML syntax near this position.";
  }
}
