import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { parse } from "yaml";
import { isMap } from "../util/data.js";

/** The parts of a kubeconfig that config loading needs: the current context and its namespace. */
export interface KubeconfigSummary {
  readonly currentContext: string;
  namespaceOf(context: string): string | undefined;
  readonly contexts: readonly string[];
}

/** The kubeconfig files in effect: --kubeconfig, else $KUBECONFIG (a path list), else ~/.kube/config. */
export function kubeconfigPaths(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  if (explicit) return [explicit];
  const fromEnv = env["KUBECONFIG"];
  if (fromEnv) return fromEnv.split(delimiter).filter((p) => p !== "");
  return [join(env["HOME"] ?? homedir(), ".kube", "config")];
}

/** Reads the kubeconfig files (merged as kubectl does: the first current-context wins); missing files are skipped. */
export function readKubeconfig(paths: readonly string[]): KubeconfigSummary {
  let currentContext = "";
  const namespaces = new Map<string, string | undefined>();
  for (const path of paths) {
    let data: unknown;
    try {
      data = parse(readFileSync(path, "utf8"));
    } catch {
      continue;
    }
    if (!isMap(data)) continue;
    if (!currentContext && typeof data["current-context"] === "string")
      currentContext = data["current-context"];
    for (const entry of Array.isArray(data["contexts"]) ? data["contexts"] : []) {
      if (!isMap(entry) || typeof entry["name"] !== "string" || namespaces.has(entry["name"])) continue;
      const context = entry["context"];
      namespaces.set(
        entry["name"],
        isMap(context) && typeof context["namespace"] === "string" ? context["namespace"] : undefined,
      );
    }
  }
  return { currentContext, namespaceOf: (name) => namespaces.get(name), contexts: [...namespaces.keys()] };
}
