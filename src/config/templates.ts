import { configError, TrestleErrors, type TrestleError } from "../errors/errors.js";
import { fieldsAt, updateFieldsAt } from "./field-paths.js";
import type { ConfigModule } from "./resolved.js";
import { TEMPLATE_FIELDS } from "./schema/index.js";
import {
  checkTemplateSyntax,
  renderTemplate,
  TemplateError,
  type TemplateOptions,
} from "./template/index.js";

function templateError(
  module: ConfigModule,
  path: readonly (string | number)[],
  text: string,
  error: TemplateError,
): TrestleError {
  return configError(
    "CONFIG_BAD_TEMPLATE",
    `invalid template ${JSON.stringify(text)}: ${error.message}`,
    module.doc.locate(path),
    'Templated fields use Go template syntax, e.g. {{.ENV_VAR}} or {{default "x" .ENV_VAR}}.',
  );
}

/** Checks the syntax of every templated field of every module at load time (nothing is executed). */
export function checkTemplates(modules: readonly ConfigModule[]): void {
  const errors: TrestleError[] = [];
  for (const module of modules) {
    for (const pattern of TEMPLATE_FIELDS) {
      for (const hit of fieldsAt(module.config, pattern)) {
        if (typeof hit.value !== "string") continue;
        try {
          checkTemplateSyntax(hit.value);
        } catch (error) {
          if (!(error instanceof TemplateError)) throw error;
          errors.push(templateError(module, hit.path, hit.value, error));
        }
      }
    }
  }
  if (errors.length === 1 && errors[0]) throw errors[0];
  if (errors.length > 1) throw new TrestleErrors(errors);
}

/** Returns a copy of a module's config with every templated field expanded over `data` (for diagnose). */
export function expandTemplates(
  module: ConfigModule,
  data: Readonly<Record<string, string>>,
  options: TemplateOptions = {},
): ConfigModule["config"] {
  const copy = structuredClone(module.config);
  for (const pattern of TEMPLATE_FIELDS) {
    updateFieldsAt(copy, pattern, (value, path) => {
      if (typeof value !== "string") return value;
      try {
        return renderTemplate(value, data, options);
      } catch (error) {
        if (error instanceof TemplateError) throw templateError(module, path, value, error);
        throw error;
      }
    });
  }
  return copy;
}
