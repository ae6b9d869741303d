/**
 * A docker artifact's Dockerfile read once for the dev loop: every stage's context `COPY`/`ADD` sources (what
 * the build reads), the last stage's copies with their destinations (what inferred sync maps to), and the
 * `.dockerignore` matcher. Matching a changed file against these is pure and needs no walk of the context.
 */
import { posix } from "node:path";
import type { Artifact } from "../config/schema/index.js";
import { artifactBuildArgs } from "../build/docker/plan.js";
import {
  dockerfileBaseImages,
  goMatch,
  loadDockerfile,
  resolveDockerfilePath,
  type ContextCopy,
  type IgnoreMatcher,
} from "../build/dockerfile/index.js";

/** The parts of a Dockerfile the dev loop matches changed files against. */
export interface DockerfileCopies {
  /** Absolute path of the Dockerfile. */
  readonly dockerfile: string;
  /** Absolute path of the `.dockerignore` in effect, or where it would be read from. */
  readonly ignoreFiles: readonly string[];
  readonly matcher: IgnoreMatcher;
  /** Context sources read by any stage (COPY/ADD without --from, RUN --mount=type=bind). */
  readonly sources: readonly string[];
  /** The last stage's copies, destinations absolute. */
  readonly lastStage: readonly ContextCopy[];
}

/** What evaluating the Dockerfile needs besides the artifact. */
export interface DockerfileCopiesInputs {
  readonly workspace: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** WORKDIR of a base image, for relative COPY destinations; undefined when unknown (then `/`). */
  readonly baseWorkdir?: (image: string) => Promise<string | undefined>;
}

/** Reads and evaluates the artifact's Dockerfile (build args as for a dev build). */
export async function loadDockerfileCopies(
  artifact: Artifact,
  inputs: DockerfileCopiesInputs,
): Promise<DockerfileCopies> {
  const docker = artifact.docker ?? {};
  const dockerfile = resolveDockerfilePath(inputs.workspace, docker.dockerfile, inputs.cwd);
  const buildArgs = await artifactBuildArgs(docker, dockerfile, {
    mode: "dev",
    tag: artifact.image,
    dependencies: new Map(),
    env: inputs.env,
    cwd: inputs.workspace,
  });
  const workdirs = new Map<string, string>();
  if (inputs.baseWorkdir) {
    for (const image of await dockerfileBaseImages(inputs.workspace, dockerfile, buildArgs)) {
      const dir = await inputs.baseWorkdir(image);
      if (dir !== undefined && dir !== "") workdirs.set(image, dir);
    }
  }
  const loaded = await loadDockerfile(inputs.workspace, dockerfile, {
    buildArgs,
    baseWorkdir: (image) => workdirs.get(image),
  });
  const stages = loaded.stages.stages;
  return {
    dockerfile,
    ignoreFiles: [`${dockerfile}.dockerignore`, posix.join(inputs.workspace, ".dockerignore")],
    matcher: loaded.matcher,
    sources: stages.flatMap((s) => [...s.copies.flatMap((c) => c.sources), ...s.mounts]),
    lastStage: stages.at(-1)?.copies ?? [],
  };
}

/** The parent directories of a relative path, innermost first: `a/b/c` → `a/b`, `a`. */
function parents(rel: string): string[] {
  const out: string[] = [];
  for (let i = rel.lastIndexOf("/"); i > 0; i = rel.lastIndexOf("/", i - 1)) out.push(rel.slice(0, i));
  return out;
}

function sourceMatches(source: string, path: string): boolean {
  return source === path || goMatch(source, path);
}

/**
 * How a COPY source pattern covers a context file: `file` when the pattern names the file itself, `dir` with
 * the directory it names when the file lies below it, undefined when it does not cover the file.
 */
export function coverage(
  source: string,
  rel: string,
): { readonly kind: "file" } | { readonly kind: "dir"; readonly dir: string } | undefined {
  if (source === "." || source === "") return { kind: "dir", dir: "" };
  if (sourceMatches(source, rel)) return { kind: "file" };
  const dir = parents(rel).find((p) => sourceMatches(source, p));
  return dir === undefined ? undefined : { kind: "dir", dir };
}

/** Whether a context file is read by the build: covered by some source and not excluded by `.dockerignore`. */
export function isBuildInput(copies: DockerfileCopies, rel: string): boolean {
  if (copies.matcher.matchesOrParentMatches(rel)) return false;
  return copies.sources.some((s) => coverage(s, rel) !== undefined);
}

/** Where the last stage copies a context file to (Skaffold's inferred sync map, for one file). */
export function inferredDestinations(copies: DockerfileCopies, rel: string): string[] {
  if (copies.matcher.matchesOrParentMatches(rel)) return [];
  const dests: string[] = [];
  for (const copy of copies.lastStage) {
    for (const source of copy.sources) {
      const covered = coverage(source, rel);
      if (covered === undefined) continue;
      if (covered.kind === "dir") dests.push(posix.join(copy.dest, posix.relative(covered.dir, rel)));
      else dests.push(copy.destIsDir ? posix.join(copy.dest, posix.basename(rel)) : copy.dest);
    }
  }
  return [...new Set(dests)];
}
