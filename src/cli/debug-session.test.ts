import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { ResolvedConfig } from "../config/resolved.js";
import { parseAttachLine } from "../debug/session.js";
import type { ImageConfigReader } from "./debug-images.js";
import { DebugSession } from "./debug-session.js";

const reader: ImageConfigReader = {
  read: (reference) =>
    Promise.resolve(
      reference === "r/web:1"
        ? { config: { Entrypoint: ["/app/web"], Env: ["GOTRACEBACK=single"], WorkingDir: "/src" } }
        : undefined,
    ),
};

function deployment(name: string, image: string): Record<string, unknown> {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name },
    spec: { template: { spec: { containers: [{ name, image }] } } },
  };
}

function session(dir: string, ideConfig: string, lines: string[]): DebugSession {
  const project = {
    rootFile: join(dir, "skaffold.yaml"),
    modules: [{ dir, config: { build: { artifacts: [{ image: "web", context: "services/web" }] } } }],
  } as unknown as ResolvedConfig;
  return new DebugSession({
    reader,
    project,
    settings: { helpersRegistry: "localhost:5000/dbg", protocols: [] },
    cwd: dir,
    ideConfig,
    say: (line) => lines.push(line),
    warn: (line) => lines.push(`WARN ${line}`),
  });
}

describe("DebugSession", () => {
  it("prints one attach line per debug port with the forwarded local port, once per change", async () => {
    const dir = await mkdtemp(join(tmpdir(), "trestle-debug-"));
    const lines: string[] = [];
    const debug = session(dir, "", lines);
    const builds = [{ imageName: "web", tag: "r/web:1" }];
    const out = await debug.transform([deployment("web", "r/web:1")], builds);
    assert.match(JSON.stringify(out), /debug\.cloud\.google\.com\/config/);
    const forwards = [
      { resource: "pod/web-5d-x", namespace: "dev", remotePort: 56268, localPort: 41000, pod: "web-5d-x" },
    ];
    await debug.deployed(forwards, ["dev"]);
    assert.equal(lines.length, 1);
    assert.deepEqual(parseAttachLine(lines[0] ?? ""), {
      resource: "deployment.apps/web",
      container: "web",
      runtime: "go",
      protocol: "dlv",
      localPort: 41000,
    });
    await debug.transform([deployment("web", "r/web:1")], builds);
    await debug.deployed(forwards, ["dev"]);
    assert.equal(lines.length, 1, "the same lines are not printed again");
  });

  it("says when nothing is debuggable", async () => {
    const dir = await mkdtemp(join(tmpdir(), "trestle-debug-"));
    const lines: string[] = [];
    const debug = session(dir, "", lines);
    await debug.transform([deployment("db", "postgres:16")], []);
    await debug.deployed([], ["dev"]);
    assert.deepEqual(lines, ["No debuggable containers were found."]);
  });

  it("--ide-config merges a Go remote attach into launch.json, keeping the user's entries", async () => {
    const dir = await mkdtemp(join(tmpdir(), "trestle-debug-"));
    await mkdir(join(dir, ".vscode"));
    const file = join(dir, ".vscode", "launch.json");
    await writeFile(
      file,
      JSON.stringify({ version: "0.2.0", configurations: [{ name: "mine", type: "node" }] }),
    );
    const lines: string[] = [];
    const debug = session(dir, ".vscode/launch.json", lines);
    await debug.transform([deployment("web", "r/web:1")], [{ imageName: "web", tag: "r/web:1" }]);
    await debug.deployed(
      [{ resource: "pod/web-5d-x", namespace: "dev", remotePort: 56268, localPort: 41000, pod: "web-5d-x" }],
      ["dev"],
    );
    const written = JSON.parse(await readFile(file, "utf8")) as { configurations: Record<string, unknown>[] };
    assert.deepEqual(written.configurations, [
      { name: "mine", type: "node" },
      {
        name: "Trestle: web/web (dlv)",
        type: "go",
        request: "attach",
        mode: "remote",
        host: "127.0.0.1",
        port: 41000,
        substitutePath: [{ from: "${workspaceFolder}/services/web", to: "/src" }],
      },
    ]);
    assert.match(
      lines.at(-1) ?? "",
      /^Wrote 1 VS Code launch configuration\(s\) to \.vscode\/launch\.json\.$/,
    );
  });

  it("refuses a launch.json that is not a JSON object, with a hint", async () => {
    const dir = await mkdtemp(join(tmpdir(), "trestle-debug-"));
    await writeFile(join(dir, "launch.json"), "[1, 2]");
    const debug = session(dir, "launch.json", []);
    await debug.transform([deployment("web", "r/web:1")], [{ imageName: "web", tag: "r/web:1" }]);
    await assert.rejects(debug.deployed([], []), { code: "IDE_CONFIG_INVALID" });
  });
});
