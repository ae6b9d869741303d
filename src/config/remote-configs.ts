import { createHash } from "node:crypto";
import { access, mkdir, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { externalError, userError } from "../errors/errors.js";
import type { Exec } from "../proc/exec.js";

export type SyncPolicy = "always" | "missing" | "never";

/** Clones git-based `requires` into a local cache and keeps them fresh. */
export interface RemoteConfigCache {
  /** Returns the local directory of `repo` at `ref`, cloning or updating it per the policy. */
  checkout(repo: string, ref: string | undefined, sync: boolean): Promise<string>;
}

export function defaultRemoteCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  return join(env["HOME"] ?? homedir(), ".trestle", "remote-cache");
}

function folderName(repo: string, ref: string | undefined): string {
  const base =
    repo
      .replace(/\.git$/, "")
      .split(/[/:]/)
      .filter(Boolean)
      .pop() ?? "repo";
  const hash = createHash("sha256")
    .update(`${repo}@${ref ?? ""}`)
    .digest("hex")
    .slice(0, 12);
  return `${base.replace(/[^\w.-]/g, "_")}-${hash}`;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** A cache on the local disk using the git command; clones land in a temporary folder first. */
export function gitRemoteConfigCache(exec: Exec, root: string, policy: SyncPolicy): RemoteConfigCache {
  const done = new Map<string, Promise<string>>();
  const git = async (args: string[], cwd?: string): Promise<void> => {
    const result = await exec.run("git", args, cwd === undefined ? {} : { cwd });
    if (result.code !== 0) {
      throw externalError(
        "GIT_FAILED",
        `git ${args.join(" ")} failed: ${result.stderr.trim()}`,
        "Check the repository URL, the ref and your git credentials.",
      );
    }
  };
  const checkout = async (repo: string, ref: string | undefined, sync: boolean): Promise<string> => {
    const dir = join(root, folderName(repo, ref));
    if (await exists(join(dir, ".git"))) {
      if (policy === "always" && sync) {
        await git(["fetch", "--depth", "1", "origin", ref ?? "HEAD"], dir);
        await git(["reset", "--hard", "FETCH_HEAD"], dir);
      }
      return dir;
    }
    if (policy === "never") {
      throw userError(
        "REMOTE_CONFIG_MISSING",
        `required config repository ${repo} is not in the cache (${dir})`,
        "Run with --sync-remote-cache=missing or always to clone it.",
      );
    }
    await mkdir(root, { recursive: true });
    const temporary = `${dir}.partial-${process.pid}`;
    await rm(temporary, { recursive: true, force: true });
    await git(["clone", "--depth", "1", ...(ref ? ["--branch", ref] : []), repo, temporary]);
    await rename(temporary, dir);
    return dir;
  };
  return {
    checkout(repo, ref, sync) {
      const key = `${repo}@${ref ?? ""}`;
      let pending = done.get(key);
      if (!pending) {
        pending = checkout(repo, ref, sync);
        done.set(key, pending);
      }
      return pending;
    },
  };
}
