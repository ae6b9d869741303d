import assert from "node:assert/strict";
import { homedir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { formatPlatform, hostPlatform } from "../../oci/platform.js";
import { dockerBuildArgs, dockerBuildEnv } from "./cli-args.js";
import { adjustCacheFrom, cliReason, type DockerBuildPlan } from "./plan.js";
import type { BuildRequest } from "../types.js";

function request(overrides: Partial<BuildRequest> = {}): BuildRequest {
  return {
    artifact: { image: "localhost:5000/app" },
    workspace: "/ws",
    tag: "localhost:5000/app:v2",
    platforms: [],
    push: false,
    mode: "build",
    dependencies: new Map(),
    env: { HOME: "/home/me" },
    output: () => undefined,
    signal: new AbortController().signal,
    ...overrides,
  };
}

describe("docker build plan", () => {
  it("rewrites the artifact's own image in cacheFrom to the tag being built, unless disabled", () => {
    const from = ["localhost:5000/app", "localhost:5000/other"];
    assert.deepEqual(adjustCacheFrom(from, "localhost:5000/app", "localhost:5000/app:v2", {}), [
      "localhost:5000/app:v2",
      "localhost:5000/other",
    ]);
    assert.deepEqual(
      adjustCacheFrom(from, "localhost:5000/app", "localhost:5000/app:v2", {
        SKAFFOLD_DISABLE_DOCKER_CACHE_ADJUSTMENT: "1",
      }),
      from,
    );
  });

  it("uses the CLI only for what the Engine API cannot do", () => {
    assert.equal(cliReason({}, {}, []), undefined);
    assert.equal(cliReason({}, { useDockerCLI: true }, []), "useDockerCLI is set");
    assert.equal(cliReason({}, { useBuildkit: true }, []), "useBuildkit is set");
    assert.equal(cliReason({ cliFlags: ["--progress=plain"] }, {}, []), "cliFlags are set");
    assert.equal(cliReason({ secrets: [{ id: "npm" }] }, {}, []), "secrets need BuildKit");
    assert.equal(cliReason({ ssh: "default" }, {}, []), "ssh needs BuildKit");
    assert.equal(cliReason({}, {}, ["linux/amd64", "linux/arm64"]), "a multi-platform build needs BuildKit");
    const host = formatPlatform(hostPlatform());
    const other = host === "linux/arm64" ? "linux/amd64" : "linux/arm64";
    assert.equal(cliReason({}, {}, [host]), undefined);
    assert.equal(cliReason({}, {}, [other]), `a build for ${other} on a ${host} host needs BuildKit`);
  });

  it("builds the docker build command line as Skaffold does", () => {
    const plan: DockerBuildPlan = {
      docker: {
        addHost: ["db:10.0.0.2"],
        cliFlags: ["--label=tag={{.IMAGE_TAG}}"],
        target: "prod",
        network: "Host",
        noCache: true,
        squash: true,
        pullParent: true,
        secrets: [
          { id: "npm", src: "~/.npmrc" },
          { id: "tok", env: "TOKEN" },
        ],
        ssh: "default",
      },
      dockerfilePath: "/ws/Dockerfile",
      buildArgs: { A: "1", B: null },
      cacheFrom: ["localhost:5000/app:v2"],
      cliReason: "cliFlags are set",
    };
    assert.deepEqual(dockerBuildArgs(plan, request({ platforms: ["linux/arm64"] }), { useBuildkit: true }), [
      "/ws",
      "--file",
      "/ws/Dockerfile",
      "-t",
      "localhost:5000/app:v2",
      "--build-arg",
      "A=1",
      "--build-arg",
      "B",
      "--add-host",
      "db:10.0.0.2",
      "--cache-from",
      "localhost:5000/app:v2",
      "--label=tag=v2",
      "--target",
      "prod",
      "--network",
      "host",
      "--no-cache",
      "--squash",
      "--pull",
      "--secret",
      `id=npm,src=${join(homedir(), ".npmrc")}`,
      "--secret",
      "id=tok,env=TOKEN",
      "--ssh",
      "default",
      "--platform",
      "linux/arm64",
      "--load",
    ]);
    assert.equal(dockerBuildEnv(plan, request(), { useBuildkit: false })["DOCKER_BUILDKIT"], "0");
    assert.equal(dockerBuildEnv(plan, request(), {})["DOCKER_BUILDKIT"], "1");
    assert.equal(dockerBuildEnv({ ...plan, docker: {} }, request(), {})["DOCKER_BUILDKIT"], undefined);
  });
});
