import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { expandRelease, helmTemplateArgs, imageTemplateValues } from "./helm-args.js";

const DIGEST = `sha256:${"c".repeat(64)}`;
const IMAGES = [
  { imageName: "localhost:5000/web-app", tag: `localhost:5000/web-app:v1@${DIGEST}` },
  { imageName: "worker", tag: "gcr.io/proj/worker:v2" },
];

describe("imageTemplateValues", () => {
  const values = imageTemplateValues(IMAGES);
  const cases: readonly [string, string | undefined][] = [
    ["IMAGE_FULLY_QUALIFIED_localhost_5000_web_app", `localhost:5000/web-app:v1@${DIGEST}`],
    ["IMAGE_REPO_localhost_5000_web_app", "localhost:5000/web-app"],
    ["IMAGE_TAG_localhost_5000_web_app", "v1"],
    ["IMAGE_DIGEST_localhost_5000_web_app", DIGEST],
    ["IMAGE_DOMAIN_localhost_5000_web_app", "localhost:5000"],
    ["IMAGE_REPO_NO_DOMAIN_localhost_5000_web_app", "web-app"],
    ["IMAGE_NAME_localhost_5000_web_app", "localhost:5000/web-app"],
    ["IMAGE_REPO", "localhost:5000/web-app"],
    ["IMAGE_TAG", "v1"],
    ["IMAGE_REPO2", "gcr.io/proj/worker"],
    ["IMAGE_TAG2", "v2"],
    ["IMAGE_DIGEST_worker", ""],
    ["IMAGE_DOMAIN_worker", "gcr.io"],
    ["IMAGE_REPO_NO_DOMAIN_worker", "proj/worker"],
    ["IMAGE_FULLY_QUALIFIED_worker", "gcr.io/proj/worker:v2"],
  ];
  for (const [key, expected] of cases) {
    it(`sets ${key}`, () => {
      assert.equal(values[key], expected);
    });
  }
});

describe("expandRelease and helmTemplateArgs", () => {
  const resolvePath = (p: string): string => `/proj/${p}`;

  it("expands templates, sorts values, and orders the arguments as Skaffold does", () => {
    const release = expandRelease(
      {
        name: "web-{{.ENV}}",
        chartPath: "charts/web",
        namespace: "{{.ENV}}",
        version: "1.2.3",
        setValues: { "b.x": "1", a: "{{.ENV}}" },
        setValueTemplates: {
          "image.repository": "{{.IMAGE_REPO_worker}}",
          "image.tag": "{{.IMAGE_TAG_worker}}@{{.IMAGE_DIGEST_worker}}",
        },
        setFiles: { cfg: "files/c.txt" },
        valuesFiles: ["values-{{.ENV}}.yaml"],
      },
      IMAGES,
      { ENV: "dev" },
      resolvePath,
    );
    assert.equal(release.name, "web-dev");
    assert.equal(release.namespace, "dev");
    const args = helmTemplateArgs(release, {
      templateFlags: ["--debug"],
      overridesFile: "/tmp/o.yaml",
      packaged: false,
      skipTests: true,
    });
    assert.deepEqual(args, [
      "template",
      "web-dev",
      "/proj/charts/web",
      "--debug",
      "--set",
      "a=dev",
      "--set",
      "b.x=1",
      "--set-file",
      "cfg=/proj/files/c.txt",
      "--set",
      "image.repository=gcr.io/proj/worker",
      "--set",
      "image.tag=v2", // the trailing "@" of an empty digest is dropped
      "-f",
      "/proj/values-dev.yaml",
      "-f",
      "/tmp/o.yaml",
      "--version",
      "1.2.3",
      "--namespace",
      "dev",
      "--skip-tests",
    ]);
  });

  it("uses a remote chart and repo as given, and -n over the release namespace", () => {
    const release = expandRelease(
      { name: "r", remoteChart: "nginx", repo: "https://charts.example.com", namespace: "a" },
      [],
      {},
      resolvePath,
      "b",
    );
    assert.deepEqual(helmTemplateArgs(release, { templateFlags: [], packaged: true, skipTests: false }), [
      "template",
      "r",
      "nginx",
      "--namespace",
      "b",
      "--repo",
      "https://charts.example.com",
    ]);
    assert.equal(release.local, false);
  });

  it("fails clearly on a release name that references a missing variable", () => {
    assert.throws(
      () => expandRelease({ name: "{{.MISSING}}", chartPath: "c" }, [], {}, resolvePath),
      (e: unknown) => e instanceof Error && /HELM|name/.test(e.message),
    );
  });
});
