import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Exec } from "../../proc/exec.js";
import { parseGoList, resolveMainPackage } from "./main-package.js";

function goList(stdout: string, code = 0, calls: string[][] = []): Exec {
  return {
    run(command, args) {
      calls.push([command, ...args]);
      return Promise.resolve({ code, stdout, stderr: code === 0 ? "" : "no Go files" });
    },
  };
}

const query = { goBinary: "go", workingDir: "/src", env: {} };

describe("main package", () => {
  it("parses go list lines", () => {
    assert.deepEqual(parseGoList("a/b\tmain\t/src/b\n\nlib\tlib\t/src/lib\n"), [
      { importPath: "a/b", name: "main", dir: "/src/b" },
      { importPath: "lib", name: "lib", dir: "/src/lib" },
    ]);
  });

  it("finds the one main package of a ./... pattern", async () => {
    const calls: string[][] = [];
    const exec = goList("ex/lib\tlib\t/src/lib\nex/cmd/app\tmain\t/src/cmd/app\n", 0, calls);
    assert.deepEqual(await resolveMainPackage({ ...query, exec, pattern: "./..." }), {
      importPath: "ex/cmd/app",
      name: "main",
      dir: "/src/cmd/app",
    });
    assert.deepEqual(calls[0], ["go", "list", "-f", "{{.ImportPath}}\t{{.Name}}\t{{.Dir}}", "./..."]);
  });

  it("refuses zero or several main packages, and non-main packages", async () => {
    await assert.rejects(
      resolveMainPackage({ ...query, exec: goList("ex/lib\tlib\t/src/lib\n"), pattern: "./..." }),
      /no main package matches/,
    );
    await assert.rejects(
      resolveMainPackage({ ...query, exec: goList("a\tmain\t/a\nb\tmain\t/b\n"), pattern: "./..." }),
      /matches 2 main packages \(a, b\)/,
    );
    await assert.rejects(
      resolveMainPackage({ ...query, exec: goList("ex/lib\tlib\t/src/lib\n"), pattern: "./lib" }),
      /ex\/lib is package lib, not a main package/,
    );
    await assert.rejects(
      resolveMainPackage({ ...query, exec: goList("", 1), pattern: "./nope" }),
      /go list \.\/nope failed in \/src: no Go files/,
    );
  });
});
