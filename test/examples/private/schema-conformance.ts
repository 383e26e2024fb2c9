// Checks synthesized resources against polyvisor's provider schema (the single source of truth):
// every attribute known and settable, required ones present, blocks nested as declared, values of
// the declared type (a Terraform reference `${...}` stands for any type).
import type { BlockSchema, CtyType } from "../../../provider/schema";
import { providerSchemaJson } from "../../../provider/schema";

const META = new Set(["//", "depends_on", "lifecycle", "provider", "count", "for_each", "provisioner", "connection"]);
const isRef = (v: unknown) => typeof v === "string" && /^\$\{[^}]+\}$/.test(v);

function typeProblem(type: CtyType, v: unknown, where: string): string[] {
  if (isRef(v)) return [];
  if (type === "string") return typeof v === "string" ? [] : [`${where}: expected string, got ${JSON.stringify(v)}`];
  if (type === "number") return typeof v === "number" ? [] : [`${where}: expected number, got ${JSON.stringify(v)}`];
  if (type === "bool") return typeof v === "boolean" ? [] : [`${where}: expected bool, got ${JSON.stringify(v)}`];
  if (type === "dynamic") return [];
  const [kind, inner] = type as [string, CtyType];
  if (kind === "list" || kind === "set") {
    return Array.isArray(v) ? v.flatMap((x, i) => typeProblem(inner, x, `${where}[${i}]`)) : [`${where}: expected ${kind}`];
  }
  if (kind === "map") {
    return v && typeof v === "object" && !Array.isArray(v)
      ? Object.entries(v).flatMap(([k, x]) => typeProblem(inner, x, `${where}.${k}`))
      : [`${where}: expected map`];
  }
  return [];
}

function blockProblems(block: BlockSchema, value: Record<string, unknown>, where: string): string[] {
  const out: string[] = [];
  const attrs = block.attributes ?? {};
  const blocks = block.block_types ?? {};
  for (const [name, v] of Object.entries(value)) {
    if (META.has(name)) continue;
    const a = attrs[name];
    const b = blocks[name];
    if (a) {
      if (!a.optional && !a.required) out.push(`${where}.${name}: computed-only attribute set in configuration`);
      out.push(...typeProblem(a.type, v, `${where}.${name}`));
    } else if (b) {
      const items = b.nesting_mode === "single" ? [v] : Array.isArray(v) ? v : null;
      if (items === null) out.push(`${where}.${name}: block ${b.nesting_mode} expects a list`);
      else items.forEach((item, i) => out.push(...blockProblems(b.block, item as Record<string, unknown>, `${where}.${name}[${i}]`)));
    } else {
      out.push(`${where}.${name}: not in the schema`);
    }
  }
  for (const [name, a] of Object.entries(attrs)) if (a.required && !(name in value)) out.push(`${where}.${name}: required attribute missing`);
  return out;
}

export function schemaProblems(json: { resource: Record<string, Record<string, Record<string, unknown>>> }): string[] {
  const schemas = Object.values(providerSchemaJson().provider_schemas)[0].resource_schemas as Record<string, { block: BlockSchema }>;
  return Object.entries(json.resource).flatMap(([type, instances]) => {
    const schema = schemas[type];
    if (!schema) return [`${type}: resource type not in polyvisor's schema`];
    return Object.entries(instances).flatMap(([name, value]) => blockProblems(schema.block, value, `${type}.${name}`));
  });
}
