import type { Logger, TextSink } from "../output/logger.js";
import type { ParsedArgs } from "./argv.js";

/** What every command receives: the parsed command line and the process's doors to the world. */
export interface CommandContext {
  readonly parsed: ParsedArgs;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly logger: Logger;
  readonly colour: boolean;
  /** Aborted on Ctrl+C / SIGTERM; long work must stop and clean up. */
  readonly signal: AbortSignal;
}

/** A command's implementation; returns the process exit code. */
export interface CommandModule {
  run(context: CommandContext): Promise<number>;
}

/** One `trestle <command>`: its help text and, when built, a lazily loaded implementation. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly details?: string;
  /** Lazily imported, so that `trestle version` does not load the config engine. */
  readonly load?: () => Promise<CommandModule>;
  /** Internal plumbing (e.g. `filter`, Helm's post-renderer): left out of `--help`. */
  readonly hidden?: boolean;
  /** The issue that will build this command, while it is not built yet. */
  readonly plannedIn?: string;
}
