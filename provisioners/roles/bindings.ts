// How a recipe's placeholders meet one deployment: `${param:NAME}` becomes the value for this host
// and cloud, and `${secret:NAME}` is renamed to the deployment's own secret name (it stays a
// placeholder: the provider fills it on the host only, so plans and logs never show a value).

import { substitute } from "./placeholders";
import type { RoleRecipe } from "./recipe";

export interface RecipeBindings {
  /** Value of every param the recipe declares. */
  readonly params: Readonly<Record<string, string>>;
  /** The deployment's name for each secret the recipe declares. */
  readonly secretName: (recipeSecret: string) => string;
  /** Where the recipe is used, for errors (construct path). */
  readonly where: string;
}

/** Substitutes params and renames secrets in one text; an undeclared name is refused. */
export function bindText(recipe: RoleRecipe, bindings: RecipeBindings, text: string, what: string): string {
  const secrets = Object.fromEntries(recipe.secrets.map((s) => [s, `\${secret:${bindings.secretName(s)}}`]));
  const params = Object.fromEntries(recipe.params.filter((p) => p in bindings.params).map((p) => [p, bindings.params[p]]));
  return substitute(text, { secret: secrets, param: params }, `${bindings.where} (${recipe.role} recipe, ${what})`);
}

/** The deployment's names of every secret the recipe uses, sorted. */
export function boundSecretNames(recipe: RoleRecipe, bindings: RecipeBindings): string[] {
  return [...new Set(recipe.secrets.map(bindings.secretName))].sort();
}
