// Go: run the program under Delve (`dlv exec --headless`), or keep a dlv command line that is already there.

import { effectiveCommandLine, hasAnyEnv, insertAt, launches, withCommandLine } from "./command-line.js";
import { exposeDebugPort } from "./outcome.js";
import type { ContainerTransformer, ImageConfiguration } from "./types.js";
import { failure, lookup } from "./types.js";

const DEFAULT_PORT = 56268;
const DLV_PATH = "/dbg/go/bin/dlv";

/** Variables of the Go runtime (and ko's KO_DATA_PATH) whose presence marks a Go image. */
const GO_ENV = ["GODEBUG", "GOGC", "GOMAXPROCS", "GOTRACEBACK", "KO_DATA_PATH"];
/** Image authors written by ko (older releases wrote google/ko; current ones ko-build/ko). */
const KO_AUTHORS = new Set(["github.com/google/ko", "github.com/ko-build/ko"]);
/** Buildpacks whose presence in the CNB build metadata marks a Go image (GCP, Paketo, Heroku). */
const GO_BUILDPACKS = ["google.go.build", "paketo-buildpacks/go-dist", "heroku/go"];

/** The Delve options worth knowing about, as parsed from a command line or chosen by us. */
export interface DlvSpec {
  readonly mode: string;
  readonly host: string;
  readonly port: number;
  readonly headless: boolean;
  readonly log: boolean;
  readonly apiVersion: number;
}

function isLaunchingDlv(argv: readonly string[]): boolean {
  return launches(argv, ["dlv"]);
}

/** Parses the Delve options of a `dlv …` command line (undefined if it is not one); stops at `--`. */
export function extractDlvSpec(argv: readonly string[]): DlvSpec | undefined {
  if (!isLaunchingDlv(argv)) return undefined;
  let spec: DlvSpec = { mode: "", host: "", port: 0, headless: false, log: false, apiVersion: 2 };
  for (const arg of argv) {
    if (arg === "--") break;
    if (arg === "debug" || arg === "test" || arg === "exec") spec = { ...spec, mode: arg };
    else if (arg === "--headless") spec = { ...spec, headless: true };
    else if (arg === "--log") spec = { ...spec, log: true };
    else if (arg.startsWith("--listen=")) spec = { ...spec, ...parseListen(arg.slice("--listen=".length)) };
    else if (arg.startsWith("--api-version=")) {
      spec = { ...spec, apiVersion: parseLeadingInt(arg.slice("--api-version=".length)) };
    }
  }
  return spec;
}

function parseListen(address: string): { host: string; port: number } {
  const colon = address.indexOf(":");
  if (colon < 0) return { host: "", port: parseLeadingInt(address) };
  return { host: address.slice(0, colon), port: parseLeadingInt(address.slice(colon + 1)) };
}

/** A decimal port or version; anything unparsable or out of range counts as 0 (unset). */
function parseLeadingInt(text: string): number {
  if (!/^\d+$/.test(text)) return 0;
  const value = Number(text);
  return value <= 65535 ? value : 0;
}

/** The `dlv` prefix for a spec, up to (not including) the program. */
export function dlvArguments(spec: DlvSpec): string[] {
  return [
    DLV_PATH,
    spec.mode,
    ...(spec.headless ? ["--headless"] : []),
    "--continue",
    "--accept-multiclient",
    spec.port > 0 ? `--listen=${spec.host}:${spec.port}` : `--listen=${spec.host}`,
    ...(spec.apiVersion > 0 ? [`--api-version=${spec.apiVersion}`] : []),
    ...(spec.log ? ["--log"] : []),
  ];
}

/**
 * Puts Delve in front of a program's command line; `--` separates Delve's options from the program's when
 * the program has arguments here or in the container's `args`.
 */
export function rewriteDlvCommandLine(
  argv: readonly string[],
  spec: DlvSpec,
  containerArgs: readonly string[] | undefined,
): string[] {
  const program = argv.length > 1 || (containerArgs?.length ?? 0) > 0 ? insertAt(argv, 1, ["--"]) : argv;
  return [...dlvArguments(spec), ...program];
}

function isGoImage(config: ImageConfiguration): boolean {
  if (hasAnyEnv(config, GO_ENV)) return true;
  if (config.author !== undefined && KO_AUTHORS.has(config.author)) return true;
  const buildMetadata = lookup(config.labels, "io.buildpacks.build.metadata") ?? "";
  if (GO_BUILDPACKS.some((id) => buildMetadata.includes(id))) return true;
  return isLaunchingDlv(effectiveCommandLine(config)?.argv ?? []);
}

/** Configures Go programs for Delve on port 56268 (`dlv`), using the `go` support image. */
export const goTransformer: ContainerTransformer = {
  runtime: "go",
  isApplicable: isGoImage,
  apply(container, config, allocatePort) {
    let spec = extractDlvSpec(config.entrypoint ?? []) ?? extractDlvSpec(config.cmd ?? []);
    let rewritten = container;
    if (spec === undefined) {
      const commandLine = effectiveCommandLine(config);
      if (commandLine === undefined) return failure(`container "${container.name}" has no command-line`);
      spec = {
        mode: "exec",
        host: "",
        port: allocatePort(DEFAULT_PORT),
        headless: true,
        log: false,
        apiVersion: 2,
      };
      const argv = rewriteDlvCommandLine(commandLine.argv, spec, container.args);
      rewritten = withCommandLine(container, commandLine.field, argv);
    }
    return exposeDebugPort(rewritten, "go", "dlv", spec.port, "go");
  },
};
