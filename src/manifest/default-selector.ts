/**
 * Skaffold's built-in transform allow and deny lists (`pkg/skaffold/kubernetes/manifest/visitor.go`): the
 * kinds whose images may be replaced and whose metadata may be labelled, and the fields never touched.
 */
import type { ResourceFilter } from "../config/schema/index.js";

const ALL = [".*"];
const workload = (groupKind: string): ResourceFilter => ({
  groupKind,
  image: ALL,
  labels: ALL,
  podSpec: ALL,
});
const custom = (groupKind: string, image: readonly string[] = ALL): ResourceFilter => ({
  groupKind,
  image: [...image],
  labels: ALL,
});
const CONFLUENT_IMAGES = [".spec.image.application", ".spec.image.init"];

export const DEFAULT_ALLOW: readonly ResourceFilter[] = [
  ...["Pod", "Service"].map(workload),
  ...["DaemonSet", "Deployment", "ReplicaSet", "StatefulSet"].map((k) => workload(`${k}.apps`)),
  ...["CronJob", "Job"].map((k) => workload(`${k}.batch`)),
  ...["DaemonSet", "Deployment", "ReplicaSet"].map((k) => workload(`${k}.extensions`)),
  custom("Service.serving.knative.dev"),
  ...["Fleet", "GameServer"].map((k) => custom(`${k}.agones.dev`)),
  ...["Rollout", "Workflow", "CronWorkflow", "WorkflowTemplate", "ClusterWorkflowTemplate"].map((k) =>
    custom(`${k}.argoproj.io`),
  ),
  ...["Connect", "ControlCenter", "Kafka", "KsqlDB", "SchemaRegistry", "Zookeeper"].map((k) =>
    custom(`${k}.platform.confluent.io`, CONFLUENT_IMAGES),
  ),
  ...["Job", "WorkerPool"].map((k) => custom(`${k}.run.googleapis.com`)),
  custom("KafkaConnect.kafka.strimzi.io", [".spec.image"]),
  custom("Kafka.kafka.strimzi.io", [
    ".spec.kafka.image",
    ".spec.zookeeper.image",
    ".spec.entityOperator.topicOperator.image",
    ".spec.entityOperator.userOperator.image",
    ".spec.kafkaExporter.image.",
  ]),
];

export const DEFAULT_DENY: readonly ResourceFilter[] = [
  { groupKind: "StatefulSet.apps", labels: [".spec.volumeClaimTemplates.metadata.labels"] },
  { groupKind: "Job.batch", labels: [".spec.template.metadata.labels"] },
];

/** Google Cloud Config Connector groups (`<service>.cnrm.cloud.google.com`): images and top-level labels. */
export const CONFIG_CONNECTOR_GROUP = /([A-Za-z]+\.)+cnrm\.cloud\.google\.com/;
