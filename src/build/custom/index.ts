/** The `custom` builder: a user script builds (and maybe pushes) the image; Trestle resolves the result. */
export { CustomBuilder, type CustomBuilderOptions } from "./builder.js";
export { customBuildEnv, type CustomBuildSettings } from "./env.js";
export { customDependencies } from "./dependencies.js";
