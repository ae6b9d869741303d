// The locally built base images: present in the registry, and each is what it claims to be.
import assert from "node:assert/strict";
import { test } from "node:test";
import { docker, dockerRunToCompletion, ensureEnv, registryGet, splitRef } from "../support/index.js";

const env = ensureEnv({ cluster: false });
const image = (name: string): string => {
  const ref = env.images[name];
  assert.ok(ref, `no base image ${name} in the environment`);
  return ref;
};

void test("every base image is in the local registry", async () => {
  const names = Object.keys(env.images).sort();
  for (const base of ["busybox", "debian", "golang", "java", "node", "pause", "python", "static"]) {
    assert.ok(names.includes(base), `${base} is missing from ${names.join(", ")}`);
  }
  for (const name of names) {
    const { repo, tag } = splitRef(image(name));
    const res = await registryGet(env, `/v2/${repo}/manifests/${tag}`);
    assert.equal(res.status, 200, `${image(name)}: ${res.body}`);
  }
});

void test("the static base has CA certificates, time zones and the nonroot user", async () => {
  const id = (await docker(env, ["create", image("static"), "/none"])).trim();
  try {
    const passwd = await docker(env, ["cp", `${id}:/etc/passwd`, "-"]);
    assert.match(passwd, /nonroot:x:65532:65532:/);
    const certs = await docker(env, ["cp", `${id}:/etc/ssl/certs/ca-certificates.crt`, "-"]);
    assert.match(certs, /BEGIN CERTIFICATE/);
    const tz = await docker(env, ["cp", `${id}:/usr/share/zoneinfo/Europe/Paris`, "-"]);
    assert.match(tz, /TZif/);
  } finally {
    await docker(env, ["rm", id]);
  }
});

const runs: [string, string[], RegExp][] = [
  ["busybox", ["sh", "-c", "echo hello from busybox; id -u nonroot"], /hello from busybox\n65532/],
  ["debian", ["cat", "/etc/debian_version"], /^12\./],
  ["node", ["node", "--version"], /^v\d+\./],
  ["python", ["python3", "--version"], /^Python 3\./],
  ["java", ["sh", "-c", "java -version 2>&1"], /openjdk version "17/],
  ["golang", ["go", "version"], /^go version go1\./],
];
for (const [name, cmd, expected] of runs) {
  void test(`the ${name} base runs: ${cmd.join(" ")}`, async () => {
    const { code, stdout } = await dockerRunToCompletion(env, ["--network", "none", image(name), ...cmd]);
    assert.equal(code, 0);
    assert.match(stdout, expected);
  });
}

void test("the pause image is a static binary that exits on SIGTERM", async () => {
  const id = (await docker(env, ["run", "-d", "--network", "none", image("pause")])).trim();
  try {
    const state = await docker(env, ["inspect", "-f", "{{.State.Running}}", id]);
    assert.equal(state.trim(), "true");
    await docker(env, ["stop", "-t", "5", id]);
    const code = await docker(env, ["inspect", "-f", "{{.State.ExitCode}}", id]);
    assert.equal(code.trim(), "0");
  } finally {
    await docker(env, ["rm", "-f", id]);
  }
});
