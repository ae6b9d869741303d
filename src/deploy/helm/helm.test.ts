import assert from "node:assert/strict";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { upgradeArgs, uninstallArgs } from "./args.js";
import { manifestResources, parseStatus } from "./deployer.js";
import { chartFiles, digestOf, referencedBuilds, releaseDigest } from "./digest.js";
import { deployOrder, resolveRelease, type ResolvedRelease } from "./release.js";

const builds = [
  { imageName: "localhost:5000/web", tag: "localhost:5000/web:v1@sha256:" + "a".repeat(64) },
  { imageName: "api", tag: "gcr.io/p/api:v2" },
];

describe("helm releases", () => {
  const context = { dir: "/proj", builds, env: { NS: "team" }, namespace: undefined };

  test("templates, absolute paths and defaults", () => {
    const r = resolveRelease(
      {
        name: "web-{{.NS}}",
        chartPath: "charts/web",
        namespace: "{{.NS}}",
        valuesFiles: ["values.yaml"],
        setValues: { b: "2", a: "1" },
        setValueTemplates: { "image.repository": "{{.IMAGE_REPO_localhost_5000_web}}" },
      },
      context,
    );
    assert.equal(r.name, "web-team");
    assert.equal(r.chart, "/proj/charts/web");
    assert.equal(r.namespace, "team");
    assert.deepEqual(r.valuesFiles, ["/proj/values.yaml"]);
    assert.deepEqual(r.valueArgs, [
      "--set",
      "a=1",
      "--set",
      "b=2",
      "--set",
      "image.repository=localhost:5000/web",
      "-f",
      "/proj/values.yaml",
    ]);
    assert.equal(r.upgradeOnChange, true);
    const remote = resolveRelease({ name: "redis", remoteChart: "bitnami/redis" }, context);
    assert.equal(remote.remote, true);
    assert.equal(remote.upgradeOnChange, false);
    assert.equal(
      resolveRelease({ name: "x", chartPath: "c", namespace: "a" }, { ...context, namespace: "cli" })
        .namespace,
      "cli",
    );
  });

  test("an undefined variable in a release name is an error naming the field", () => {
    assert.throws(
      () => resolveRelease({ name: "{{.MISSING}}", chartPath: "c" }, context),
      (e: Error & { code?: string }) => e.code === "HELM_TEMPLATE_FAILED" && e.message.includes("field name"),
    );
  });

  test("dependsOn order and cycles", () => {
    const mk = (name: string, dependsOn: string[]): ResolvedRelease =>
      resolveRelease({ name, chartPath: name, dependsOn }, context);
    assert.deepEqual(
      deployOrder([mk("a", ["b"]), mk("b", []), mk("c", ["a"])]).map((r) => r.name),
      ["b", "a", "c"],
    );
    assert.throws(() => deployOrder([mk("a", ["b"]), mk("b", ["a"])]), /cycle/);
  });

  test("upgrade command line", () => {
    const r = resolveRelease(
      {
        name: "web",
        chartPath: "chart",
        namespace: "ns",
        createNamespace: true,
        wait: true,
        version: "1.2.3",
        valuesFiles: ["v.yaml"],
        setValues: { k: "v" },
        setFiles: { f: "file.txt" },
      },
      context,
    );
    const args = upgradeArgs(r, {
      flags: { global: ["--debug"], install: ["--atomic"], upgrade: ["--force"] },
      kube: { kubeContext: "ctx", kubeconfig: undefined },
      overridesFile: "/tmp/o.yaml",
      postRenderer: { command: "/tmp/pr", args: ["--label", "a=b"] },
      installing: true,
      description: "d",
    });
    assert.deepEqual(args, [
      "--debug",
      "upgrade",
      "web",
      "/proj/chart",
      "--install",
      "--kube-context",
      "ctx",
      "--namespace",
      "ns",
      "--create-namespace",
      "--version",
      "1.2.3",
      "--wait",
      "--set",
      "k=v",
      "--set-file",
      "f=/proj/file.txt",
      "-f",
      "/proj/v.yaml",
      "-f",
      "/tmp/o.yaml",
      "--atomic",
      "--post-renderer",
      "/tmp/pr",
      "--post-renderer-args",
      "--label",
      "--post-renderer-args",
      "a=b",
      "--description",
      "d",
    ]);
    assert.deepEqual(uninstallArgs(r, {}, { kubeContext: undefined, kubeconfig: "/k" }), [
      "uninstall",
      "web",
      "--kubeconfig",
      "/k",
      "--namespace",
      "ns",
      "--ignore-not-found",
      "--wait",
      "--cascade=foreground",
    ]);
  });
});

describe("helm change digests", () => {
  test("only inputs that change the release change the digest", async () => {
    const dir = await mkdtemp(join(tmpdir(), "trestle-digest-"));
    const chart = join(dir, "chart");
    await mkdir(join(chart, "templates"), { recursive: true });
    await mkdir(join(chart, "charts"), { recursive: true });
    await writeFile(join(chart, "Chart.yaml"), "name: web\nversion: 0.1.0\n");
    await writeFile(join(chart, "templates", "d.yaml"), "image: {{ .Values.image }}\n");
    await writeFile(join(chart, "values.yaml"), "image: localhost:5000/web\n");
    await writeFile(join(chart, "charts", "dep-1.0.0.tgz"), "generated");
    assert.deepEqual(await chartFiles(chart), ["Chart.yaml", "templates/d.yaml", "values.yaml"]);
    const release = resolveRelease(
      { name: "web", chartPath: chart },
      { dir, builds, env: {}, namespace: undefined },
    );
    const labels = { "app.kubernetes.io/managed-by": "trestle" };
    const first = await releaseDigest(release, builds, labels);
    // The regenerated dependency archive and an image the chart never mentions change nothing.
    await writeFile(join(chart, "charts", "dep-1.0.0.tgz"), "generated again");
    const otherApi = [builds[0]!, { imageName: "api", tag: "gcr.io/p/api:v3" }];
    assert.equal(await releaseDigest(release, otherApi, labels), first);
    // A new tag of the image it uses, a template edit, a label: all change it.
    const newWeb = [{ imageName: "localhost:5000/web", tag: "localhost:5000/web:v2" }, builds[1]!];
    assert.notEqual(await releaseDigest(release, newWeb, labels), first);
    assert.notEqual(await releaseDigest(release, builds, { ...labels, team: "a" }), first);
    await writeFile(join(chart, "templates", "d.yaml"), "image: {{ .Values.image }} # edited\n");
    assert.notEqual(await releaseDigest(release, builds, labels), first);
  });

  test("referenced builds and canonical ordering", () => {
    const release = resolveRelease(
      { name: "r", remoteChart: "x/y", setValues: { img: "api" } },
      {
        dir: "/",
        builds,
        env: {},
        namespace: undefined,
      },
    );
    const input = { release, chart: {}, valuesFiles: [], setFiles: [], labels: { b: "1", a: "2" } };
    assert.deepEqual(
      referencedBuilds(input, builds).map((b) => b.imageName),
      ["api"],
    );
    assert.equal(
      digestOf({ ...input, builds }),
      digestOf({ ...input, builds: [...builds].reverse(), labels: { a: "2", b: "1" } }),
    );
  });
});

describe("helm output parsing", () => {
  test("status and manifest", () => {
    const s = parseStatus(
      '{"name":"web","version":3,"namespace":"ns","info":{"status":"deployed","description":"trestle-input-digest:x"}}',
    );
    assert.deepEqual(s, {
      version: 3,
      status: "deployed",
      description: "trestle-input-digest:x",
      namespace: "ns",
    });
    assert.equal(parseStatus("not json"), undefined);
    const objects = manifestResources(
      "---\n# Source: c/templates/a.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: other\n",
      "ns",
    );
    assert.deepEqual(objects, [
      { deployer: "helm", apiVersion: "v1", kind: "Service", name: "web", namespace: "ns" },
      { deployer: "helm", apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: "r" },
      { deployer: "helm", apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "other" },
    ]);
  });
});
