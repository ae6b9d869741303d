import assert from "node:assert/strict";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { ResolvedConfig } from "../config/resolved.js";
import type { SkaffoldConfig } from "../config/schema/index.js";
import { DevModel } from "./dev-model.js";

describe("dev model", () => {
  it("knows a docker artifact's inputs from its Dockerfile and .dockerignore, and its manual sync rules", async () => {
    const dir = await mkdtemp(join(tmpdir(), "trestle-devmodel-"));
    await writeFile(join(dir, "Dockerfile"), "FROM scratch\nWORKDIR /app\nCOPY server.js public/ ./\n");
    await writeFile(join(dir, ".dockerignore"), "public/*.tmp\n");
    await writeFile(join(dir, "server.js"), "x");
    await mkdir(join(dir, "public"));
    await writeFile(join(dir, "public", "index.html"), "x");
    const config = {
      apiVersion: "skaffold/v4beta14",
      kind: "Config",
      build: {
        artifacts: [{ image: "web", sync: { manual: [{ src: "public/**", dest: ".", strip: "" }] } }],
      },
    } as unknown as SkaffoldConfig;
    const project = {
      rootFile: join(dir, "skaffold.yaml"),
      modules: [{ name: undefined, file: join(dir, "skaffold.yaml"), dir, index: 0, isRoot: true, config }],
    } as unknown as ResolvedConfig;
    const model = await DevModel.create({
      project,
      env: {},
      cwd: dir,
      watchImages: [],
      imageFacts: () => Promise.resolve({ workingDir: "/app", labels: {} }),
      deployInputs: [join(dir, "k8s", "app.yaml")],
      warn: () => undefined,
    });
    const [web] = model.artifacts;
    assert.ok(web);
    assert.equal(web.includes(join(dir, "server.js")), true);
    assert.equal(web.includes(join(dir, "public", "new.html")), true, "a new file under a copied directory");
    assert.equal(web.includes(join(dir, "public", "x.tmp")), false, ".dockerignore applies");
    assert.equal(web.includes(join(dir, "README.md")), false, "not copied by the Dockerfile");
    assert.equal(web.includes(join(dir, "skaffold.yaml")), false);
    assert.equal(web.definesInputs(join(dir, "Dockerfile")), true);
    assert.equal(model.isConfig(join(dir, "skaffold.yaml")), true);
    assert.equal(model.isDeployInput(join(dir, "k8s", "app.yaml")), true);
    assert.equal(model.mayContainInputs(join(dir, "public")), true);
    assert.equal(web.planner, undefined, "no planner before the first build");
    await model.updatePlanners(new Map([["web", { reference: "web:1" }]]));
    const plan = model.artifacts[0]?.planner?.plan({
      added: [],
      modified: ["public/index.html"],
      deleted: [],
    });
    assert.deepEqual(plan, {
      kind: "sync",
      copy: [{ local: join(dir, "public", "index.html"), dests: ["/app/public/index.html"] }],
      delete: [],
    });
  });
});
