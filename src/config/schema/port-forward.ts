/** `portForward`: user-declared port forwards. */
import type { z } from "zod";
import { goInt, goString, intOrString, opt, struct } from "./common.js";

export const portForwardResourceSchema = struct({
  resourceType: opt(
    goString,
    "Kind of resource: pod, service, deployment, replicaset, statefulset, replicationcontroller, daemonset, job, cronjob, or container (Docker deployer).",
  ),
  resourceName: opt(goString, "Name of the resource or local container (templated)."),
  namespace: opt(goString, "Namespace of the resource (templated); not used for containers."),
  port: opt(intOrString, "Port on the resource, as a number or a port name."),
  address: opt(goString, "Local address to bind; defaults to `127.0.0.1`."),
  localPort: opt(goInt, "Local port; defaults to `port`, and a free port is picked if it is taken."),
}).meta({ id: "PortForwardResource", description: "A resource port forwarded to the local machine." });

export type PortForwardResource = z.infer<typeof portForwardResourceSchema>;
