// provider/schema (JSON shape of `terraform providers schema -json`) -> tfplugin6 Schema messages.
import { BlockSchema, BlockTypeSchema, ResourceDefinition } from "../schema";

const NESTING: { readonly [mode in BlockTypeSchema["nesting_mode"]]: number } = { single: 1, list: 2, set: 3, map: 4, group: 5 };

/** Terraform wants a single block's limits equal: 1/1 for a required block, 0/0 otherwise. */
function itemLimits(b: BlockTypeSchema): { min_items: number; max_items: number } {
  if (b.nesting_mode === "single" || b.nesting_mode === "group") {
    const n = b.min_items === 1 ? 1 : 0;
    return { min_items: n, max_items: n };
  }
  return { min_items: b.min_items ?? 0, max_items: b.max_items ?? 0 };
}

export function blockMessage(block: BlockSchema, version = 0): object {
  return {
    version,
    description: block.description ?? "",
    description_kind: 0,
    attributes: Object.entries(block.attributes ?? {}).map(([name, a]) => ({
      name,
      type: Buffer.from(JSON.stringify(a.type), "utf8"),
      description: a.description,
      description_kind: 0,
      required: a.required === true,
      optional: a.optional === true,
      computed: a.computed === true,
      sensitive: a.sensitive === true,
    })),
    block_types: Object.entries(block.block_types ?? {}).map(([name, b]) => ({
      type_name: name,
      block: blockMessage(b.block),
      nesting: NESTING[b.nesting_mode],
      ...itemLimits(b),
    })),
  };
}

export const schemaMessage = (def: ResourceDefinition) => ({ version: def.schema.version, block: blockMessage(def.schema.block, def.schema.version) });
