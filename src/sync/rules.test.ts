import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { IgnoreMatcher } from "../build/dockerfile/index.js";
import type { DockerfileCopies } from "./dockerfile-copies.js";
import { inferredDockerPlanner, koDataPlanner, manualDestination, manualPlanner } from "./rules.js";

const modified = (...files: string[]) => ({ added: [], modified: files, deleted: [] });

describe("manual sync rules (Skaffold's sync_test.go cases)", () => {
  it("joins a relative dest with the image WORKDIR", () => {
    assert.equal(manualDestination({ src: "*.html", dest: "." }, "index.html", "/"), "/index.html");
  });
  it("strips a prefix", () => {
    const rule = { src: "src/**/*.js", dest: "src/", strip: "src/" };
    assert.equal(manualDestination(rule, "src/app/server/server.js", "/"), "/src/app/server/server.js");
  });
  it("strips into a working directory", () => {
    const rule = { src: "dir1/**/*.js", dest: ".", strip: "dir1/" };
    assert.equal(manualDestination(rule, "dir1/dir2/node.js", "/some/dir"), "/some/dir/dir2/node.js");
  });
  it("an absolute dest ignores WORKDIR and without strip keeps the whole path", () => {
    const rule = { src: "dir1b/**/*.js", dest: "/dstar" };
    assert.equal(manualDestination(rule, "dir1b/dir1/node.js", "/wd"), "/dstar/dir1b/dir1/node.js");
  });
  it("two matching rules give two destinations", () => {
    const planner = manualPlanner(
      "/ws",
      [
        { src: "dir1/**/*.js", dest: "/some/dir2", strip: "dir1/" },
        { src: "dir1/**/*.js", dest: "/some" },
      ],
      "/",
    );
    assert.deepEqual(planner.plan(modified("dir1/dir2/node.js")), {
      kind: "sync",
      copy: [
        { local: "/ws/dir1/dir2/node.js", dests: ["/some/dir2/dir2/node.js", "/some/dir1/dir2/node.js"] },
      ],
      delete: [],
    });
  });
  it("deletions are synced as removals", () => {
    const planner = manualPlanner("/ws", [{ src: "public/**", dest: "/app" }], "/");
    assert.deepEqual(planner.plan({ added: [], modified: [], deleted: ["public/a.txt"] }), {
      kind: "sync",
      copy: [],
      delete: ["/app/public/a.txt"],
    });
  });
  it("one file outside every rule makes the whole change a rebuild, naming the file", () => {
    const planner = manualPlanner("/ws", [{ src: "*.js", dest: "/app" }], "/");
    const decision = planner.plan(modified("server.js", "package.json"));
    assert.equal(decision.kind, "rebuild");
    assert.match(decision.kind === "rebuild" ? decision.reason : "", /package\.json/);
  });
});

function copies(partial: Partial<DockerfileCopies>): DockerfileCopies {
  return {
    dockerfile: "/ws/Dockerfile",
    ignoreFiles: [],
    matcher: new IgnoreMatcher([]),
    sources: [],
    lastStage: [],
    ...partial,
  };
}

describe("inferred sync rules from the Dockerfile", () => {
  const copy = (sources: string[], dest: string, destIsDir: boolean) => ({
    instruction: "copy" as const,
    sources,
    dest,
    destIsDir,
    line: 1,
  });
  it("maps a file COPY into a directory, a file COPY to a file, and a directory's contents", () => {
    const planner = inferredDockerPlanner(
      "/ws",
      ["**/*"],
      copies({
        lastStage: [
          copy(["server.go"], "/app", true),
          copy(["test.conf"], "/etc/test1", false),
          copy(["static"], "/srv", true),
        ],
      }),
    );
    assert.deepEqual(planner.plan(modified("server.go", "test.conf", "static/css/a.css")), {
      kind: "sync",
      copy: [
        { local: "/ws/server.go", dests: ["/app/server.go"] },
        { local: "/ws/test.conf", dests: ["/etc/test1"] },
        { local: "/ws/static/css/a.css", dests: ["/srv/css/a.css"] },
      ],
      delete: [],
    });
  });
  it("`COPY . .` covers everything not in .dockerignore, and a delete is synced (Skaffold rebuilds)", () => {
    const planner = inferredDockerPlanner(
      "/ws",
      ["**/*"],
      copies({ matcher: new IgnoreMatcher(["*.md"]), lastStage: [copy(["."], "/app", true)] }),
    );
    assert.deepEqual(planner.plan({ added: ["a/b.py"], modified: [], deleted: ["c.py"] }), {
      kind: "sync",
      copy: [{ local: "/ws/a/b.py", dests: ["/app/a/b.py"] }],
      delete: ["/app/c.py"],
    });
    assert.equal(planner.plan(modified("README.md")).kind, "rebuild");
  });
  it("files outside the infer globs rebuild", () => {
    const planner = inferredDockerPlanner("/ws", ["*.html"], copies({ lastStage: [copy(["."], "/", true)] }));
    assert.equal(planner.plan(modified("index.html")).kind, "sync");
    assert.equal(planner.plan(modified("main.go")).kind, "rebuild");
  });
  it("wildcard sources match the file itself", () => {
    const planner = inferredDockerPlanner(
      "/ws",
      ["**/*"],
      copies({ lastStage: [copy(["*.js"], "/app", true)] }),
    );
    assert.deepEqual(planner.plan(modified("new.js")), {
      kind: "sync",
      copy: [{ local: "/ws/new.js", dests: ["/app/new.js"] }],
      delete: [],
    });
  });
});

describe("ko kodata sync", () => {
  it("maps kodata files to /var/run/ko and rebuilds for Go files", () => {
    const planner = koDataPlanner("/ws", ["**/*"], { main: "./cmd/app" });
    assert.deepEqual(
      planner.plan({ added: [], modified: ["cmd/app/kodata/index.html"], deleted: ["cmd/app/kodata/x"] }),
      {
        kind: "sync",
        copy: [{ local: "/ws/cmd/app/kodata/index.html", dests: ["/var/run/ko/index.html"] }],
        delete: ["/var/run/ko/x"],
      },
    );
    assert.equal(planner.plan(modified("cmd/app/main.go")).kind, "rebuild");
  });
});
