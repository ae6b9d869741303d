/** The `gitCommit` tag policy, as Skaffold's `pkg/skaffold/tag/git_commit.go`. */
import { realpath } from "node:fs/promises";
import { relative, sep } from "node:path";
import type { Artifact } from "../../config/schema/index.js";
import { configError, externalError } from "../../errors/errors.js";
import type { Exec } from "../../proc/exec.js";
import type { Tagger } from "./tagger.js";

type GitRunner = (workspace: string, ...args: string[]) => Promise<string>;
type Variant = (git: GitRunner, workspace: string) => Promise<string>;

const MAX_TAG_LENGTH = 128;

const tags: Variant = (git, ws) => git(ws, "describe", "--tags", "--always");
const commitSha: Variant = (git, ws) => git(ws, "rev-list", "-1", "HEAD");
const abbrevCommitSha: Variant = (git, ws) => git(ws, "rev-list", "-1", "HEAD", "--abbrev-commit");

/** The artifact directory relative to the repository root, as Skaffold's `getGitPathToWorkdir`. */
async function pathInRepo(git: GitRunner, workspace: string): Promise<string> {
  const resolved = await realpath(workspace);
  const root = await git(workspace, "rev-parse", "--show-toplevel");
  const rel = relative(root, resolved);
  return rel === "" ? "." : rel.split(sep).join("/");
}

/** Variants by lower-cased name; matching is case-insensitive as in Skaffold. */
const VARIANTS: ReadonlyMap<string, Variant> = new Map<string, Variant>([
  ["", tags],
  ["tags", tags],
  ["commitsha", commitSha],
  ["abbrevcommitsha", abbrevCommitSha],
  ["treesha", async (git, ws) => git(ws, "rev-parse", `HEAD:${await pathInRepo(git, ws)}/`)],
  ["abbrevtreesha", async (git, ws) => git(ws, "rev-parse", "--short", `HEAD:${await pathInRepo(git, ws)}/`)],
  ["branches", (git, ws) => git(ws, "branch", "--show-current").catch(() => abbrevCommitSha(git, ws))],
]);

/**
 * Skaffold's `sanitizeTag`: characters outside `[a-zA-Z0-9-._]` become `_`, leading `-`/`.` become `_`, and
 * the result is cut to 128 characters. `warn` hears about changed (untruncated) tags, as Skaffold logs them.
 */
export function sanitizeTag(tag: string, warn?: (message: string) => void): string {
  let sanitized = tag.replace(/[^a-zA-Z0-9-._]/g, "_");
  const leading = /^[-.]*/.exec(sanitized)?.[0].length ?? 0;
  sanitized = "_".repeat(leading) + sanitized.slice(leading);
  if (sanitized.length > MAX_TAG_LENGTH) return sanitized.slice(0, MAX_TAG_LENGTH);
  if (sanitized !== tag) warn?.(`Using "${sanitized}" instead of "${tag}" as an image tag`);
  return sanitized;
}

/** Settings of the `gitCommit` policy (the schema's `GitTagger`) and the test seams. */
export interface GitCommitOptions {
  readonly variant?: string | undefined;
  readonly prefix?: string | undefined;
  readonly ignoreChanges?: boolean | undefined;
  /** Runs `git`; the real one is `processExec`. */
  readonly exec: Exec;
  readonly warn?: (message: string) => void;
}

/** Creates the git tagger; throws a config error for an unknown variant, as Skaffold does at startup. */
export function gitCommitTagger(options: GitCommitOptions): Tagger {
  const variantName = options.variant ?? "";
  const variant = VARIANTS.get(variantName.toLowerCase());
  if (variant === undefined) {
    throw configError(
      "TAG_GIT_VARIANT",
      `"${variantName}" is not a valid git tagger variant`,
      undefined,
      "Use Tags, CommitSha, AbbrevCommitSha, TreeSha, AbbrevTreeSha or Branches.",
    );
  }
  const git: GitRunner = async (workspace, ...args) => {
    const result = await options.exec.run("git", args, { cwd: workspace });
    if (result.code !== 0) {
      throw externalError(
        "GIT_FAILED",
        `running [git ${args.join(" ")}]\n - stdout: "${result.stdout.trim()}"\n - stderr: "${result.stderr.trim()}"\n - cause: exit status ${result.code}`,
        "Is the artifact's context inside a git repository with at least one commit?",
      );
    }
    return result.stdout.trim();
  };
  const prefix = options.prefix ?? "";
  return {
    async tag(_artifact: Artifact, workspace: string): Promise<string> {
      let ref: string;
      try {
        ref = sanitizeTag(await variant(git, workspace), options.warn);
      } catch (error) {
        throw externalError(
          "TAG_GIT",
          `unable to find git commit: ${(error as Error).message}`,
          undefined,
          error,
        );
      }
      if (options.ignoreChanges !== true) {
        const changes = await git(workspace, "status", ".", "--porcelain").catch((error: unknown) => {
          throw externalError("TAG_GIT", `getting git status: ${(error as Error).message}`, undefined, error);
        });
        if (changes !== "") return `${prefix}${ref}-dirty`;
      }
      return prefix + ref;
    },
  };
}
