/** `test`: checks run on freshly built images (container-structure-test and custom commands). */
import { z } from "zod";
import {
  dependencyCommand,
  goInt,
  goString,
  opt,
  requiredString,
  stringList,
  struct,
  watchedPathsShape,
} from "./common.js";

export const customTestDependenciesSchema = struct({
  command: dependencyCommand,
  ...watchedPathsShape,
}).meta({
  id: "CustomTestDependencies",
  description: "Files whose changes re-run the test: set one of `command` or `paths`.",
});

export const customTestSchema = struct({
  command: requiredString.describe(
    "Command to run; a non-zero exit fails the test. IMAGE holds the built tag.",
  ),
  timeoutSeconds: opt(goInt, "Time limit in seconds; 0 or unset waits for completion."),
  dependencies: opt(customTestDependenciesSchema, "Extra files whose changes re-run this test."),
}).meta({ id: "CustomTest", description: "A user command run after an image is built." });

export const testCaseSchema = struct({
  image: requiredString.describe("Artifact image the tests apply to."),
  context: opt(goString, "Directory holding the test files; defaults to `.`."),
  custom: opt(z.array(customTestSchema), "Custom test commands."),
  structureTests: opt(stringList, "container-structure-test config files (globs), e.g. `./test/*`."),
  structureTestsArgs: opt(stringList, "Extra arguments for `container-structure-test`."),
}).meta({ id: "TestCase", description: "Tests run on one built image." });

export type CustomTestDependencies = z.infer<typeof customTestDependenciesSchema>;
export type CustomTest = z.infer<typeof customTestSchema>;
export type TestCase = z.infer<typeof testCaseSchema>;
