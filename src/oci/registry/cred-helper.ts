/**
 * Docker credential helpers (`docker-credential-<name> get`): the server URL on stdin, JSON
 * `{ServerURL, Username, Secret}` on stdout; `Username` `<token>` marks an identity token.
 */
import { externalError } from "../../errors/errors.js";
import type { Exec } from "../../proc/exec.js";
import type { Credential } from "./credentials.js";

interface HelperReply {
  readonly Username?: string;
  readonly Secret?: string;
}

/** Runs a helper for one server; undefined when the helper has no credentials for it. */
export async function runCredentialHelper(
  exec: Exec,
  helper: string,
  server: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<Credential | undefined> {
  const command = `docker-credential-${helper}`;
  const result = await exec.run(command, ["get"], { input: server, env });
  const output = `${result.stdout}${result.stderr}`.trim();
  if (result.code !== 0) {
    if (/credentials not found/i.test(output)) return undefined;
    throw externalError(
      "CREDENTIAL_HELPER_FAILED",
      `${command} get ${server} failed (exit ${result.code}): ${output}`,
      `Check the helper with: echo ${server} | ${command} get`,
    );
  }
  let reply: HelperReply;
  try {
    reply = JSON.parse(result.stdout) as HelperReply;
  } catch (cause) {
    throw externalError(
      "CREDENTIAL_HELPER_FAILED",
      `${command} printed something that is not JSON`,
      undefined,
      cause,
    );
  }
  const secret = reply.Secret ?? "";
  const source = `credential helper ${command}`;
  if (secret === "") return undefined;
  if (reply.Username === "<token>") return { kind: "identity-token", token: secret, source };
  return { kind: "basic", username: reply.Username ?? "", password: secret, source };
}
