/**
 * Finds the Go main package to build, with `go list`: `main` (default `.`, relative to the directory
 * where `go` runs) or the import path of a `ko://` image name. A pattern such as `./...` must expand to
 * exactly one main package.
 */
import { userError } from "../../errors/errors.js";
import type { Exec } from "../../proc/exec.js";

/** A Go package as `go list` reports it. */
export interface GoPackage {
  readonly importPath: string;
  readonly name: string;
  /** Absolute directory of its sources (where `kodata/` is looked for). */
  readonly dir: string;
}

/** Inputs of the main-package lookup. */
export interface MainPackageQuery {
  readonly exec: Exec;
  readonly goBinary: string;
  readonly workingDir: string;
  readonly pattern: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
}

/** Parses `go list -f '{{.ImportPath}}\t{{.Name}}\t{{.Dir}}'` output. */
export function parseGoList(stdout: string): GoPackage[] {
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [importPath = "", name = "", dir = ""] = line.split("\t");
      return { importPath, name, dir };
    });
}

/** The single main package `pattern` stands for. */
export async function resolveMainPackage(query: MainPackageQuery): Promise<GoPackage> {
  const { exec, goBinary, workingDir, pattern, env } = query;
  const result = await exec.run(goBinary, ["list", "-f", "{{.ImportPath}}\t{{.Name}}\t{{.Dir}}", pattern], {
    cwd: workingDir,
    env,
    ...(query.signal === undefined ? {} : { signal: query.signal }),
  });
  if (result.code !== 0) {
    throw userError(
      "KO_MAIN_NOT_FOUND",
      `go list ${pattern} failed in ${workingDir}: ${result.stderr.trim()}`,
      "Check ko.main (relative to the artifact's context and ko.dir) and that go.mod is there.",
    );
  }
  const packages = parseGoList(result.stdout);
  const mains = pattern.includes("...") ? packages.filter((p) => p.name === "main") : packages;
  const [only] = mains;
  if (mains.length !== 1 || only === undefined) {
    const listed = mains.map((p) => p.importPath).join(", ");
    throw userError(
      "KO_MAIN_AMBIGUOUS",
      mains.length === 0
        ? `no main package matches "${pattern}" in ${workingDir}`
        : `"${pattern}" matches ${mains.length} main packages (${listed}); ko builds exactly one`,
      "Set ko.main to the directory of one main package, e.g. ./cmd/app.",
    );
  }
  if (only.name !== "main") {
    throw userError(
      "KO_NOT_MAIN",
      `${only.importPath} is package ${only.name}, not a main package`,
      "Point ko.main at the directory with `package main`.",
    );
  }
  return only;
}
