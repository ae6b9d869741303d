/** Platforms (`os/arch[/variant]`): parsing, printing, matching against index entries, and the host's. */
import { arch } from "node:process";
import { userError } from "../errors/errors.js";
import type { Platform } from "./model.js";

/** Node's `process.arch` names → Go's GOARCH names. */
const GO_ARCH: Readonly<Record<string, string>> = {
  x64: "amd64",
  arm64: "arm64",
  arm: "arm",
  ia32: "386",
  ppc64: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
  loong64: "loong64",
  mips: "mips",
  mipsel: "mipsle",
};

/** Parses `os[/arch[/variant]]` (also `os/arch:osversion`); throws a user error when malformed. */
export function parsePlatform(text: string): Platform {
  const [spec = "", osVersion] = text.split(":", 2);
  const parts = spec.split("/");
  const [os = "", architecture = "", variant] = parts;
  if (parts.length > 3 || os === "" || parts.some((p) => p === "" || !/^[a-z0-9_.-]+$/i.test(p))) {
    throw userError(
      "INVALID_PLATFORM",
      `invalid platform "${text}"`,
      "Use os[/arch[/variant]], e.g. linux/amd64 or linux/arm/v7.",
    );
  }
  return {
    os,
    architecture,
    ...(variant === undefined ? {} : { variant }),
    ...(osVersion === undefined ? {} : { "os.version": osVersion }),
  };
}

/** `os/arch[/variant]`. */
export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant]
    .filter((p) => p !== undefined && p !== "")
    .join("/");
}

/** The platform of this machine, as Go names it (`linux/amd64`). */
export function hostPlatform(): Platform {
  return { os: "linux", architecture: GO_ARCH[arch] ?? arch };
}

/**
 * True when `candidate` (an index entry's platform) satisfies `wanted`: every field `wanted` sets must be
 * equal. Docker's attestation entries (`unknown/unknown`) never match.
 */
export function platformMatches(wanted: Platform, candidate: Platform | undefined): boolean {
  if (candidate === undefined) return false;
  if (candidate.os === "unknown" || candidate.architecture === "unknown") return false;
  if (wanted.os !== candidate.os) return false;
  if (wanted.architecture !== "" && wanted.architecture !== candidate.architecture) return false;
  if (wanted.variant !== undefined && wanted.variant !== candidate.variant) return false;
  const version = wanted["os.version"];
  return version === undefined || version === candidate["os.version"];
}

/** A platform selection: every platform (`all`), or a list. */
export type PlatformSelection = "all" | readonly Platform[];

/** Parses a platform list where the single word `all` means every platform of the base image. */
export function parsePlatformSelection(specs: readonly string[]): PlatformSelection {
  if (specs.includes("all")) return "all";
  return specs.map(parsePlatform);
}

/** True when an index entry is selected. */
export function platformSelected(selection: PlatformSelection, candidate: Platform | undefined): boolean {
  if (selection === "all")
    return candidate === undefined || (candidate.os !== "unknown" && candidate.architecture !== "unknown");
  return selection.some((wanted) => platformMatches(wanted, candidate));
}
