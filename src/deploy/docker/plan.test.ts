import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  containerName,
  DOCKER_IMAGE_LABEL,
  networkName,
  planContainers,
  userBindings,
  withoutDigest,
} from "./plan.js";

describe("docker deployer plan", () => {
  test("container names from image names", () => {
    assert.equal(containerName("localhost:5000/hello-go"), "hello-go");
    assert.equal(containerName("gcr.io/p/App_x:v1@sha256:abc"), "app_x");
    assert.equal(containerName("---"), "app");
    assert.equal(networkName("123"), "skaffold-network-123");
    assert.equal(withoutDigest("a/b:v1@sha256:0"), "a/b:v1");
  });

  test("one container per image, built tag, labels, duplicate names numbered", () => {
    const plans = planContainers(
      ["localhost:5000/web", "other/web"],
      [{ imageName: "localhost:5000/web", tag: "localhost:5000/web:abc" }],
      [],
      { "skaffold.dev/run-id": "r1" },
    );
    assert.deepEqual(
      plans.map((p) => [p.name, p.reference, p.labels[DOCKER_IMAGE_LABEL], p.labels["skaffold.dev/run-id"]]),
      [
        ["web", "localhost:5000/web:abc", "localhost:5000/web", "r1"],
        ["web-2", "other/web", "other/web", "r1"],
      ],
    );
  });

  test("port bindings from portForward entries of resourceType container", () => {
    const bindings = userBindings("web", "localhost:5000/web", [
      { resourceType: "container", resourceName: "web", port: 8080, localPort: 9100 },
      { resourceType: "Container", resourceName: "localhost:5000/web", port: "9090/udp", address: "0.0.0.0" },
      { resourceType: "service", resourceName: "web", port: 80 },
      { resourceType: "container", resourceName: "db", port: 5432 },
    ]);
    assert.deepEqual(bindings, [
      { containerPort: "8080/tcp", address: "127.0.0.1", hostPort: 9100 },
      { containerPort: "9090/udp", address: "0.0.0.0", hostPort: 9090 },
    ]);
    assert.throws(
      () => userBindings("web", "w", [{ resourceType: "container", resourceName: "web", port: "http" }]),
      /not a port number/,
    );
  });
});
