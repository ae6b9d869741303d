/**
 * Sync planners for the three modes of `sync` (Skaffold's `sync.NewItem`, specs §D.3–D.4), plus what Skaffold
 * lacks: deleted files are removed in the container in every mode (inferred included). A changed file that no
 * rule covers makes the whole change a rebuild, and the reason names the file.
 */
import { posix } from "node:path";
import { globMatch } from "../build/glob.js";
import { inferredDestinations, type DockerfileCopies } from "./dockerfile-copies.js";
import type { FileChanges, ManualSyncRule, SyncCopy, SyncDecision, SyncPlanner } from "./types.js";

/** Maps one changed file to container paths; an empty list means "not syncable". */
type Mapper = (rel: string) => readonly string[];

function plannerFrom(workspace: string, map: Mapper, what: string): SyncPlanner {
  return {
    plan(changes: FileChanges): SyncDecision {
      const copy: SyncCopy[] = [];
      const removed: string[] = [];
      for (const rel of [...changes.added, ...changes.modified]) {
        const dests = map(rel);
        if (dests.length === 0) return { kind: "rebuild", reason: `${rel} matches no ${what}` };
        copy.push({ local: posix.join(workspace, rel), dests });
      }
      for (const rel of changes.deleted) {
        const dests = map(rel);
        if (dests.length === 0) return { kind: "rebuild", reason: `deleted ${rel} matches no ${what}` };
        removed.push(...dests);
      }
      if (copy.length === 0 && removed.length === 0) return { kind: "rebuild", reason: "nothing to sync" };
      return { kind: "sync", copy, delete: [...new Set(removed)] };
    },
  };
}

/** Skaffold's destination for a manual rule: `dest` (joined to the image WORKDIR when relative) + the stripped path. */
export function manualDestination(rule: ManualSyncRule, rel: string, workdir: string): string {
  const strip = rule.strip ?? "";
  const tail = strip !== "" && rel.startsWith(strip) ? rel.slice(strip.length) : rel;
  return posix.join(posix.isAbsolute(rule.dest) ? "" : workdir || "/", rule.dest, tail);
}

/** Manual rules: every rule whose `src` glob matches a file adds a destination. */
export function manualPlanner(
  workspace: string,
  rules: readonly ManualSyncRule[],
  workdir: string,
): SyncPlanner {
  return plannerFrom(
    workspace,
    (rel) => rules.filter((r) => globMatch(r.src, rel)).map((r) => manualDestination(r, rel, workdir)),
    "sync rule",
  );
}

/** Inferred rules of a docker artifact: files matching an `infer` glob, copied by the Dockerfile's last stage. */
export function inferredDockerPlanner(
  workspace: string,
  infer: readonly string[],
  copies: DockerfileCopies,
): SyncPlanner {
  return plannerFrom(
    workspace,
    (rel) => (infer.some((g) => globMatch(g, rel)) ? inferredDestinations(copies, rel) : []),
    "inferred sync rule (an `infer` glob and a COPY of the Dockerfile's last stage)",
  );
}

/** ko's inferred sync: files under `<dir>/<main>/kodata` go to `/var/run/ko/…` (ko's KO_DATA_PATH). */
export function koDataPlanner(
  workspace: string,
  infer: readonly string[],
  ko: { readonly dir?: string | undefined; readonly main?: string | undefined },
): SyncPlanner {
  const kodata = posix.join(ko.dir ?? ".", ko.main ?? ".", "kodata");
  const prefix = kodata === "kodata" ? "kodata/" : `${kodata}/`;
  return plannerFrom(
    workspace,
    (rel) =>
      rel.startsWith(prefix) && infer.some((g) => globMatch(g, rel))
        ? [posix.join("/var/run/ko", rel.slice(prefix.length))]
        : [],
    `ko data file under ${kodata}`,
  );
}
