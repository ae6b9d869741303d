import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { kubectlDeployer } from "../../deploy/kubectl/deployer.js";
import { userError } from "../../errors/errors.js";
import { parseManifests } from "../../manifest/yaml.js";
import { runPipeline } from "../../runner/run-pipeline.js";
import type { CommandContext } from "../command-spec.js";
import { deployRuntime } from "../deploy-pipeline.js";
import { loadProjectFromFlags } from "../project.js";

async function readManifestFile(path: string): Promise<ReturnType<typeof parseManifests>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw userError(
      "APPLY_FILE_UNREADABLE",
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`,
      "Pass the files written by `trestle render --output <file>`.",
    );
  }
  return parseManifests(text, path);
}

/** `trestle apply <files…>`: applies already-hydrated manifests with kubectl (the config's flags) and checks their status. */
export async function run(context: CommandContext): Promise<number> {
  const files = context.parsed.args;
  if (files.length === 0) {
    throw userError(
      "APPLY_NO_FILES",
      "trestle apply needs at least one manifest file",
      "Usage: trestle apply <files...>, e.g. trestle render -o out.yaml && trestle apply out.yaml",
      127,
    );
  }
  const project = await loadProjectFromFlags(context);
  const manifests = (await Promise.all(files.map((f) => readManifestFile(resolve(context.cwd, f))))).flat();
  const { setup, runtime, doors, deployOptions } = deployRuntime(context, project);
  const module = project.modules.find((m) => m.config.deploy?.kubectl !== undefined) ?? project.modules[0];
  // Like `skaffold apply`: only the given files; remoteManifests belong to run/deploy.
  const kubectl = { ...module?.config.deploy?.kubectl };
  delete kubectl.remoteManifests;
  const deployer = kubectlDeployer({ ...deployOptions, config: kubectl });
  const result = await runPipeline(
    {
      runId: setup.runId,
      labels: setup.labels,
      namespace: setup.namespace,
      kubeContext: setup.kubeContext,
      images: [],
      stayAttached: false,
      cleanupOnInterrupt: false,
      iteration: 0,
      signal: context.signal,
    },
    {
      build: undefined,
      modules: [
        {
          label: files.join(", "),
          dir: module?.dir ?? context.cwd,
          render: () => Promise.resolve(manifests),
          steps: [{ deployer, hooks: module?.config.deploy?.kubectl?.hooks }],
        },
      ],
      statusCheck: doors.statusCheck,
      attach: undefined,
      hooks: { exec: runtime.exec, env: setup.env, targets: doors.hookTargets },
      output: setup.say,
    },
  );
  setup.say(`Applied ${String(result.deployed.length)} object(s).`);
  return 0;
}
