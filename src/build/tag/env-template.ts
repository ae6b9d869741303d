/** The `envTemplate` tag policy, as Skaffold's `pkg/skaffold/tag/env_template.go`. */
import type { Artifact } from "../../config/schema/index.js";
import { checkTemplateSyntax, renderTemplate, templateData } from "../../config/template/index.js";
import type { TemplateOptions } from "../../config/template/index.js";
import { userError } from "../../errors/errors.js";
import type { Tagger } from "./tagger.js";

/** What an env template reads besides its text: the environment and Skaffold's `cmd` function. */
export interface EnvTemplateContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly runCommand?: TemplateOptions["runCommand"];
}

/**
 * Tags with a Go template over the environment plus `IMAGE_NAME` (Sprig and `cmd` available). A variable the
 * template prints but the environment lacks fails the tag ("<no value>"), while `{{default "x" .FOO}}` works.
 * Throws a TemplateError at creation for a template that does not parse.
 */
export function envTemplateTagger(template: string, context: EnvTemplateContext): Tagger {
  checkTemplateSyntax(template);
  return {
    tag: (artifact: Artifact) =>
      Promise.resolve().then(() => {
        const options: TemplateOptions = {
          env: context.env,
          ...(context.runCommand === undefined ? {} : { runCommand: context.runCommand }),
        };
        const tag = renderTemplate(
          template,
          templateData({ IMAGE_NAME: artifact.image }, context.env),
          options,
        );
        if (tag.includes("<no value>")) {
          throw userError(
            "TAG_TEMPLATE_MISSING_ENV",
            "environment variables missing for template keys",
            `Set the variables that the envTemplate "${template}" uses, or give them defaults with {{default "…" .VAR}}.`,
          );
        }
        return tag;
      }),
  };
}
