// A small vocabulary for writing the provider schema. The schema is kept in the shape of
// `terraform providers schema -json` (which @cdktf/provider-generator consumes) plus one thing
// that format cannot carry: which attributes force replacement when they change.

export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | ["list" | "set" | "map", CtyType]
  | ["object", { [name: string]: CtyType }];

export interface AttributeSchema {
  readonly type: CtyType;
  readonly description: string;
  readonly description_kind: "plain";
  readonly required?: true;
  readonly optional?: true;
  readonly computed?: true;
  readonly sensitive?: true;
}

export interface BlockTypeSchema {
  readonly nesting_mode: "single" | "list" | "set" | "map" | "group";
  readonly block: BlockSchema;
  readonly min_items?: number;
  readonly max_items?: number;
}

export interface BlockSchema {
  readonly attributes?: { [name: string]: AttributeSchema };
  readonly block_types?: { [name: string]: BlockTypeSchema };
  readonly description?: string;
  readonly description_kind: "plain";
}

export interface ResourceSchema {
  readonly version: number;
  readonly block: BlockSchema;
}

/** One resource or data source: its schema plus polyvisor's plan rules. */
export interface ResourceDefinition {
  readonly schema: ResourceSchema;
  /** Attribute paths (top-level names, or `block.attr`) whose change forces a new resource. */
  readonly replaceOn: readonly string[];
}

interface Flags {
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
}

function attr(type: CtyType, description: string, flags: Flags): AttributeSchema {
  const out: Record<string, unknown> = { type, description, description_kind: "plain" };
  if (flags.required) out.required = true;
  if (flags.optional) out.optional = true;
  if (flags.computed) out.computed = true;
  if (flags.sensitive) out.sensitive = true;
  if (!flags.required && !flags.optional && !flags.computed) {
    throw new Error(`schema: attribute "${description}" must be required, optional or computed`);
  }
  return out as unknown as AttributeSchema;
}

export const required = (type: CtyType, description: string, extra: Flags = {}) =>
  attr(type, description, { ...extra, required: true });
export const optional = (type: CtyType, description: string, extra: Flags = {}) =>
  attr(type, description, { ...extra, optional: true });
/** Optional with a provider-chosen default (optional + computed). */
export const defaulted = (type: CtyType, description: string, extra: Flags = {}) =>
  attr(type, description, { ...extra, optional: true, computed: true });
export const computed = (type: CtyType, description: string, extra: Flags = {}) =>
  attr(type, description, { ...extra, computed: true });

export function block(
  description: string,
  attributes: { [name: string]: AttributeSchema },
  blockTypes: { [name: string]: BlockTypeSchema } = {},
): BlockSchema {
  const out: { -readonly [K in keyof BlockSchema]: BlockSchema[K] } = {
    attributes,
    description,
    description_kind: "plain",
  };
  if (Object.keys(blockTypes).length > 0) out.block_types = blockTypes;
  return out;
}

export const nested = (
  nesting_mode: BlockTypeSchema["nesting_mode"],
  inner: BlockSchema,
  limits: { min_items?: number; max_items?: number } = {},
): BlockTypeSchema => ({ nesting_mode, block: inner, ...limits });

export const resource = (
  description: string,
  attributes: { [name: string]: AttributeSchema },
  blockTypes: { [name: string]: BlockTypeSchema } = {},
  replaceOn: readonly string[] = [],
  version = 0,
): ResourceDefinition => ({
  schema: { version, block: block(description, attributes, blockTypes) },
  replaceOn,
});
