import type { CommandContext } from "../command-spec.js";
import { runDev } from "../dev-session.js";

/** `trestle dev`: build and deploy, then watch and sync, rebuild or redeploy on every change until Ctrl+C. */
export function run(context: CommandContext): Promise<number> {
  return runDev(context, { mode: "dev" });
}
