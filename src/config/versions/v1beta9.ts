import type { SchemaVersion, YamlMap } from "./types.js";
import { ARTIFACTS, eachMapAt, isMap, scalarText, upgradeStep } from "./util.js";

/**
 * v1beta9 → v1beta10: an artifact's `sync` map (glob → destination) becomes `sync.manual`, a list of rules.
 * Patterns that keep a fixed directory prefix (or use the old `***`) get that prefix as `strip`, folded into the
 * destination when the destination already ends with it. Other patterns are copied unchanged (their old
 * flattening semantics cannot be expressed; Skaffold only warns about them).
 */
const SIMPLE_PATTERN = /^([^*]*\/)?([^*/]*\*[^*/]*|[^*/]+)$/;

function simplify(dest: string, strip: string): [dest: string, strip: string] {
  if (strip === "" || strip === "/" || dest === "") return [dest, strip];
  const withSlash = dest.endsWith("/") ? dest : `${dest}/`;
  if (!withSlash.endsWith(strip)) return [dest, strip];
  const suffix = strip.startsWith("/") ? strip.slice(1) : strip;
  const simplified = withSlash.slice(0, withSlash.length - suffix.length);
  return [simplified === "" ? "." : simplified, ""];
}

function syncRule(src: string, destination: string): YamlMap {
  let [rule, dest, strip] = [src, destination, ""];
  const simple = SIMPLE_PATTERN.exec(src);
  if (simple) {
    [dest, strip] = simplify(destination, simple[1] ?? "");
  } else if (src.includes("***")) {
    [dest, strip] = simplify(destination, src.split("***")[0] ?? "");
    rule = src.replaceAll("***", "**");
  }
  return strip === "" ? { src: rule, dest } : { src: rule, dest, strip };
}

export const v1beta9: SchemaVersion = {
  apiVersion: "skaffold/v1beta9",
  upgrade: upgradeStep(
    "skaffold/v1beta10",
    eachMapAt(ARTIFACTS, (artifact) => {
      const sync = artifact.sync;
      if (!isMap(sync)) return;
      const manual = Object.entries(sync).map(([src, dest]) => syncRule(src, scalarText(dest)));
      artifact.sync = manual.length > 0 ? { manual } : {};
    }),
  ),
};
