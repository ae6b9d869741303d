import { userError } from "../errors/errors.js";
import { createLogger, isLogLevel, wantsColour } from "../output/logger.js";
import { parseArgv, USAGE_EXIT_CODE } from "./argv.js";
import { commandSpecs, findCommand } from "./commands.js";
import { commandHelp, mainHelp } from "./help.js";
import { exitCodeOf, renderError } from "./render-error.js";
import { nearest } from "../util/nearest.js";

/** Splits SKAFFOLD_CMDLINE-style text into arguments (whitespace separated, quotes honoured). */
function splitCommandLine(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
}

/** Runs one Trestle invocation and returns its exit code. The single place errors are rendered. */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<number> {
  const colour = wantsColour(process.stderr, env);
  let verbose = false;
  try {
    const cmdline = env["TRESTLE_CMDLINE"] ?? env["SKAFFOLD_CMDLINE"];
    const effectiveArgv = argv.length === 0 && cmdline ? splitCommandLine(cmdline) : argv;
    const parsed = parseArgv(effectiveArgv, env, (name) => findCommand(name) !== undefined);
    const level = parsed.flags.string("verbosity");
    verbose = level === "debug" || level === "trace";
    if (parsed.command === undefined) {
      const first = parsed.args[0];
      if (first !== undefined) {
        const guess = nearest(
          first,
          commandSpecs.map((c) => c.name),
        );
        throw userError(
          "UNKNOWN_COMMAND",
          `unknown command "${first}"`,
          guess ? `Did you mean 'trestle ${guess}'?` : "Run 'trestle --help' for the list of commands.",
          USAGE_EXIT_CODE,
        );
      }
      process.stdout.write(`${mainHelp()}\n`);
      return parsed.help ? 0 : USAGE_EXIT_CODE;
    }
    const spec = findCommand(parsed.command);
    if (!spec) throw userError("UNKNOWN_COMMAND", `unknown command "${parsed.command}"`);
    if (parsed.help) {
      process.stdout.write(`${commandHelp(spec)}\n`);
      return 0;
    }
    if (!spec.load) {
      throw userError(
        "NOT_IMPLEMENTED",
        `'trestle ${spec.name}' is not implemented yet`,
        `It is planned in issue ${spec.plannedIn ?? "?"}; 'trestle --help' lists what works today.`,
        2,
      );
    }
    const logger = createLogger(process.stderr, isLogLevel(level) ? level : "warn", colour);
    const module = await spec.load();
    return await module.run({
      parsed,
      env,
      cwd: process.cwd(),
      stdout: process.stdout,
      stderr: process.stderr,
      logger,
      colour,
      signal,
    });
  } catch (error) {
    process.stderr.write(`${renderError(error, { colour, verbose })}\n`);
    return exitCodeOf(error);
  }
}
