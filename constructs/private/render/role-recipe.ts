// The proven role recipe (provisioners/roles) of the control plane or of one compute node, bound to
// this cloud: its params come from the model (addresses, region, physnets, bridges) and its secret
// names are the cloud's own (the same names the rendered files use, each a polyvisor_password).
import * as crypto from "node:crypto";
import { PolyvisorError } from "../../../provisioners/errors";
import {
  RecipeBindings,
  RoleProcedure,
  RoleRecipe,
  boundFiles,
  placeholdersIn,
  renderRecipeFile,
  recipeForCompute,
  recipeForController,
  roleProcedure,
} from "../../../provisioners/roles";
import type { ComputeNode } from "../../compute-node";
import { agentHost } from "../../deployment";
import type { CloudContext } from "../cloud-lookup";
import { escapeTemplate } from "../terraform-string";
import type { IniModel, IniValue } from "../../../provisioners/config/ini-model";
import type { RenderedFile } from "./rendered-file";

/** Recipe secret name -> the cloud's secret name, by suffix (the recipes' naming convention). */
const SECRET_RENAMES: readonly { readonly pattern: RegExp; readonly name: (m: RegExpMatchArray) => string }[] = [
  { pattern: /^admin$/, name: () => "admin" },
  { pattern: /^rabbit$/, name: () => "rabbit_password" },
  { pattern: /^nova_migration$/, name: () => "nova_migration_key_seed" },
  { pattern: /^(.+)_db$/, name: (m) => `${m[1]}_db_password` },
  { pattern: /^(.+)_keystone$/, name: (m) => `${m[1]}_service_password` },
];

export function cloudSecretName(recipeSecret: string, where: string): string {
  for (const r of SECRET_RENAMES) {
    const m = recipeSecret.match(r.pattern);
    if (m) return r.name(m);
  }
  throw new PolyvisorError("UnknownRecipeSecret", `the role recipe uses a secret polyvisor has no name for`, {
    where, value: recipeSecret, allowed: "admin, rabbit, nova_migration, <service>_db, <service>_keystone",
    fix: "name the recipe's secret after that convention, or add a rule to SECRET_RENAMES",
  });
}

function commonParams(cloud: CloudContext): Record<string, string> {
  return {
    controller_address: cloud.controlPlane.host.address,
    region: cloud.region,
    network_vlan_ranges: cloud.physicalNetworks.flatMap((p) => p.ml2VlanRanges).join(","),
  };
}

/** A stable, per-node libvirt host_uuid (live migration refuses two hosts with the same one). */
function hostUuid(path: string): string {
  const h = crypto.createHash("sha256").update(`polyvisor libvirt host_uuid ${path}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface BoundRecipe {
  readonly recipe: RoleRecipe;
  readonly bindings: RecipeBindings;
}

export function controlPlaneRecipe(cloud: CloudContext): BoundRecipe | undefined {
  const recipe = recipeForController(cloud.release);
  if (!recipe) return undefined;
  const where = cloud.controlPlane.node.path;
  return {
    recipe,
    bindings: {
      params: { ...commonParams(cloud), my_address: cloud.controlPlane.host.address },
      secretName: (s) => cloudSecretName(s, where),
      where,
    },
  };
}

export function computeNodeRecipe(cloud: CloudContext, node: ComputeNode): BoundRecipe | undefined {
  const recipe = recipeForCompute(cloud.release, node.driverId);
  if (!recipe) return undefined;
  const mappings = node.bridgeMappings;
  const where = node.node.path;
  return {
    recipe,
    bindings: {
      params: {
        ...commonParams(cloud),
        my_address: agentHost(node.deployment).address,
        bridge_mappings: Object.entries(mappings).map(([p, b]) => `${p}:${b}`).sort().join(","),
        physnet_bridges: [...new Set(Object.values(mappings))].sort().join(" "),
        libvirt_host_uuid: hostUuid(where),
      },
      secretName: (s) => cloudSecretName(s, where),
      where,
    },
  };
}

/** The procedure in the resource's terms: strings escaped for Terraform (placeholders stay literal). */
export function resourceProcedure(bound: BoundRecipe): RoleProcedure & { readonly secretNames: readonly string[] } {
  const p = roleProcedure(bound.recipe, bound.bindings);
  return {
    packages: p.packages,
    services: p.services,
    bootstrapCommands: p.bootstrapCommands.map(escapeTemplate),
    healthChecks: p.healthChecks.map(escapeTemplate),
    // Only the secrets the commands use: the files' secrets are collected from the files.
    secretNames: [...new Set(placeholdersIn([...p.bootstrapCommands, ...p.healthChecks].join("\n")).filter((x) => x.kind === "secret").map((x) => x.name))].sort(),
  };
}


/**
 * A rendered model with the recipe's keys it lacks (log dirs, worker counts, keystonemiddleware's
 * cache and service-token settings, ...): what the model decides (stores, service users, filters,
 * security groups) stays the model's; what the recipe proved necessary and the model does not say
 * is added.
 */
export function withRecipeKeys(model: IniModel, bound: BoundRecipe | undefined, path: string): IniModel {
  const sections = bound ? boundFiles(bound.recipe, bound.bindings).find((f) => f.path === path)?.file.sections : undefined;
  if (!sections) return model;
  const out: Record<string, Record<string, IniValue>> = Object.fromEntries(Object.entries(model).map(([s, kv]) => [s, { ...kv }]));
  for (const [section, keys] of Object.entries(sections)) {
    for (const [key, value] of Object.entries(keys)) if (out[section]?.[key] === undefined) (out[section] ??= {})[key] = value;
  }
  return out;
}

/** The recipe's whole files that no renderer produced (units, libvirt, MariaDB, nova-compute.conf). */
export function recipeOnlyFiles(bound: BoundRecipe | undefined, rendered: readonly RenderedFile[], generatedBy: (path: string) => string): RenderedFile[] {
  if (!bound) return [];
  const have = new Set(rendered.map((f) => f.path));
  return boundFiles(bound.recipe, bound.bindings)
    .filter((f) => !have.has(f.path))
    .map((f) => ({ path: f.path, content: renderRecipeFile(f, generatedBy(f.path)), mode: f.file.mode, owner: f.file.owner, group: f.file.group }));
}

/**
 * Each file with the services its change restarts, from the recipe's `restartOn` lists: a file no
 * service names restarts nothing (without a recipe the provider's default, every service, stays).
 */
export function withRestarts(files: readonly RenderedFile[], bound: BoundRecipe | undefined): RenderedFile[] {
  if (!bound) return [...files];
  return files.map((f) => ({ ...f, restarts: bound.recipe.services.filter((s) => s.restartOn.includes(f.path)).map((s) => s.unit) }));
}
