import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import type { Artifact } from "../../config/schema/index.js";
import type { Exec, ExecResult } from "../../proc/exec.js";
import { gitCommitTagger, sanitizeTag } from "./git-commit.js";

/** Real git, isolated from the user's and the system's git config. */
const ISOLATED = { ...process.env, GIT_CONFIG_GLOBAL: "/dev/null", GIT_CONFIG_NOSYSTEM: "1" };

/**
 * Runs real git without writing to its stdin: `processExec` ends stdin with an empty write, which races with
 * fast-exiting commands and can raise an unhandled EPIPE (reported separately).
 */
function runGit(
  args: readonly string[],
  cwd: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile("git", [...args], { cwd, env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

const git: Exec = { run: (_cmd, args, options = {}) => runGit(args, options.cwd, ISOLATED) };

/** Commits as Skaffold's go-git test helper makes them, so the hashes equal those in git_commit_test.go. */
const SIGNATURE = {
  GIT_AUTHOR_NAME: "John Doe",
  GIT_AUTHOR_EMAIL: "john@doe.org",
  GIT_AUTHOR_DATE: "2013-02-03T19:54:00-0700",
  GIT_COMMITTER_NAME: "John Doe",
  GIT_COMMITTER_EMAIL: "john@doe.org",
  GIT_COMMITTER_DATE: "2013-02-03T19:54:00-0700",
};

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

class Repo {
  readonly dir = mkdtempSync(join(tmpdir(), "trestle-git-"));
  private steps: Promise<unknown> = Promise.resolve();

  constructor(init = true) {
    roots.push(this.dir);
    if (init) this.git("init", "-q", "-b", "master", ".");
  }

  private then(step: () => unknown): this {
    this.steps = this.steps.then(step);
    return this;
  }

  git(...args: string[]): this {
    return this.then(async () => {
      const result = await runGit(args, this.dir, { ...ISOLATED, ...SIGNATURE });
      if (result.code !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
    });
  }

  write(file: string, content: string): this {
    return this.then(() => {
      writeFileSync(join(this.dir, file), content, { mode: 0o755 });
    });
  }
  mkdir(dir: string): this {
    return this.then(() => {
      mkdirSync(join(this.dir, dir), { recursive: true });
    });
  }
  rename(from: string, to: string): this {
    return this.then(() => {
      renameSync(join(this.dir, from), join(this.dir, to));
    });
  }
  delete(file: string): this {
    return this.then(() => {
      rmSync(join(this.dir, file));
    });
  }
  add(...files: string[]): this {
    return this.git("add", ...files);
  }
  commit(message: string): this {
    const file = join(this.dir, ".git", "MSG");
    return this.then(() => {
      writeFileSync(file, message);
    }).git("-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", file);
  }
  tag(name: string): this {
    return this.git("tag", name);
  }
  branch(name: string): this {
    return this.git("checkout", "-q", "-b", name);
  }
  async ready(): Promise<string> {
    await this.steps;
    return this.dir;
  }
}

const artifact: Artifact = { image: "test" };
const VARIANTS = ["Tags", "CommitSha", "AbbrevCommitSha", "TreeSha", "AbbrevTreeSha", "Branches"] as const;
type Expected = readonly [
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
];

async function tagsFor(workspace: string, ignoreChanges = false): Promise<(string | null)[]> {
  return Promise.all(
    VARIANTS.map((variant) =>
      gitCommitTagger({ variant, ignoreChanges, exec: git })
        .tag(artifact, workspace)
        .catch(() => null),
    ),
  );
}

const C1 = "eefe1b9c44eb0aa87199c9a079f2d48d8eb8baed";
const T1 = "3bed02ca656e336307e4eb4d80080d7221cba62c";
const C2 = "aea33bcc86b5af8c8570ff45d8a643202d63c808";
const T2 = "bc69d50cda6897a6f2054e64b9059f038dc6fb0e";
const C3 = "b610928dc27484cc56990bc77622aab0dbd67131";
const artifact1: Expected = ["v1", C3, "b610928", T1, "3bed02c", "master"];
const artifact2: Expected = [
  "v1",
  C3,
  "b610928",
  "36651c832d8bf5ca1e84c6dc23bb8678fa51cf3e",
  "36651c8",
  "master",
];
const clean1: Expected = ["eefe1b9", C1, "eefe1b9", T1, "3bed02c", "master"];
const dirty = (e: Expected): Expected => e.map((t) => `${t}-dirty`) as unknown as Expected;
const twoTags = (a: string, b: string) =>
  new Repo()
    .write("source.go", "code")
    .add("source.go")
    .commit("initial")
    .tag(a)
    .write("other.go", "other")
    .add("other.go")
    .commit("second commit")
    .tag(b);
const twoArtifacts = () =>
  new Repo()
    .mkdir("artifact1")
    .write("artifact1/source.go", "code")
    .mkdir("artifact2")
    .write("artifact2/source.go", "other code")
    .add("artifact1/source.go", "artifact2/source.go")
    .commit("initial");

// Skaffold's TestGitCommit_GenerateTag, with its expected values: Tags, CommitSha, AbbrevCommitSha, TreeSha,
// AbbrevTreeSha, Branches (null = error).
const cases: readonly (readonly [string, () => Repo, Expected, string?, boolean?])[] = [
  [
    "clean worktree without tag",
    () => new Repo().write("source.go", "code").add("source.go").commit("initial"),
    clean1,
  ],
  ["tag containing a slash", () => twoTags("v/1", "v/2"), ["v_2", C2, "aea33bc", T2, "bc69d50", "master"]],
  [
    "clean worktree with a branch",
    () =>
      new Repo()
        .write("source.go", "code")
        .add("source.go")
        .commit("initial")
        .branch("branch")
        .commit("second"),
    ["589c4dc", "589c4dcf52df66d058c705db39f871dceacf6471", "589c4dc", T1, "3bed02c", "branch"],
  ],
  [
    "branch containing a slash",
    () => new Repo().write("source.go", "code").add("source.go").commit("initial").branch("branch/withslash"),
    ["eefe1b9", C1, "eefe1b9", T1, "3bed02c", "branch_withslash"],
  ],
  [
    "dirty worktree with tag containing a slash",
    () => twoTags("v/1", "v/2").write("other.go", "updated code"),
    dirty(["v_2", C2, "aea33bc", T2, "bc69d50", "master"]),
  ],
  [
    "dirty worktree with ignoreChanges",
    () => twoTags("v/1", "v/2").write("other.go", "updated code"),
    ["v_2", C2, "aea33bc", T2, "bc69d50", "master"],
    "",
    true,
  ],
  ["clean worktree with tags", () => twoTags("v1", "v2"), ["v2", C2, "aea33bc", T2, "bc69d50", "master"]],
  [
    "treeSha only considers current tree content",
    () =>
      new Repo()
        .write("source.go", "other code")
        .add("source.go")
        .commit("initial")
        .write("source.go", "code")
        .add("source.go")
        .commit("updated code")
        .tag("v1"),
    ["v1", "b2f7a7d62794237ac293eb07c6bcae3736b96231", "b2f7a7d", T1, "3bed02c", "master"],
  ],
  [
    "dirty worktree without tag",
    () =>
      new Repo()
        .write("source.go", "code")
        .add("source.go")
        .commit("initial")
        .write("source.go", "updated code"),
    dirty(clean1),
  ],
  [
    "untracked file",
    () =>
      new Repo().write("source.go", "code").add("source.go").commit("initial").write("new.go", "new code"),
    dirty(clean1),
  ],
  [
    "tag plus one commit",
    () =>
      new Repo()
        .write("source.go", "code")
        .add("source.go")
        .commit("initial")
        .tag("v1")
        .write("source.go", "updated code")
        .add("source.go")
        .commit("changes"),
    [
      "v1-1-g3cec6b9",
      "3cec6b950895704a8a69b610a199b242a3bd370f",
      "3cec6b9",
      "81eea360f7f81bc5c187498a8d6c4337e0361374",
      "81eea36",
      "master",
    ],
  ],
  [
    "deleted file",
    () =>
      new Repo()
        .write("source1.go", "code1")
        .write("source2.go", "code2")
        .add("source1.go", "source2.go")
        .commit("initial")
        .delete("source1.go"),
    dirty([
      "279d53f",
      "279d53fcc3ae34503aec382a49a41f6db6de9a66",
      "279d53f",
      "039c20a072ceb72fb72d5883315df91659bb8ae4",
      "039c20a",
      "master",
    ]),
  ],
  [
    "renamed file",
    () =>
      new Repo()
        .write("source.go", "code")
        .add("source.go")
        .commit("initial")
        .rename("source.go", "source2.go"),
    dirty(clean1),
  ],
  ["clean artifact1 in tagged repo", () => twoArtifacts().tag("v1"), artifact1, "artifact1/"],
  ["clean artifact2 in tagged repo", () => twoArtifacts().tag("v1"), artifact2, "artifact2"],
  [
    "clean artifact in dirty repo",
    () => twoArtifacts().tag("v1").write("artifact2/source.go", "updated code"),
    artifact1,
    "artifact1",
  ],
  [
    "updated artifact in dirty repo",
    () => twoArtifacts().tag("v1").write("artifact2/source.go", "updated code"),
    dirty(artifact2),
    "artifact2",
  ],
  [
    "additional commit in other artifact",
    () =>
      twoArtifacts()
        .write("artifact2/source.go", "updated code")
        .add("artifact2/source.go")
        .commit("update artifact2"),
    ["0d16f59", "0d16f59900bd63dd39425d6085d3f1333b66804f", "0d16f59", T1, "3bed02c", "master"],
    "artifact1",
  ],
  [
    "not a git repository",
    () => new Repo(false).write("source.go", "code"),
    [null, null, null, null, null, null],
  ],
  ["repository without commits", () => new Repo(), [null, null, null, null, null, "master"]],
];

describe("gitCommitTagger (real git, Skaffold's expectations)", () => {
  for (const [name, repo, expected, subDir = "", ignoreChanges = false] of cases) {
    it(name, async () => {
      const dir = await repo().ready();
      assert.deepEqual(await tagsFor(join(dir, subDir), ignoreChanges), expected);
    });
  }

  it("errors for the tree of an uncommitted subdirectory", async () => {
    const dir = await new Repo().mkdir("sub/sub").commit("initial").ready();
    const got = await tagsFor(join(dir, "sub/sub"));
    assert.deepEqual(got, [
      "a7b32a6",
      "a7b32a69335a6daa51bd89cc1bf30bd31df228ba",
      "a7b32a6",
      null,
      null,
      "master",
    ]);
  });

  it("adds the prefix", async () => {
    const dir = await new Repo().commit("initial").ready();
    assert.equal(await gitCommitTagger({ prefix: "tag-", exec: git }).tag(artifact, dir), "tag-a7b32a6");
    const commit = gitCommitTagger({ prefix: "commit-", variant: "CommitSha", exec: git });
    assert.equal(await commit.tag(artifact, dir), "commit-a7b32a69335a6daa51bd89cc1bf30bd31df228ba");
  });

  it("explains a failure outside a repository", async () => {
    const dir = await new Repo(false).ready();
    await assert.rejects(gitCommitTagger({ exec: git }).tag(artifact, dir), {
      code: "TAG_GIT",
      message: /^unable to find git commit: running \[git describe --tags --always\][\s\S]*exit status 128/,
    });
  });

  it("rejects an unknown variant when created", () => {
    assert.throws(() => gitCommitTagger({ variant: "Invalid", exec: git }), {
      message: '"Invalid" is not a valid git tagger variant',
    });
  });

  it("matches variant names case-insensitively", () => {
    assert.doesNotThrow(() => gitCommitTagger({ variant: "abbrevtreesha", exec: git }));
  });
});

describe("sanitizeTag", () => {
  it("keeps valid tags", () => {
    for (const tag of ["abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789-_.", "_v1"]) {
      assert.equal(sanitizeTag(tag), tag);
    }
  });

  it("replaces what a tag cannot hold and cuts at 128 characters", () => {
    const warnings: string[] = [];
    assert.equal(
      sanitizeTag("v/1", (w) => warnings.push(w)),
      "v_1",
    );
    assert.equal(sanitizeTag("v%$@!1"), "v____1");
    assert.equal(sanitizeTag("--v1"), "__v1");
    assert.equal(sanitizeTag("..v1"), "__v1");
    assert.equal(sanitizeTag("0123456789".repeat(20)).length, 128);
    assert.deepEqual(warnings, ['Using "v_1" instead of "v/1" as an image tag']);
  });
});
