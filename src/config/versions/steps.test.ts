import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import type { SchemaVersion, YamlMap } from "./types.js";
import { v1alpha1 } from "./v1alpha1.js";
import { v1alpha2 } from "./v1alpha2.js";
import { v1alpha3 } from "./v1alpha3.js";
import { v1alpha5 } from "./v1alpha5.js";
import { v1beta4 } from "./v1beta4.js";
import { v1beta6 } from "./v1beta6.js";
import { v1beta7 } from "./v1beta7.js";
import { v1beta8 } from "./v1beta8.js";
import { v1beta9 } from "./v1beta9.js";
import { v1beta13 } from "./v1beta13.js";
import { v2alpha1 } from "./v2alpha1.js";
import { v2alpha2 } from "./v2alpha2.js";
import { v2beta3 } from "./v2beta3.js";
import { v2beta4 } from "./v2beta4.js";
import { v2beta7 } from "./v2beta7.js";
import { v2beta8 } from "./v2beta8.js";
import { v2beta12 } from "./v2beta12.js";
import { v2beta16 } from "./v2beta16.js";
import { v2beta22 } from "./v2beta22.js";
import { v2beta27 } from "./v2beta27.js";
import { v2beta29 } from "./v2beta29.js";
import { v3 } from "./v3.js";
import { v4beta3 } from "./v4beta3.js";
import { v4beta4 } from "./v4beta4.js";
import { v4beta7 } from "./v4beta7.js";

// YAML in, YAML out for every step that changes more than the apiVersion. Each case also checks that the
// step leaves its input untouched. The `apiVersion` lines are checked like any other field.

function upgradeYaml(version: SchemaVersion, input: string): { output: YamlMap; input: YamlMap } {
  const config = parse(input) as YamlMap;
  const snapshot = structuredClone(config);
  assert.ok(version.upgrade, `${version.apiVersion} has an upgrade`);
  const output = version.upgrade(config);
  assert.deepEqual(config, snapshot, "the input config must not be modified");
  return { output, input: config };
}

function step(version: SchemaVersion, name: string, input: string, expected: string): void {
  it(name, () => {
    assert.deepEqual(upgradeYaml(version, input).output, parse(expected));
  });
}

function stepFails(version: SchemaVersion, name: string, input: string, message: RegExp): void {
  it(name, () => {
    assert.throws(() => upgradeYaml(version, input), message);
  });
}

describe("v1alpha1 → v1alpha2", () => {
  step(
    v1alpha1,
    "restructures tagPolicy, docker settings, kubectl manifests; drops deploy.name",
    `
apiVersion: skaffold/v1alpha1
kind: Config
build:
  tagPolicy: sha256
  artifacts:
  - imageName: gcr.io/app
    workspace: ./app
    dockerfilePath: Dockerfile.dev
    buildArgs: {MODE: dev}
  - imageName: gcr.io/plain
  local:
    skipPush: true
deploy:
  name: old-name
  kubectl:
    manifests:
    - paths: [k8s/a.yaml, k8s/b.yaml]
      parameters: {IMAGE: gcr.io/app}
    - paths: [k8s/c.yaml]
`,
    `
apiVersion: skaffold/v1alpha2
kind: Config
build:
  tagPolicy: {sha256: {}}
  artifacts:
  - imageName: gcr.io/app
    workspace: ./app
    docker: {dockerfilePath: Dockerfile.dev, buildArgs: {MODE: dev}}
  - imageName: gcr.io/plain
  local:
    skipPush: true
deploy:
  kubectl:
    manifests: [k8s/a.yaml, k8s/b.yaml, k8s/c.yaml]
`,
  );
  step(
    v1alpha1,
    "gitCommit tagger, helm releases kept, unknown tag policy dropped",
    `
apiVersion: skaffold/v1alpha1
kind: Config
build:
  tagPolicy: gitCommit
  googleCloudBuild: {projectId: my-project}
deploy:
  helm:
    releases:
    - {name: app, chartPath: charts/app, valuesFilePath: values.yaml, values: {image: gcr.io/app}, namespace: ns, version: "1.0"}
`,
    `
apiVersion: skaffold/v1alpha2
kind: Config
build:
  tagPolicy: {gitCommit: {}}
  googleCloudBuild: {projectId: my-project}
deploy:
  helm:
    releases:
    - {name: app, chartPath: charts/app, valuesFilePath: values.yaml, values: {image: gcr.io/app}, namespace: ns, version: "1.0"}
`,
  );
  step(
    v1alpha1,
    "an unknown tagPolicy string is dropped",
    "{apiVersion: skaffold/v1alpha1, kind: Config, build: {tagPolicy: dateTime}}",
    "{apiVersion: skaffold/v1alpha2, kind: Config, build: {}}",
  );
});

describe("v1alpha2 → v1alpha3", () => {
  step(
    v1alpha2,
    "kaniko bucket moves to buildContext (top level only); valuesFilePath becomes valuesFiles everywhere",
    `
apiVersion: skaffold/v1alpha2
kind: Config
build:
  kaniko: {gcsBucket: my-bucket, pullSecretName: secret, namespace: ns, timeout: 20m}
deploy:
  helm:
    releases:
    - {name: app, chartPath: charts/app, valuesFilePath: values.yaml}
profiles:
- name: gcb
  build:
    kaniko: {gcsBucket: profile-bucket, pullSecret: /secret.json}
  deploy:
    helm:
      releases:
      - {name: app, chartPath: charts/app, valuesFilePath: values-prod.yaml}
`,
    `
apiVersion: skaffold/v1alpha3
kind: Config
build:
  kaniko: {buildContext: {gcsBucket: my-bucket}, pullSecretName: secret, namespace: ns, timeout: 20m}
deploy:
  helm:
    releases:
    - {name: app, chartPath: charts/app, valuesFiles: [values.yaml]}
profiles:
- name: gcb
  build:
    kaniko: {pullSecret: /secret.json}
  deploy:
    helm:
      releases:
      - {name: app, chartPath: charts/app, valuesFiles: [values-prod.yaml]}
`,
  );
});

describe("v1alpha3 → v1alpha4", () => {
  step(
    v1alpha3,
    "renames artifact and kustomize fields, turns skipPush into push and sets kaniko buildContext, in profiles too",
    `
apiVersion: skaffold/v1alpha3
kind: Config
build:
  artifacts:
  - imageName: gcr.io/app
    workspace: app
    docker: {dockerfilePath: Dockerfile, target: dev}
  local: {skipPush: true}
  kaniko: {namespace: builds}
deploy:
  kustomize: {kustomizePath: overlays/dev}
profiles:
- name: p
  build:
    artifacts:
    - {imageName: gcr.io/other, workspace: other}
    local: {skipPush: false, useDockerCLI: true}
  deploy:
    kustomize: {kustomizePath: overlays/prod}
`,
    `
apiVersion: skaffold/v1alpha4
kind: Config
build:
  artifacts:
  - image: gcr.io/app
    context: app
    docker: {dockerfile: Dockerfile, target: dev}
  local: {push: false}
  kaniko: {namespace: builds, buildContext: {}}
deploy:
  kustomize: {path: overlays/dev}
profiles:
- name: p
  build:
    artifacts:
    - {image: gcr.io/other, context: other}
    local: {push: true, useDockerCLI: true}
  deploy:
    kustomize: {path: overlays/prod}
`,
  );
});

describe("v1alpha5 → v1beta1", () => {
  step(
    v1alpha5,
    "a config without acr only changes version",
    "{apiVersion: skaffold/v1alpha5, kind: Config, build: {local: {push: false}}}",
    "{apiVersion: skaffold/v1beta1, kind: Config, build: {local: {push: false}}}",
  );
  stepFails(
    v1alpha5,
    "build.acr cannot be upgraded",
    "{apiVersion: skaffold/v1alpha5, kind: Config, build: {acr: {subscriptionId: x}}}",
    /build\.acr is no longer supported/,
  );
  stepFails(
    v1alpha5,
    "a profile's build.acr cannot be upgraded either",
    "{apiVersion: skaffold/v1alpha5, kind: Config, profiles: [{name: azure, build: {acr: {}}}]}",
    /build\.acr in profile "azure"/,
  );
});

describe("v1beta4 → v1beta5", () => {
  step(
    v1beta4,
    "a local section gets the previously implicit useBuildkit: false",
    `
apiVersion: skaffold/v1beta4
kind: Config
build:
  local: {push: true}
profiles:
- name: buildkit
  build:
    local: {useBuildkit: true}
- name: empty
  build:
    local: {}
- name: gcb
  build:
    googleCloudBuild: {projectId: p}
  patches:
  - {op: add, path: /build/artifacts/0/docker, value: {dockerfile: Dockerfile.gcb}}
`,
    `
apiVersion: skaffold/v1beta5
kind: Config
build:
  local: {push: true, useBuildkit: false}
profiles:
- name: buildkit
  build:
    local: {useBuildkit: true}
- name: empty
  build:
    local: {useBuildkit: false}
- name: gcb
  build:
    googleCloudBuild: {projectId: p}
  patches:
  - {op: add, path: /build/artifacts/0/docker, value: {dockerfile: Dockerfile.gcb}}
`,
  );
});

describe("v1beta6 → v1beta7", () => {
  step(
    v1beta6,
    "build.kaniko splits into every artifact's kaniko section and build.cluster",
    `
apiVersion: skaffold/v1beta6
kind: Config
build:
  artifacts:
  - image: gcr.io/a
  - image: gcr.io/b
    docker: {dockerfile: Dockerfile.b}
  kaniko:
    buildContext: {gcsBucket: bucket}
    cache: {repo: gcr.io/cache}
    flags: [--verbosity=debug]
    image: gcr.io/kaniko-project/executor
    pullSecretName: kaniko-secret
    namespace: builds
    timeout: 30m
    dockerConfig: {secretName: docker-cfg}
profiles:
- name: cluster
  build:
    kaniko: {buildContext: {localDir: {}}}
    artifacts:
    - image: gcr.io/a
`,
    `
apiVersion: skaffold/v1beta7
kind: Config
build:
  artifacts:
  - image: gcr.io/a
    kaniko:
      flags: [--verbosity=debug]
      buildContext: {gcsBucket: bucket}
      cache: {repo: gcr.io/cache}
      image: gcr.io/kaniko-project/executor
  - image: gcr.io/b
    docker: {dockerfile: Dockerfile.b}
    kaniko:
      flags: [--verbosity=debug]
      buildContext: {gcsBucket: bucket}
      cache: {repo: gcr.io/cache}
      image: gcr.io/kaniko-project/executor
  cluster:
    pullSecretName: kaniko-secret
    namespace: builds
    timeout: 30m
    dockerConfig: {secretName: docker-cfg}
profiles:
- name: cluster
  build:
    artifacts:
    - image: gcr.io/a
      kaniko: {buildContext: {localDir: {}}}
    cluster: {}
`,
  );
});

describe("v1beta7 → v1beta8", () => {
  // Deliberate difference: Skaffold's conversion drops bazel.target here, although the field still exists.
  step(
    v1beta7,
    "keeps bazel.target",
    "{apiVersion: skaffold/v1beta7, kind: Config, build: {artifacts: [{image: a, bazel: {target: //:a.tar}}]}}",
    "{apiVersion: skaffold/v1beta8, kind: Config, build: {artifacts: [{image: a, bazel: {target: //:a.tar}}]}}",
  );
});

describe("v1beta8 → v1beta9", () => {
  step(
    v1beta8,
    "builder plugins and execution environments become builder sections with the known properties",
    `
apiVersion: skaffold/v1beta8
kind: Config
build:
  artifacts:
  - image: gcr.io/bazel
    plugin: {name: bazel, properties: {target: //:app.tar}}
  - image: gcr.io/docker
    plugin: {name: docker, properties: {dockerfile: Dockerfile.prod, unknownProperty: x}}
  - image: gcr.io/other
    plugin: {name: unknown-plugin}
  executionEnvironment:
    name: googleCloudBuild
    properties: {projectId: my-project}
profiles:
- name: local
  build:
    executionEnvironment: {name: local, properties: {push: false}}
`,
    `
apiVersion: skaffold/v1beta9
kind: Config
build:
  artifacts:
  - image: gcr.io/bazel
    bazel: {target: //:app.tar}
  - image: gcr.io/docker
    docker: {dockerfile: Dockerfile.prod}
  - image: gcr.io/other
  googleCloudBuild: {projectId: my-project}
profiles:
- name: local
  build:
    local: {push: false}
`,
  );
});

describe("v1beta9 → v1beta10", () => {
  step(
    v1beta9,
    "the sync map becomes manual rules with strip",
    `
apiVersion: skaffold/v1beta9
kind: Config
build:
  artifacts:
  - image: gcr.io/node
    sync:
      "*.js": app/
      "src/**/*.html": app/
      "static/*.css": /srv/static
      "public/***": /var/www
      "lib/*/x.js": lib
  - image: gcr.io/empty
    sync: {}
profiles:
- name: p
  build:
    artifacts:
    - image: gcr.io/py
      sync: {"src/*.py": /app/src/}
`,
    `
apiVersion: skaffold/v1beta10
kind: Config
build:
  artifacts:
  - image: gcr.io/node
    sync:
      manual:
      - {src: "*.js", dest: app/}
      - {src: "src/**/*.html", dest: app/}
      - {src: "static/*.css", dest: /srv/}
      - {src: "public/**", dest: /var/www, strip: public/}
      - {src: "lib/*/x.js", dest: lib}
  - image: gcr.io/empty
    sync: {}
profiles:
- name: p
  build:
    artifacts:
    - image: gcr.io/py
      sync:
        manual:
        - {src: "src/*.py", dest: /app/}
`,
  );
});

describe("v1beta13 → v1beta14", () => {
  step(
    v1beta13,
    "jibMaven and jibGradle become jib with a type",
    `
apiVersion: skaffold/v1beta13
kind: Config
build:
  artifacts:
  - image: gcr.io/maven
    jibMaven: {module: ":server", profile: prod, args: [-DskipTests]}
  - image: gcr.io/gradle
    jibGradle: {project: server, args: [--offline]}
  - image: gcr.io/maven-plain
    jibMaven: {}
profiles:
- name: p
  build:
    artifacts:
    - image: gcr.io/m
      jibMaven: {profile: dev}
`,
    `
apiVersion: skaffold/v1beta14
kind: Config
build:
  artifacts:
  - image: gcr.io/maven
    jib: {project: ":server", args: [-DskipTests, --activate-profiles, prod], type: maven}
  - image: gcr.io/gradle
    jib: {project: server, args: [--offline], type: gradle}
  - image: gcr.io/maven-plain
    jib: {type: maven}
profiles:
- name: p
  build:
    artifacts:
    - image: gcr.io/m
      jib: {args: [--activate-profiles, dev], type: maven}
`,
  );
});

describe("v2alpha1 → v2alpha2", () => {
  step(
    v2alpha1,
    "kaniko buildContext is removed, keeping localDir.initImage as initImage",
    `
apiVersion: skaffold/v2alpha1
kind: Config
build:
  artifacts:
  - image: gcr.io/a
    kaniko: {buildContext: {localDir: {initImage: busybox}}, image: executor}
  - image: gcr.io/b
    kaniko: {buildContext: {gcsBucket: bucket}}
  cluster: {}
`,
    `
apiVersion: skaffold/v2alpha2
kind: Config
build:
  artifacts:
  - image: gcr.io/a
    kaniko: {image: executor, initImage: busybox}
  - image: gcr.io/b
    kaniko: {}
  cluster: {}
`,
  );
});

describe("v2alpha2 → v2alpha3", () => {
  step(
    v2alpha2,
    "kustomize path becomes paths; buildpack forcePull is dropped",
    `
apiVersion: skaffold/v2alpha2
kind: Config
build:
  artifacts:
  - image: gcr.io/bp
    buildpack: {builder: heroku/buildpacks, forcePull: true}
deploy:
  kustomize: {path: overlays/dev}
profiles:
- name: prod
  deploy:
    kustomize: {path: overlays/prod, flags: {apply: [--force]}}
`,
    `
apiVersion: skaffold/v2alpha3
kind: Config
build:
  artifacts:
  - image: gcr.io/bp
    buildpack: {builder: heroku/buildpacks}
deploy:
  kustomize: {paths: [overlays/dev]}
profiles:
- name: prod
  deploy:
    kustomize: {flags: {apply: [--force]}, paths: [overlays/prod]}
`,
  );
});

describe("v2beta3 → v2beta4", () => {
  step(
    v2beta3,
    "helm values becomes artifactOverrides",
    `
apiVersion: skaffold/v2beta3
kind: Config
deploy:
  helm:
    releases:
    - {name: app, chartPath: chart, values: {image: gcr.io/app}}
profiles:
- name: p
  deploy:
    helm:
      releases:
      - {name: app, chartPath: chart, values: {sidecar.image: gcr.io/sidecar}}
`,
    `
apiVersion: skaffold/v2beta4
kind: Config
deploy:
  helm:
    releases:
    - {name: app, chartPath: chart, artifactOverrides: {image: gcr.io/app}}
profiles:
- name: p
  deploy:
    helm:
      releases:
      - {name: app, chartPath: chart, artifactOverrides: {sidecar.image: gcr.io/sidecar}}
`,
  );
});

describe("v2beta4 → v2beta5", () => {
  step(
    v2beta4,
    "cluster pullSecret becomes pullSecretPath and buildpack becomes buildpacks",
    `
apiVersion: skaffold/v2beta4
kind: Config
build:
  artifacts:
  - image: gcr.io/bp
    buildpack: {builder: gcr.io/buildpacks/builder, env: [A=1]}
  cluster: {pullSecret: /secret.json, pullSecretName: kaniko}
`,
    `
apiVersion: skaffold/v2beta5
kind: Config
build:
  artifacts:
  - image: gcr.io/bp
    buildpacks: {builder: gcr.io/buildpacks/builder, env: [A=1]}
  cluster: {pullSecretName: kaniko, pullSecretPath: /secret.json}
`,
  );
});

describe("v2beta7 → v2beta8", () => {
  step(
    v2beta7,
    "old kpt apply and inventory settings are dropped",
    `
apiVersion: skaffold/v2beta7
kind: Config
deploy:
  kpt:
    dir: config
    applyDir: apply
    fn: {fnPath: fns}
    live:
      apply: {pollPeriod: 5s, pruneTimeout: 1m}
      inventoryID: abc
      inventoryNamespace: ns
`,
    `
apiVersion: skaffold/v2beta8
kind: Config
deploy:
  kpt:
    dir: config
    fn: {fnPath: fns}
    live:
      apply: {}
`,
  );
});

describe("v2beta8 → v2beta9", () => {
  step(
    v2beta8,
    "sync.auto becomes a boolean and kaniko flags are dropped",
    `
apiVersion: skaffold/v2beta8
kind: Config
build:
  artifacts:
  - image: gcr.io/a
    sync: {auto: {}}
    kaniko: {flags: [--x], target: dev}
  - image: gcr.io/b
    sync: {infer: ["**/*.js"]}
profiles:
- name: p
  build:
    artifacts:
    - image: gcr.io/a
      sync: {auto: {}}
`,
    `
apiVersion: skaffold/v2beta9
kind: Config
build:
  artifacts:
  - image: gcr.io/a
    sync: {auto: true}
    kaniko: {target: dev}
  - image: gcr.io/b
    sync: {infer: ["**/*.js"]}
profiles:
- name: p
  build:
    artifacts:
    - image: gcr.io/a
      sync: {auto: true}
`,
  );
});

describe("v2beta12 → v2beta13", () => {
  step(
    v2beta12,
    "remote charts move from chartPath to remoteChart",
    `
apiVersion: skaffold/v2beta12
kind: Config
deploy:
  helm:
    releases:
    - {name: remote, chartPath: stable/nginx, remote: true, version: 1.2.3}
    - {name: local, chartPath: charts/app, remote: false}
`,
    `
apiVersion: skaffold/v2beta13
kind: Config
deploy:
  helm:
    releases:
    - {name: remote, version: 1.2.3, remoteChart: stable/nginx}
    - {name: local, chartPath: charts/app}
`,
  );
});

describe("v2beta16 → v2beta17", () => {
  step(
    v2beta16,
    "docker secret dst is dropped",
    `
apiVersion: skaffold/v2beta16
kind: Config
build:
  artifacts:
  - image: gcr.io/a
    docker: {secret: {id: token, src: token.txt, dst: /run/token}}
`,
    `
apiVersion: skaffold/v2beta17
kind: Config
build:
  artifacts:
  - image: gcr.io/a
    docker: {secret: {id: token, src: token.txt}}
`,
  );
});

describe("v2beta22 → v2beta23", () => {
  step(
    v2beta22,
    "docker secret becomes a one-entry secrets list",
    `
apiVersion: skaffold/v2beta22
kind: Config
build:
  artifacts:
  - image: gcr.io/a
    docker: {dockerfile: Dockerfile, secret: {id: token, src: token.txt}}
profiles:
- name: p
  build:
    artifacts:
    - image: gcr.io/b
      docker: {secret: {id: other}}
`,
    `
apiVersion: skaffold/v2beta23
kind: Config
build:
  artifacts:
  - image: gcr.io/a
    docker: {dockerfile: Dockerfile, secrets: [{id: token, src: token.txt}]}
profiles:
- name: p
  build:
    artifacts:
    - image: gcr.io/b
      docker: {secrets: [{id: other}]}
`,
  );
});

describe("v2beta27 → v2beta28", () => {
  step(
    v2beta27,
    "ko platforms move to the artifact",
    `
apiVersion: skaffold/v2beta27
kind: Config
build:
  artifacts:
  - image: gcr.io/ko
    ko: {main: ./cmd/app, platforms: [linux/amd64, linux/arm64]}
  - image: gcr.io/ko2
    ko: {platforms: []}
`,
    `
apiVersion: skaffold/v2beta28
kind: Config
build:
  artifacts:
  - image: gcr.io/ko
    ko: {main: ./cmd/app}
    platforms: [linux/amd64, linux/arm64]
  - image: gcr.io/ko2
    ko: {}
`,
  );
});

describe("v2beta29 → v3alpha1", () => {
  step(
    v2beta29,
    "kubectl manifests move to manifests.rawYaml",
    `
apiVersion: skaffold/v2beta29
kind: Config
deploy:
  kubectl:
    manifests: [k8s/*.yaml]
    remoteManifests: [ns:deployment/app]
    flags: {apply: [--server-side]}
`,
    `
apiVersion: skaffold/v3alpha1
kind: Config
manifests:
  rawYaml: [k8s/*.yaml]
deploy:
  kubectl:
    remoteManifests: [ns:deployment/app]
    flags: {apply: [--server-side]}
`,
  );
  step(
    v2beta29,
    "kustomize renders and its deploy settings become a kubectl deployer",
    `
apiVersion: skaffold/v2beta29
kind: Config
deploy:
  kustomize:
    paths: [overlays/dev]
    buildArgs: [--load-restrictor=LoadRestrictionsNone]
    flags: {global: [--v=2]}
    defaultNamespace: dev
    hooks: {before: [{host: {command: [make]}}]}
profiles:
- name: default-path
  deploy:
    kustomize: {}
`,
    `
apiVersion: skaffold/v3alpha1
kind: Config
manifests:
  kustomize:
    paths: [overlays/dev]
    buildArgs: [--load-restrictor=LoadRestrictionsNone]
deploy:
  kubectl:
    flags: {global: [--v=2]}
    defaultNamespace: dev
    hooks: {before: [{host: {command: [make]}}]}
profiles:
- name: default-path
  manifests:
    kustomize: {paths: [.]}
  deploy:
    kubectl: {}
`,
  );
  step(
    v2beta29,
    "kustomize settings are merged into an existing kubectl deployer",
    `
apiVersion: skaffold/v2beta29
kind: Config
deploy:
  kubectl:
    manifests: [k8s/base.yaml]
    flags: {global: [--a], delete: [--wait]}
    hooks: {after: [{host: {command: [echo, kubectl]}}]}
  kustomize:
    paths: [kustomize]
    flags: {global: [--b], apply: [--force]}
    defaultNamespace: ns
    hooks: {after: [{host: {command: [echo, kustomize]}}]}
`,
    `
apiVersion: skaffold/v3alpha1
kind: Config
manifests:
  rawYaml: [k8s/base.yaml]
  kustomize: {paths: [kustomize]}
deploy:
  kubectl:
    flags: {global: [--a, --b], apply: [--force], delete: [--wait]}
    hooks: {after: [{host: {command: [echo, kubectl]}}, {host: {command: [echo, kustomize]}}]}
    defaultNamespace: ns
`,
  );
  stepFails(
    v2beta29,
    "conflicting kubectl and kustomize namespaces cannot be merged",
    `
apiVersion: skaffold/v2beta29
kind: Config
deploy:
  kubectl: {defaultNamespace: a}
  kustomize: {defaultNamespace: b}
`,
    /deploy\.kustomize\.defaultNamespace cannot be merged/,
  );
  stepFails(
    v2beta29,
    "conflicting disableValidation flags cannot be merged",
    `
apiVersion: skaffold/v2beta29
kind: Config
profiles:
- name: p
  deploy:
    kubectl: {}
    kustomize: {flags: {disableValidation: true}}
`,
    /deploy\.kustomize\.flags\.disableValidation in profile "p"/,
  );
  stepFails(
    v2beta29,
    "the kpt deployer cannot be converted",
    "{apiVersion: skaffold/v2beta29, kind: Config, deploy: {kpt: {dir: .}}}",
    /converting deploy\.kpt is not supported/,
  );
  step(
    v2beta29,
    "helm renders and deploys; artifactOverrides use the fqn image strategy",
    `
apiVersion: skaffold/v2beta29
kind: Config
deploy:
  helm:
    flags: {install: [--atomic]}
    hooks: {before: [{host: {command: [helm, repo, update]}}]}
    releases:
    - name: app
      chartPath: charts/app
      namespace: apps
      artifactOverrides: {image: gcr.io/my-project/app-image}
      setValues: {replicas: "2"}
      imageStrategy: {fqn: {}}
`,
    `
apiVersion: skaffold/v3alpha1
kind: Config
manifests:
  helm:
    flags: {install: [--atomic]}
    releases:
    - name: app
      chartPath: charts/app
      namespace: apps
      setValues: {replicas: "2"}
      setValueTemplates: {image: "{{.IMAGE_FULLY_QUALIFIED_gcr_io_my_project_app_image}}"}
deploy:
  helm:
    flags: {install: [--atomic]}
    hooks: {before: [{host: {command: [helm, repo, update]}}]}
    releases:
    - name: app
      chartPath: charts/app
      namespace: apps
      setValues: {replicas: "2"}
      setValueTemplates: {image: "{{.IMAGE_FULLY_QUALIFIED_gcr_io_my_project_app_image}}"}
`,
  );
  step(
    v2beta29,
    "the helm image strategy splits images into repository and tag (and registry when explicit)",
    `
apiVersion: skaffold/v2beta29
kind: Config
deploy:
  helm:
    releases:
    - name: a
      chartPath: a
      artifactOverrides: {image: app-a, nested: {worker: app:b}}
      setValueTemplates: {extra: "{{.FOO}}"}
      imageStrategy: {helm: {}}
    - name: b
      chartPath: b
      artifactOverrides: {image: app-c}
      imageStrategy: {helm: {explicitRegistry: true}}
`,
    `
apiVersion: skaffold/v3alpha1
kind: Config
manifests:
  helm:
    releases:
    - name: a
      chartPath: a
      setValueTemplates:
        extra: "{{.FOO}}"
        image.tag: "{{.IMAGE_TAG_app_a}}@{{.IMAGE_DIGEST_app_a}}"
        image.repository: "{{.IMAGE_REPO_app_a}}"
        nested.worker.tag: "{{.IMAGE_TAG_app_b}}@{{.IMAGE_DIGEST_app_b}}"
        nested.worker.repository: "{{.IMAGE_REPO_app_b}}"
    - name: b
      chartPath: b
      setValueTemplates:
        image.tag: "{{.IMAGE_TAG_app_c}}@{{.IMAGE_DIGEST_app_c}}"
        image.registry: "{{.IMAGE_DOMAIN_app_c}}"
        image.repository: "{{.IMAGE_REPO_NO_DOMAIN_app_c}}"
deploy:
  helm:
    releases:
    - name: a
      chartPath: a
      setValueTemplates:
        extra: "{{.FOO}}"
        image.tag: "{{.IMAGE_TAG_app_a}}@{{.IMAGE_DIGEST_app_a}}"
        image.repository: "{{.IMAGE_REPO_app_a}}"
        nested.worker.tag: "{{.IMAGE_TAG_app_b}}@{{.IMAGE_DIGEST_app_b}}"
        nested.worker.repository: "{{.IMAGE_REPO_app_b}}"
    - name: b
      chartPath: b
      setValueTemplates:
        image.tag: "{{.IMAGE_TAG_app_c}}@{{.IMAGE_DIGEST_app_c}}"
        image.registry: "{{.IMAGE_DOMAIN_app_c}}"
        image.repository: "{{.IMAGE_REPO_NO_DOMAIN_app_c}}"
`,
  );
  step(
    v2beta29,
    "profile patches follow the moved fields; helm patches are kept for deploy.helm too",
    `
apiVersion: skaffold/v2beta29
kind: Config
deploy:
  kubectl: {manifests: [k8s/*.yaml]}
profiles:
- name: p
  patches:
  - {op: replace, path: /deploy/kubectl/manifests/0, value: k8s/prod/*.yaml}
  - {op: add, path: /deploy/kustomize/paths/-, value: overlays/prod}
  - {op: replace, path: /deploy/helm/releases/0/namespace, value: prod}
  - {op: add, path: /deploy/helm/hooks/before/-, value: {host: {command: [date]}}}
  - {op: remove, path: /build/artifacts/0/docker}
`,
    `
apiVersion: skaffold/v3alpha1
kind: Config
manifests:
  rawYaml: [k8s/*.yaml]
deploy:
  kubectl: {}
profiles:
- name: p
  patches:
  - {op: replace, path: /manifests/rawYaml/0, value: k8s/prod/*.yaml}
  - {op: add, path: /manifests/kustomize/paths/-, value: overlays/prod}
  - {op: replace, path: /manifests/helm/releases/0/namespace, value: prod}
  - {op: add, path: /deploy/helm/hooks/before/-, value: {host: {command: [date]}}}
  - {op: remove, path: /build/artifacts/0/docker}
  - {op: replace, path: /deploy/helm/releases/0/namespace, value: prod}
`,
  );
  step(
    v2beta29,
    "artifactOverrides patches become setValueTemplates patches following the release's image strategy",
    `
apiVersion: skaffold/v2beta29
kind: Config
deploy:
  helm:
    releases:
    - {name: fqn, chartPath: a, artifactOverrides: {image: app}}
    - {name: helm, chartPath: b, artifactOverrides: {image: app}, imageStrategy: {helm: {}}}
    - {name: registry, chartPath: c, artifactOverrides: {image: app}, imageStrategy: {helm: {explicitRegistry: true}}}
profiles:
- name: p
  patches:
  - {op: replace, path: /deploy/helm/releases/0/artifactOverrides/image, value: gcr.io/fqn-app}
  - {op: replace, path: /deploy/helm/releases/1/artifactOverrides/image, value: helm-app}
  - {op: replace, path: /deploy/helm/releases/2/artifactOverrides/image, value: reg-app}
`,
    `
apiVersion: skaffold/v3alpha1
kind: Config
manifests:
  helm:
    releases:
    - {name: fqn, chartPath: a, setValueTemplates: {image: "{{.IMAGE_FULLY_QUALIFIED_app}}"}}
    - name: helm
      chartPath: b
      setValueTemplates: {image.tag: "{{.IMAGE_TAG_app}}@{{.IMAGE_DIGEST_app}}", image.repository: "{{.IMAGE_REPO_app}}"}
    - name: registry
      chartPath: c
      setValueTemplates:
        image.tag: "{{.IMAGE_TAG_app}}@{{.IMAGE_DIGEST_app}}"
        image.registry: "{{.IMAGE_DOMAIN_app}}"
        image.repository: "{{.IMAGE_REPO_NO_DOMAIN_app}}"
deploy:
  helm:
    releases:
    - {name: fqn, chartPath: a, setValueTemplates: {image: "{{.IMAGE_FULLY_QUALIFIED_app}}"}}
    - name: helm
      chartPath: b
      setValueTemplates: {image.tag: "{{.IMAGE_TAG_app}}@{{.IMAGE_DIGEST_app}}", image.repository: "{{.IMAGE_REPO_app}}"}
    - name: registry
      chartPath: c
      setValueTemplates:
        image.tag: "{{.IMAGE_TAG_app}}@{{.IMAGE_DIGEST_app}}"
        image.registry: "{{.IMAGE_DOMAIN_app}}"
        image.repository: "{{.IMAGE_REPO_NO_DOMAIN_app}}"
profiles:
- name: p
  patches:
  - {op: replace, path: /manifests/helm/releases/0/setValueTemplates/image, value: "{{.IMAGE_FULLY_QUALIFIED_gcr_io_fqn_app}}"}
  - {op: replace, path: /manifests/helm/releases/1/setValueTemplates/image.tag, value: "{{.IMAGE_TAG_helm_app}}@{{.IMAGE_DIGEST_helm_app}}"}
  - {op: replace, path: /manifests/helm/releases/2/setValueTemplates/image.tag, value: "{{.IMAGE_TAG_reg_app}}@{{.IMAGE_DIGEST_reg_app}}"}
  - {op: replace, path: /manifests/helm/releases/1/setValueTemplates/image.repository, value: "{{.IMAGE_REPO_helm_app}}"}
  - {op: replace, path: /manifests/helm/releases/2/setValueTemplates/image.registry, value: "{{.IMAGE_DOMAIN_reg_app}}"}
  - {op: replace, path: /manifests/helm/releases/2/setValueTemplates/image.repository, value: "{{.IMAGE_REPO_NO_DOMAIN_reg_app}}"}
`,
  );
  stepFails(
    v2beta29,
    "an artifactOverrides patch for a missing release is an error",
    `
apiVersion: skaffold/v2beta29
kind: Config
deploy:
  helm: {releases: [{name: a, chartPath: a}]}
profiles:
- name: p
  patches: [{op: replace, path: /deploy/helm/releases/3/artifactOverrides/image, value: x}]
`,
    /refers to a missing helm release/,
  );
});

describe("v3 → v4beta1", () => {
  step(
    v3,
    "kubectl remoteManifests move to manifests.remoteManifests with the deploy kubeContext",
    `
apiVersion: skaffold/v3
kind: Config
manifests:
  rawYaml: [k8s/*.yaml]
deploy:
  kubeContext: gke-prod
  kubectl:
    remoteManifests: [default:deployment/a, default:service/b]
profiles:
- name: p
  deploy:
    kubectl: {remoteManifests: [x:deployment/y]}
`,
    `
apiVersion: skaffold/v4beta1
kind: Config
manifests:
  rawYaml: [k8s/*.yaml]
  remoteManifests:
  - {manifest: default:deployment/a, kubeContext: gke-prod}
  - {manifest: default:service/b, kubeContext: gke-prod}
deploy:
  kubeContext: gke-prod
  kubectl: {}
profiles:
- name: p
  deploy:
    kubectl: {}
  manifests:
    remoteManifests: [{manifest: x:deployment/y}]
`,
  );
});

describe("v4beta3 → v4beta4", () => {
  step(
    v4beta3,
    "verify containers keep only the supported fields",
    `
apiVersion: skaffold/v4beta3
kind: Config
verify:
- name: smoke
  container:
    name: curl
    image: curlimages/curl
    command: [curl]
    args: [http://app]
    env: [{name: A, value: "1"}, {name: POD, valuefrom: {fieldref: {fieldpath: metadata.name}}}]
    workingdir: /tmp
    imagepullpolicy: Always
`,
    `
apiVersion: skaffold/v4beta4
kind: Config
verify:
- name: smoke
  container:
    name: curl
    image: curlimages/curl
    command: [curl]
    args: [http://app]
    env: [{name: A, value: "1"}, {name: POD}]
`,
  );
});

describe("v4beta4 → v4beta5", () => {
  step(
    v4beta4,
    "kaniko noPush is dropped",
    `
apiVersion: skaffold/v4beta4
kind: Config
build:
  artifacts: [{image: gcr.io/a, kaniko: {noPush: true, cache: {}}}]
`,
    `
apiVersion: skaffold/v4beta5
kind: Config
build:
  artifacts: [{image: gcr.io/a, kaniko: {cache: {}}}]
`,
  );
});

describe("v4beta7 → v4beta8", () => {
  step(
    v4beta7,
    "the kpt key `false` is renamed to `force`",
    `
apiVersion: skaffold/v4beta7
kind: Config
deploy:
  kpt: {dir: ., false: true}
profiles:
- name: p
  deploy:
    kpt: {false: false}
`,
    `
apiVersion: skaffold/v4beta8
kind: Config
deploy:
  kpt: {dir: ., force: true}
profiles:
- name: p
  deploy:
    kpt: {force: false}
`,
  );
});
