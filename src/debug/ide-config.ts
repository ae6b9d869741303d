// VS Code launch configurations for the debuggable containers of a `trestle debug` session, merged into
// `.vscode/launch.json` without losing the user's own configurations.

import type { AttachTarget } from "./attach.js";

/** A debug target with the local port that reaches it. */
export interface ForwardedTarget extends AttachTarget {
  readonly localPort: number;
  /** The artifact's source folder, relative to the workspace (`.` for the workspace itself). */
  readonly sourceDir?: string | undefined;
}

/** One entry of `configurations` in launch.json. */
export type LaunchConfiguration = Readonly<Record<string, unknown>>;

/** Names of our entries start with this, so that a later session replaces them and leaves others alone. */
export const LAUNCH_NAME_PREFIX = "Trestle: ";

function localRoot(target: ForwardedTarget): string {
  const dir = target.sourceDir ?? ".";
  return dir === "." || dir === "" ? "${workspaceFolder}" : `\${workspaceFolder}/${dir}`;
}

/** The VS Code configuration that attaches to one target; undefined for protocols VS Code cannot attach to. */
export function launchConfiguration(target: ForwardedTarget): LaunchConfiguration | undefined {
  const name = `${LAUNCH_NAME_PREFIX}${target.name}/${target.container} (${target.protocol})`;
  const remoteRoot = target.workingDir;
  switch (target.protocol) {
    case "dlv":
      return {
        name,
        type: "go",
        request: "attach",
        mode: "remote",
        host: "127.0.0.1",
        port: target.localPort,
        ...(remoteRoot ? { substitutePath: [{ from: localRoot(target), to: remoteRoot }] } : {}),
      };
    case "devtools":
      return {
        name,
        type: "node",
        request: "attach",
        address: "127.0.0.1",
        port: target.localPort,
        localRoot: localRoot(target),
        ...(remoteRoot ? { remoteRoot } : {}),
      };
    case "dap":
      return {
        name,
        type: "debugpy",
        request: "attach",
        connect: { host: "127.0.0.1", port: target.localPort },
        ...(remoteRoot ? { pathMappings: [{ localRoot: localRoot(target), remoteRoot }] } : {}),
      };
    case "jdwp":
      return { name, type: "java", request: "attach", hostName: "127.0.0.1", port: target.localPort };
    default:
      return undefined;
  }
}

/** Strips `//` and `/* *\/` comments and trailing commas (VS Code's JSONC), leaving strings intact. */
export function stripJsonComments(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      out += "\n";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 1;
    } else {
      out += c ?? "";
    }
  }
  return out.replace(/,(\s*[}\]])/g, "$1");
}

/** The outcome of merging: the new file text and whether the old one had comments (which JSON drops). */
export interface MergedLaunchFile {
  readonly text: string;
  readonly droppedComments: boolean;
}

/**
 * Merges our configurations into an existing launch.json (or none): entries named like ours are replaced,
 * every other entry and top-level field is kept. Throws a SyntaxError when the file is not JSON(C).
 */
export function mergeLaunchFile(
  existing: string | undefined,
  configurations: readonly LaunchConfiguration[],
): MergedLaunchFile {
  const stripped = existing === undefined ? "" : stripJsonComments(existing);
  const parsed: unknown = stripped.trim() === "" ? {} : JSON.parse(stripped);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new SyntaxError("launch.json does not hold a JSON object");
  }
  const file = parsed as Record<string, unknown>;
  const current = Array.isArray(file["configurations"]) ? (file["configurations"] as unknown[]) : [];
  const kept = current.filter((entry) => {
    const name = (entry as { name?: unknown } | null)?.name;
    return !(typeof name === "string" && name.startsWith(LAUNCH_NAME_PREFIX));
  });
  const merged = { version: "0.2.0", ...file, configurations: [...kept, ...configurations] };
  return {
    text: `${JSON.stringify(merged, null, 2)}\n`,
    droppedComments: existing !== undefined && stripped.replace(/\s+/g, "") !== existing.replace(/\s+/g, ""),
  };
}
