/** The `customTemplate` tag policy, as Skaffold's `pkg/skaffold/tag/custom_template.go`. */
import type { ArgNode, ListNode, Node, PipeNode } from "../../config/template/ast.js";
import { renderTemplate } from "../../config/template/index.js";
import { parseTemplate } from "../../config/template/parser.js";
import { checkFunction } from "../../config/template/registry.js";
import type { Artifact } from "../../config/schema/index.js";
import { TrestleError, configError } from "../../errors/errors.js";
import type { Tagger } from "./tagger.js";

/** The component names a custom template may use without declaring them. */
export const BUILTIN_COMPONENTS = ["GIT", "DATE", "SHA", "INPUT_DIGEST"] as const;
/** One of the built-in component names. */
export type BuiltinComponent = (typeof BUILTIN_COMPONENTS)[number];

type TreeNode = Node | ListNode | PipeNode | ArgNode | null;

/** Skaffold's `GetTemplateFields`: every field name the template mentions (`.A.B` counts A and B), first use first. */
export function templateFields(template: string): string[] {
  const fields = new Set<string>();
  const visit = (node: TreeNode): void => {
    if (node === null) return;
    switch (node.kind) {
      case "field":
        for (const ident of node.ident) fields.add(ident);
        return;
      case "list":
        node.nodes.forEach(visit);
        return;
      case "action":
        visit(node.pipe);
        return;
      case "template":
        visit(node.pipe);
        return;
      case "if":
      case "range":
      case "with":
        visit(node.pipe);
        visit(node.list);
        visit(node.elseList);
        return;
      case "pipe":
        for (const cmd of node.cmds) cmd.args.forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(parseTemplate(template, checkFunction).root);
  return [...fields];
}

function componentFailed(error: unknown): Error {
  const message = `evaluating custom template component: ${(error as Error).message}`;
  return error instanceof TrestleError
    ? new TrestleError(message, {
        kind: error.kind,
        code: error.code,
        cause: error,
        ...(error.hint === undefined ? {} : { hint: error.hint }),
      })
    : new Error(message, { cause: error });
}

/**
 * Tags with a Go template over named components, each itself a tagger: the declared `components`, and the
 * built-in GIT, DATE, SHA and INPUT_DIGEST (from `builtin`) for names not declared. Only the components the
 * template mentions are evaluated; an unknown name fails the tag, as does a key the template reads but no
 * component gives (`missingkey=error`). Throws a TemplateError at creation for a template that does not parse.
 */
export function customTemplateTagger(
  template: string,
  components: ReadonlyMap<string, Tagger>,
  builtin: (name: BuiltinComponent) => Tagger,
): Tagger {
  const fields = templateFields(template);
  const taggerFor = (field: string): Tagger => {
    const declared = components.get(field);
    if (declared !== undefined) return declared;
    if ((BUILTIN_COMPONENTS as readonly string[]).includes(field)) return builtin(field as BuiltinComponent);
    throw configError(
      "TAG_TEMPLATE_COMPONENT",
      `no tagger available for component ${field}`,
      undefined,
      `Declare a component named ${field} under customTemplate.components, or use one of ${BUILTIN_COMPONENTS.join(", ")}.`,
    );
  };
  return {
    async tag(artifact: Artifact, workspace: string): Promise<string> {
      const taggers = fields.map((field) => [field, taggerFor(field)] as const);
      const values = await Promise.all(
        taggers.map(async ([field, tagger]) => {
          try {
            return [field, await tagger.tag(artifact, workspace)] as const;
          } catch (error) {
            throw componentFailed(error);
          }
        }),
      );
      return renderTemplate(template, Object.fromEntries(values), { env: {}, missingKey: "error" });
    },
  };
}
