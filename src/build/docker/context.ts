/**
 * The build context as `docker build` sends it: a tar of the context directory minus `.dockerignore`, streamed
 * file by file (never held in memory), entries sorted, owned by root, with the Dockerfile and `.dockerignore`
 * always included. A Dockerfile outside the context is added under a generated name, as the Docker CLI does.
 */
import { randomBytes } from "node:crypto";
import { readlink, stat } from "node:fs/promises";
import { relative, sep } from "node:path";
import { userError } from "../../errors/errors.js";
import { compileIgnore, readIgnoreFile, walkContext, type IgnoreMatcher } from "../dockerfile/index.js";
import { tarStream, type TarEntry } from "../../util/tar.js";

/** A context ready to stream, and the Dockerfile's path inside it. */
export interface BuildContext {
  readonly dockerfile: string;
  readonly tar: AsyncIterable<Uint8Array>;
}

/** The Dockerfile's path relative to the context, or undefined when it lies outside. */
function inside(workspace: string, dockerfilePath: string): string | undefined {
  const rel = relative(workspace, dockerfilePath);
  return rel === "" || rel.startsWith("..") || rel.startsWith(sep) ? undefined : rel.split(sep).join("/");
}

/** Moby's `TrimBuildFilesFromExcludes`: keep `.dockerignore` and the Dockerfile even when ignored. */
function keepBuildFiles(matcher: IgnoreMatcher, dockerfile: string | undefined): string[] {
  const keep: string[] = [];
  if (matcher.matchesOrParentMatches(".dockerignore")) keep.push("!.dockerignore");
  if (dockerfile !== undefined && matcher.matchesOrParentMatches(dockerfile)) keep.push(`!${dockerfile}`);
  return keep;
}

async function* entries(
  workspace: string,
  matcher: IgnoreMatcher,
  extra: TarEntry[],
): AsyncGenerator<TarEntry> {
  yield* extra;
  for await (const entry of walkContext(workspace, matcher)) {
    const meta = { uid: 0, gid: 0, mtime: Math.floor(entry.stats.mtimeMs / 1000) };
    const mode = entry.stats.mode & 0o7777;
    if (entry.kind === "dir") yield { type: "dir", path: entry.path, mode, meta };
    else if (entry.kind === "symlink")
      yield { type: "symlink", path: entry.path, target: await readlink(entry.absolute), meta };
    else
      yield {
        type: "file",
        path: entry.path,
        mode,
        size: entry.stats.size,
        source: { file: entry.absolute },
        meta,
      };
  }
}

/** Turns a file-system failure while streaming into a user error that names the file. */
async function* readable(tar: AsyncIterable<Uint8Array>, workspace: string): AsyncGenerator<Uint8Array> {
  try {
    yield* tar;
  } catch (error) {
    const errno = error as NodeJS.ErrnoException;
    if (typeof errno.code !== "string") throw error;
    throw userError(
      "BUILD_CONTEXT_UNREADABLE",
      `cannot read ${errno.path ?? "a file"} in the build context ${workspace}: ${errno.message}`,
      "Fix the file's permissions, or exclude it in .dockerignore.",
    );
  }
}

/** Prepares the build context of `workspace` for the Dockerfile at `dockerfilePath` (absolute). */
export async function buildContext(workspace: string, dockerfilePath: string): Promise<BuildContext> {
  const ignore = await readIgnoreFile(workspace, dockerfilePath);
  const inContext = inside(workspace, dockerfilePath);
  const matcher = compileIgnore(ignore, keepBuildFiles(compileIgnore(ignore), inContext));
  const extra: TarEntry[] = [];
  let dockerfile = inContext;
  if (dockerfile === undefined) {
    dockerfile = `.dockerfile.${randomBytes(10).toString("hex")}`;
    const { size } = await stat(dockerfilePath);
    extra.push({
      type: "file",
      path: dockerfile,
      mode: 0o644,
      size,
      source: { file: dockerfilePath },
      meta: { uid: 0, gid: 0 },
    });
  }
  return { dockerfile, tar: readable(tarStream(entries(workspace, matcher, extra)), workspace) };
}
