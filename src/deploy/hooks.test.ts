import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Exec, ExecOptions } from "../proc/exec.js";
import {
  goos,
  hookEnv,
  hostHookApplies,
  runDeployHooks,
  selectContainers,
  type ContainerHookTargets,
  type HookContainer,
  type HookRun,
} from "./hooks.js";

const containers: HookContainer[] = [
  { namespace: "ns", pod: "web-7d9f-abc", container: "web" },
  { namespace: "ns", pod: "web-7d9f-abc", container: "sidecar" },
  { namespace: "ns", pod: "db-0", container: "postgres" },
];

function run(phase: "before" | "after", out: string[]): HookRun {
  return {
    phase,
    deployer: "kubectl",
    runId: "run-1",
    kubeContext: "ctx",
    namespaces: ["ns", "other"],
    labels: { "skaffold.dev/run-id": "run-1" },
    output: (l) => out.push(l),
    signal: new AbortController().signal,
  };
}

describe("deploy hooks", () => {
  test("selection by pod and container globs", () => {
    assert.deepEqual(
      selectContainers({ command: ["x"], podName: "web-*" }, containers).map((c) => c.container),
      ["web", "sidecar"],
    );
    assert.deepEqual(
      selectContainers({ command: ["x"], podName: "*", containerName: "post*" }, containers).map(
        (c) => c.pod,
      ),
      ["db-0"],
    );
    assert.deepEqual(selectContainers({ command: ["x"], podName: "api-*" }, containers), []);
  });

  test("os filter uses Go's names", () => {
    assert.equal(goos("win32"), "windows");
    assert.equal(goos("linux"), "linux");
    assert.equal(hostHookApplies({ command: ["x"] }, "linux"), true);
    assert.equal(hostHookApplies({ command: ["x"], os: [] }, "linux"), true);
    assert.equal(hostHookApplies({ command: ["x"], os: ["darwin", "windows"] }, "linux"), false);
    assert.equal(hostHookApplies({ command: ["x"], os: ["linux"] }, "linux"), true);
  });

  test("host hooks get Skaffold's environment and run in their dir; failures stop", async () => {
    const calls: { command: string; args: readonly string[]; options: ExecOptions | undefined }[] = [];
    const exec: Exec = {
      run(command, args, options) {
        calls.push({ command, args, options });
        return Promise.resolve({ code: command === "false" ? 3 : 0, stdout: "hello\n", stderr: "" });
      },
    };
    const out: string[] = [];
    await runDeployHooks(
      {
        before: [
          { host: { command: ["echo", "hi"], dir: "sub" } },
          { host: { command: ["never"], os: ["plan9"] } },
        ],
      },
      run("before", out),
      { exec, cwd: "/proj", env: { PATH: "/bin" }, targets: undefined, os: "linux" },
    );
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.options?.cwd, "/proj/sub");
    assert.equal(calls[0]?.options?.env?.["SKAFFOLD_RUN_ID"], "run-1");
    assert.equal(calls[0]?.options?.env?.["SKAFFOLD_NAMESPACES"], "ns,other");
    assert.equal(calls[0]?.options?.env?.["PATH"], "/bin");
    assert.deepEqual(out, ["[hook] hello"]);
    await assert.rejects(
      runDeployHooks({ after: [{ host: { command: ["false"] } }] }, run("after", out), {
        exec,
        cwd: "/proj",
        env: {},
        targets: undefined,
        os: "linux",
      }),
      (e: Error & { code?: string }) => e.code === "HOOK_FAILED" && e.message.includes("exited with 3"),
    );
  });

  test("container hooks run in each matching container; none matching is reported, not an error", async () => {
    const ran: string[] = [];
    const targets: ContainerHookTargets = {
      list: () => Promise.resolve(containers),
      exec(target, command) {
        ran.push(`${target.pod}/${target.container}:${command.join(" ")}`);
        return Promise.resolve({ exitCode: 0, stdout: "done", stderr: "" });
      },
    };
    const out: string[] = [];
    const deps = { exec: { run: () => Promise.reject(new Error("no host")) }, cwd: "/", env: {}, targets };
    await runDeployHooks(
      { after: [{ container: { command: ["touch", "/tmp/x"], podName: "web-*", containerName: "web" } }] },
      run("after", out),
      deps,
    );
    assert.deepEqual(ran, ["web-7d9f-abc/web:touch /tmp/x"]);
    assert.deepEqual(out, ["[hook web-7d9f-abc/web] done"]);
    await runDeployHooks(
      { before: [{ container: { command: ["x"], podName: "nope" } }] },
      run("before", out),
      deps,
    );
    assert.match(out.at(-1) ?? "", /no running container matches pod nope/);
  });

  test("hookEnv keeps the caller's environment", () => {
    const env = hookEnv(run("after", []), { HOME: "/root" });
    assert.equal(env["HOME"], "/root");
    assert.equal(env["SKAFFOLD_KUBE_CONTEXT"], "ctx");
  });
});
