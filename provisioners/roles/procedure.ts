// A recipe as the role resources' inputs: packages, bootstrap commands, services (in start order)
// and health checks, all plain strings the provider runs over SSH. The provider runs bootstrap
// commands after the files are in place and before it starts the role's services, so each step
// brings up, itself, the services it `needs` (started in the recipe's order, each waited for with
// its health check) and honours `doneWhen` and `okExitCodes`. Files the packages ship and the
// recipe only merges keys into (`strategy: merge`) are edited by a configure step as well.

import type { BootstrapStep, ConfigFile, RoleRecipe, ServiceSpec } from "./recipe";
import { bindText, RecipeBindings } from "./bindings";
import { mergeCommand } from "./private/merge-command";
import { healthCommand, stepScript, waitForService } from "./private/step-script";

export interface RoleProcedure {
  readonly packages: readonly string[];
  readonly bootstrapCommands: readonly string[];
  /** Units in start order. */
  readonly services: readonly string[];
  readonly healthChecks: readonly string[];
}

/** Phases in the order the provider's single bootstrap slot runs them. */
const PHASE_ORDER: Readonly<Record<BootstrapStep["phase"], number>> = { prepare: 0, configure: 1, bootstrap: 2, finalize: 3 };

export function servicesInOrder(recipe: RoleRecipe): ServiceSpec[] {
  return [...recipe.services].sort((a, b) => a.order - b.order);
}

export function roleProcedure(recipe: RoleRecipe, bindings: RecipeBindings): RoleProcedure {
  const bind = (text: string, what: string) => bindText(recipe, bindings, text, what);
  const ordered = servicesInOrder(recipe);
  const started = new Set<string>();
  const commands: string[] = [];
  const merges = Object.entries(recipe.files).filter(([, f]) => f.strategy === "merge");
  for (const [path, file] of merges) commands.push(mergeCommand(path, bindSections(file, (t) => bind(t, path)), file));
  const steps = [...recipe.steps].sort((a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase]);
  for (const step of steps) {
    // A finalize step runs once the whole role is up (the recipe's runner ran it last): every
    // service first, in order, not only the ones it names.
    const needed = ordered.filter((s) => (step.phase === "finalize" || step.needs.includes(s.unit)) && !started.has(s.unit));
    for (const s of needed) started.add(s.unit);
    commands.push(stepScript({
      id: step.id,
      description: step.description,
      before: needed.map((s) => waitForService(s.unit, bind(s.health.command, `health of ${s.unit}`), s.health.timeoutSeconds)),
      doneWhen: step.doneWhen === undefined ? undefined : bind(step.doneWhen, `step ${step.id}`),
      env: Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, bind(v, `step ${step.id} env ${k}`)])),
      command: bind(step.command, `step ${step.id}`),
      okExitCodes: step.okExitCodes,
    }));
  }
  return {
    packages: [...recipe.packages],
    bootstrapCommands: commands,
    services: ordered.map((s) => s.unit),
    healthChecks: ordered.map((s) => healthCommand(bind(s.health.command, `health of ${s.unit}`), s.health.timeoutSeconds)),
  };
}

function bindSections(file: ConfigFile, bind: (t: string) => string): ConfigFile["sections"] {
  return Object.fromEntries(Object.entries(file.sections).map(([s, kv]) => [s, Object.fromEntries(Object.entries(kv).map(([k, v]) => [k, bind(v)]))]));
}
