import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { Exec, ExecOptions } from "../../proc/exec.js";
import {
  configKeyHost,
  credentialFromEntry,
  dockerConfigCredentials,
  dockerConfigFiles,
  helperServer,
  resolveConfigEntry,
} from "./credentials.js";

const b64 = (text: string): string => Buffer.from(text).toString("base64");

function fakeExec(replies: Record<string, { code: number; stdout: string }>, calls: string[]): Exec {
  return {
    run(command: string, _args: readonly string[], options?: ExecOptions) {
      calls.push(`${command} ${options?.input ?? ""}`);
      const reply = replies[command] ?? { code: 127, stdout: "" };
      return Promise.resolve({
        code: reply.code,
        stdout: reply.stdout,
        stderr: reply.code === 0 ? "" : reply.stdout,
      });
    },
  };
}

function home(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), "trestle-creds-"));
  mkdirSync(join(dir, ".docker"));
  writeFileSync(join(dir, ".docker", "config.json"), JSON.stringify(config));
  return dir;
}

describe("Docker config credentials", () => {
  it("compares keys by host name, with Docker Hub's aliases", () => {
    assert.equal(configKeyHost("https://localhost:5443/v1/"), "localhost:5443");
    assert.equal(configKeyHost("https://index.docker.io/v1/"), "docker.io");
    assert.equal(configKeyHost("registry-1.docker.io"), "docker.io");
    assert.equal(helperServer("docker.io"), "https://index.docker.io/v1/");
    assert.equal(helperServer("gcr.io"), "gcr.io");
  });

  it("picks credHelpers before credsStore, and finds auths by host", () => {
    const config = {
      auths: { "https://index.docker.io/v1/": { auth: b64("u:p") }, "localhost:5443": { auth: b64("a:b") } },
      credHelpers: { "gcr.io": "gcloud" },
      credsStore: "desktop",
    };
    assert.deepEqual(resolveConfigEntry(config, "gcr.io"), { helper: "gcloud" });
    assert.equal(resolveConfigEntry(config, "docker.io").helper, "desktop");
    assert.equal(resolveConfigEntry(config, "docker.io").auth?.[0], "https://index.docker.io/v1/");
    assert.equal(resolveConfigEntry({ auths: config.auths }, "localhost:5443").auth?.[0], "localhost:5443");
  });

  it("decodes auth, username/password and tokens", () => {
    assert.deepEqual(credentialFromEntry({ auth: b64("user:pa:ss") }, "s"), {
      kind: "basic",
      username: "user",
      password: "pa:ss",
      source: "s",
    });
    assert.deepEqual(credentialFromEntry({ username: "u", password: "p" }, "s"), {
      kind: "basic",
      username: "u",
      password: "p",
      source: "s",
    });
    assert.equal(credentialFromEntry({ identitytoken: "t" }, "s")?.kind, "identity-token");
    assert.equal(credentialFromEntry({ registrytoken: "t" }, "s")?.kind, "registry-token");
    assert.equal(credentialFromEntry({ auth: b64("nocolon") }, "s"), undefined);
    assert.equal(credentialFromEntry({}, "s"), undefined);
  });

  it("looks in DOCKER_CONFIG first, then ~/.docker, then podman's files", () => {
    assert.deepEqual(dockerConfigFiles({ DOCKER_CONFIG: "/c" }, "/h").slice(0, 1), ["/c/config.json"]);
    assert.deepEqual(dockerConfigFiles({ REGISTRY_AUTH_FILE: "/r.json", XDG_RUNTIME_DIR: "/run/u" }, "/h"), [
      "/h/.docker/config.json",
      "/r.json",
      "/run/u/containers/auth.json",
      "/h/.config/containers/auth.json",
    ]);
  });

  it("reads config.json and runs credential helpers through Exec", async () => {
    const calls: string[] = [];
    const exec = fakeExec(
      {
        "docker-credential-gcloud": {
          code: 0,
          stdout: JSON.stringify({ ServerURL: "gcr.io", Username: "_token", Secret: "s3" }),
        },
        "docker-credential-ident": {
          code: 0,
          stdout: JSON.stringify({ Username: "<token>", Secret: "refresh" }),
        },
        "docker-credential-desktop": { code: 1, stdout: "credentials not found in native keychain" },
      },
      calls,
    );
    const dir = home({
      auths: { "localhost:5443": { auth: b64("trestle:pw") } },
      credHelpers: { "gcr.io": "gcloud", "ident.example": "ident" },
      credsStore: "desktop",
    });
    const store = dockerConfigCredentials({ exec, env: {}, home: dir });
    assert.deepEqual(await store.lookup("gcr.io"), {
      kind: "basic",
      username: "_token",
      password: "s3",
      source: "credential helper docker-credential-gcloud",
    });
    assert.equal((await store.lookup("ident.example"))?.kind, "identity-token");
    const fromFile = await store.lookup("localhost:5443");
    assert.equal(fromFile?.kind === "basic" ? fromFile.password : undefined, "pw");
    assert.match(fromFile?.source ?? "", /config\.json auths\["localhost:5443"\]/);
    assert.equal(await store.lookup("other.example"), undefined);
    assert.deepEqual(calls, [
      "docker-credential-gcloud gcr.io",
      "docker-credential-ident ident.example",
      "docker-credential-desktop localhost:5443",
      "docker-credential-desktop other.example",
    ]);
  });

  it("reports a failing helper clearly, and no config file as anonymous", async () => {
    const exec = fakeExec({ "docker-credential-broken": { code: 2, stdout: "boom" } }, []);
    const store = dockerConfigCredentials({ exec, env: {}, home: home({ credsStore: "broken" }) });
    await assert.rejects(
      store.lookup("x.example"),
      /docker-credential-broken get x\.example failed \(exit 2\): boom/,
    );
    const empty = dockerConfigCredentials({
      exec,
      env: {},
      home: mkdtempSync(join(tmpdir(), "trestle-none-")),
    });
    assert.equal(await empty.lookup("x.example"), undefined);
  });
});
