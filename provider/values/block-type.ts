// The value type of a schema block: attributes as they are, nested blocks by nesting mode
// (single/group -> object, list -> list(object), set -> set(object), map -> map(object)).
import { BlockSchema, BlockTypeSchema, CtyType } from "../schema";

const byNesting: { readonly [mode in BlockTypeSchema["nesting_mode"]]: (o: CtyType) => CtyType } = {
  single: (o) => o,
  group: (o) => o,
  list: (o) => ["list", o],
  set: (o) => ["set", o],
  map: (o) => ["map", o],
};

const cache = new WeakMap<BlockSchema, CtyType>();

export function blockType(block: BlockSchema): CtyType {
  let t = cache.get(block);
  if (!t) {
    const fields: { [name: string]: CtyType } = {};
    for (const [name, a] of Object.entries(block.attributes ?? {})) fields[name] = a.type;
    for (const [name, b] of Object.entries(block.block_types ?? {})) fields[name] = byNesting[b.nesting_mode](blockType(b.block));
    t = ["object", fields];
    cache.set(block, t);
  }
  return t;
}

/** Human form of a type for error messages: list(string), map(object), ... */
export function typeName(t: CtyType): string {
  if (typeof t === "string") return t;
  return t[0] === "object" ? "object" : `${t[0]}(${typeName(t[1] as CtyType)})`;
}
