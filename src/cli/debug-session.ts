/**
 * What `trestle debug` adds to the dev session: every render is rewritten for debuggers, and after every
 * deploy it prints, for each debug port, how to attach through the port Trestle forwards, and (with
 * `--ide-config`) rewrites the VS Code launch configurations.
 */
import { readFile } from "node:fs/promises";
import { basename, dirname, relative, resolve } from "node:path";
import type { BuildOutputEntry } from "../build/types.js";
import type { ResolvedConfig } from "../config/resolved.js";
import type { AttachTarget } from "../debug/attach.js";
import {
  launchConfiguration,
  mergeLaunchFile,
  type ForwardedTarget,
  type LaunchConfiguration,
} from "../debug/ide-config.js";
import { attachLine, forwardedPort, type ForwardEntry } from "../debug/session.js";
import { userError } from "../errors/errors.js";
import type { ManifestList } from "../manifest/types.js";
import { writeFileAtomic } from "../util/atomic-write.js";
import type { ImageConfigReader } from "./debug-images.js";
import { DebugRewriter, type DebugSettings } from "./debug-setup.js";

/** Where the debug session writes and what it reads. */
export interface DebugSessionOptions {
  readonly reader: ImageConfigReader;
  readonly project: ResolvedConfig;
  readonly settings: DebugSettings;
  readonly cwd: string;
  /** `--ide-config`: the launch.json to write ("" for none). */
  readonly ideConfig: string;
  readonly say: (line: string) => void;
  readonly warn: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** The folder VS Code opens for a launch.json: the parent of `.vscode/`, else the file's folder. */
function workspaceOf(launchFile: string): string {
  const dir = dirname(launchFile);
  return basename(dir) === ".vscode" ? dirname(dir) : dir;
}

/** The artifacts' source folders, by image name. */
function sourceDirs(project: ResolvedConfig): Map<string, string> {
  const dirs = new Map<string, string>();
  for (const module of project.modules) {
    for (const artifact of module.config.build?.artifacts ?? []) {
      if (!dirs.has(artifact.image)) dirs.set(artifact.image, resolve(module.dir, artifact.context ?? "."));
    }
  }
  return dirs;
}

/** The debug part of one `trestle debug` session. */
export class DebugSession {
  private readonly rewriter: DebugRewriter;
  private targets = new Map<string, AttachTarget>();
  private printed = "";

  constructor(private readonly options: DebugSessionOptions) {
    this.rewriter = new DebugRewriter(options.reader, options.project, options.settings, options.warn);
  }

  /** The dev session's manifest transform: one module's manifests rewritten for the given builds. */
  async transform(manifests: ManifestList, builds: readonly BuildOutputEntry[]): Promise<ManifestList> {
    const rewrite = await this.rewriter.prepare(builds, this.options.signal);
    const out = rewrite(manifests);
    for (const target of this.rewriter.targets())
      this.targets.set(`${target.resource}\u0000${target.container}\u0000${target.protocol}`, target);
    return out;
  }

  /**
   * After a deploy: the attach lines for the debug ports of this deploy (printed when they changed) and
   * the launch configurations; the next deploy starts a new list.
   */
  async deployed(forwards: readonly ForwardEntry[], namespaces: readonly string[]): Promise<void> {
    const targets = [...this.targets.values()];
    this.targets = new Map();
    const forwarded = targets.map((t) => ({ target: t, localPort: forwardedPort(t, forwards, namespaces) }));
    const lines = forwarded.map((f) => attachLine(f.target, f.localPort));
    const text = lines.length === 0 ? "No debuggable containers were found." : lines.join("\n");
    if (text !== this.printed) {
      this.options.say(text);
      this.printed = text;
    }
    if (this.options.ideConfig === "") return;
    const file = resolve(this.options.cwd, this.options.ideConfig);
    const workspace = workspaceOf(file);
    const dirs = sourceDirs(this.options.project);
    const configurations: LaunchConfiguration[] = [];
    for (const { target, localPort } of forwarded) {
      if (localPort === undefined) continue;
      const source = target.artifact === undefined ? undefined : dirs.get(target.artifact);
      const withPort: ForwardedTarget = {
        ...target,
        localPort,
        ...(source === undefined ? {} : { sourceDir: relative(workspace, source) || "." }),
      };
      const configuration = launchConfiguration(withPort);
      if (configuration !== undefined) configurations.push(configuration);
    }
    await writeLaunchFile(file, configurations, this.options.warn);
    this.options.say(
      `Wrote ${String(configurations.length)} VS Code launch configuration(s) to ${relative(this.options.cwd, file) || file}.`,
    );
  }
}

/** Merges `configurations` into the launch.json at `file` (created when absent). */
export async function writeLaunchFile(
  file: string,
  configurations: readonly LaunchConfiguration[],
  warn: (line: string) => void,
): Promise<void> {
  let existing: string | undefined;
  try {
    existing = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  let merged;
  try {
    merged = mergeLaunchFile(existing, configurations);
  } catch (error) {
    throw userError(
      "IDE_CONFIG_INVALID",
      `--ide-config ${file}: ${(error as Error).message}`,
      'Fix the file (it must hold a JSON object such as {"configurations": []}) or point --ide-config elsewhere.',
    );
  }
  if (merged.droppedComments) warn(`--ide-config ${file}: its comments are not kept`);
  await writeFileAtomic(file, merged.text);
}
