import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { artifactTypeOf } from "../../config/artifact-type.js";
import { emitConfigs } from "../../config/emit.js";
import type { ConfigModule } from "../../config/resolved.js";
import { templateData } from "../../config/template/index.js";
import { expandTemplates } from "../../config/templates.js";
import { runCommandSync } from "../../proc/exec.js";
import type { CommandContext } from "../command-spec.js";
import { effectiveEnv, loadProjectFromFlags } from "../project.js";

async function walk(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.name === ".git") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = await walk(path);
      files += sub.files;
      bytes += sub.bytes;
    } else if (entry.isFile()) {
      files++;
      bytes += (await stat(path)).size;
    }
  }
  return { files, bytes };
}

async function describeArtifacts(module: ConfigModule, context: CommandContext): Promise<void> {
  for (const artifact of module.config.build?.artifacts ?? []) {
    const started = performance.now();
    const contextDir = resolve(module.dir, artifact.context ?? ".");
    const { files, bytes } = await walk(contextDir);
    const ms = (performance.now() - started).toFixed(1);
    context.stdout.write(
      `Artifact ${artifact.image} (${artifactTypeOf(artifact) ?? "docker"})\n` +
        `  context: ${contextDir}: ${files} files, ${(bytes / 1024).toFixed(1)} KiB (walked in ${ms} ms)\n`,
    );
  }
}

/** `trestle diagnose`: the effective config of every module, and facts about each artifact's context. */
export async function run(context: CommandContext): Promise<number> {
  const project = await loadProjectFromFlags(context);
  const templating = context.parsed.flags.bool("enable-templating");
  const env = effectiveEnv(context);
  const data = templateData({}, env);
  const configs = project.modules.map((module) =>
    templating
      ? expandTemplates(module, data, {
          env,
          runCommand: (cmd, args) => runCommandSync(cmd, args, module.dir),
        })
      : module.config,
  );
  if (!context.parsed.flags.bool("yaml-only")) {
    for (const module of project.modules) {
      const profiles =
        module.activeProfiles.length > 0 ? ` with profiles ${module.activeProfiles.join(", ")}` : "";
      context.stdout.write(`# ${module.name ?? `config[${module.index}]`} from ${module.file}${profiles}\n`);
      await describeArtifacts(module, context);
    }
    context.stdout.write("\n");
  }
  context.stdout.write(emitConfigs(configs));
  return 0;
}
