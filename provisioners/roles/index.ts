export type {
  BootstrapStep,
  Check,
  ConfigFile,
  ConfigFormat,
  DebconfAnswer,
  RoleName,
  RoleRecipe,
  ServiceSpec,
} from "./recipe";
export { placeholdersIn, substitute } from "./placeholders";
export type { Placeholder, PlaceholderKind } from "./placeholders";
export * from "./zed";
export { recipeForCompute, recipeForController, recipeCoverage } from "./select";
export { bindText, boundSecretNames } from "./bindings";
export type { RecipeBindings } from "./bindings";
export { roleProcedure, servicesInOrder } from "./procedure";
export type { RoleProcedure } from "./procedure";
export { boundFiles, renderRecipeFile } from "./files";
export type { BoundFile } from "./files";
