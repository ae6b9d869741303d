// The example applications (examples/): each Dockerfile builds from the local bases, and each
// server answers HTTP 200 when run in the Docker engine.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { join } from "node:path";
import { test } from "node:test";
import { docker, dockerBuild, ensureEnv, httpGet200, repoRoot, uniqueRef } from "../support/index.js";

const env = ensureEnv({ cluster: false });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => {
        if (addr && typeof addr === "object") resolve(addr.port);
        else reject(new Error("no port"));
      });
    });
  });
}

/** Runs an image on the host network (loopback only) with PORT set; returns its base URL. */
async function runServer(
  ref: string,
  extraEnv: Record<string, string> = {},
): Promise<{ url: string; id: string }> {
  const port = await freePort();
  const envArgs = Object.entries({ PORT: String(port), ...extraEnv }).flatMap(([k, v]) => [
    "-e",
    `${k}=${v}`,
  ]);
  const id = (await docker(env, ["run", "-d", "--network", "host", ...envArgs, ref])).trim();
  return { url: `http://127.0.0.1:${port}`, id };
}

async function stop(id: string): Promise<void> {
  await docker(env, ["rm", "-f", id]).catch(() => "");
}

const singles: [string, RegExp][] = [
  ["hello-go", /^Hello from hello-go\n$/],
  ["hello-node", /^Hello from hello-node\n$/],
  ["hello-python", /^Hello from hello-python\n$/],
  ["hello-java", /^Hello from hello-java\n$/],
  ["helm-chart/app", /^Hello from helm-app\n$/],
  ["kustomize-overlay/app", /^Hello from kustomize-app\n$/],
];

for (const [name, greeting] of singles) {
  void test(`examples/${name} builds and answers HTTP 200`, { timeout: 900_000 }, async () => {
    const ref = await dockerBuild(
      env,
      join(repoRoot, "examples", name),
      uniqueRef(env, name.replace("/", "-")),
    );
    const { url, id } = await runServer(ref);
    try {
      assert.match(await httpGet200(`${url}/`, 90_000), greeting);
      assert.equal(await httpGet200(`${url}/healthz`), "ok\n");
    } finally {
      await stop(id);
      await docker(env, ["rmi", "-f", ref]).catch(() => "");
    }
  });
}

void test("examples/multi-service: the frontend is built from the backend artifact and calls it", async () => {
  const dir = join(repoRoot, "examples", "multi-service");
  const backendRef = await dockerBuild(env, join(dir, "backend"), uniqueRef(env, "multi-backend"));
  const frontendRef = await dockerBuild(env, join(dir, "frontend"), uniqueRef(env, "multi-frontend"), {
    buildArgs: { BACKEND_IMAGE: backendRef },
  });
  const backend = await runServer(backendRef);
  const frontend = await runServer(frontendRef, { BACKEND_URL: backend.url });
  try {
    assert.match(await httpGet200(`${backend.url}/api/greeting`), /"contract": "1"/);
    assert.equal(await httpGet200(`${frontend.url}/`), "frontend (contract 1) got: Hello from the backend\n");
  } finally {
    await stop(frontend.id);
    await stop(backend.id);
    await docker(env, ["rmi", "-f", frontendRef, backendRef]).catch(() => "");
  }
});
