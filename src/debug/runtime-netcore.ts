// .NET: nothing to rewrite; the IDE attaches `vsdbg` (installed under /dbg/netcore) through `kubectl exec`.

import { effectiveCommandLine, hasAnyEnv, launches } from "./command-line.js";
import type { ContainerTransformer, ImageConfiguration } from "./types.js";

/** Variables set by the official .NET base images. */
const NETCORE_ENV = [
  "ASPNETCORE_URLS",
  "DOTNET_RUNNING_IN_CONTAINER",
  "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT",
];

/** `dotnet <something>` or `exec dotnet <something>`. */
function isLaunchingDotnet(argv: readonly string[]): boolean {
  if (argv.length < 2) return false;
  return launches(argv, ["dotnet"]) || (argv[0] === "exec" && launches(argv.slice(1), ["dotnet"]));
}

function isNetcoreImage(config: ImageConfiguration): boolean {
  return hasAnyEnv(config, NETCORE_ENV) || isLaunchingDotnet(effectiveCommandLine(config)?.argv ?? []);
}

/** Marks .NET containers for debugging and installs vsdbg with the `netcore` support image; no port. */
export const netcoreTransformer: ContainerTransformer = {
  runtime: "netcore",
  isApplicable: isNetcoreImage,
  apply(container) {
    return { ok: true, container, debug: { runtime: "netcore" }, supportImage: "netcore" };
  },
};
