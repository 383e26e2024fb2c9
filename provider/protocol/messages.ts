// Message descriptors for the hand-written protobuf codec, mirroring proto/*.proto field for field
// (test/provider/protocol/messages.test.ts parses the .proto files and checks both agree).
import { FieldDescriptor, MessageType, Scalar } from "./private/protobuf";

type FieldType = FieldDescriptor["type"];

function message(name: string, fields: Array<[string, number, FieldType, ("repeated" | "oneof")?]>): MessageType {
  return {
    name,
    fields: fields.map(([fieldName, no, type, flag]) => ({ name: fieldName, no, type, repeated: flag === "repeated", oneof: flag === "oneof" })),
  };
}
const ref = (get: () => MessageType) => get;
const mapOf = (t: Scalar | (() => MessageType)) => ({ mapOf: t });

export const DynamicValue = message("DynamicValue", [["msgpack", 1, "bytes"], ["json", 2, "bytes"]]);
export const AttributePathStep = message("AttributePath.Step", [
  ["attribute_name", 1, "string", "oneof"],
  ["element_key_string", 2, "string", "oneof"],
  ["element_key_int", 3, "int64", "oneof"],
]);
export const AttributePath = message("AttributePath", [["steps", 1, ref(() => AttributePathStep), "repeated"]]);
export const Diagnostic = message("Diagnostic", [
  ["severity", 1, "enum"],
  ["summary", 2, "string"],
  ["detail", 3, "string"],
  ["attribute", 4, ref(() => AttributePath)],
]);
export const RawState = message("RawState", [["json", 1, "bytes"], ["flatmap", 2, mapOf("string")]]);

export const SchemaAttribute = message("Schema.Attribute", [
  ["name", 1, "string"],
  ["type", 2, "bytes"],
  ["description", 3, "string"],
  ["required", 4, "bool"],
  ["optional", 5, "bool"],
  ["computed", 6, "bool"],
  ["sensitive", 7, "bool"],
  ["description_kind", 8, "enum"],
  ["deprecated", 9, "bool"],
]);
export const SchemaBlock: MessageType = message("Schema.Block", [
  ["version", 1, "int64"],
  ["attributes", 2, ref(() => SchemaAttribute), "repeated"],
  ["block_types", 3, ref(() => SchemaNestedBlock), "repeated"],
  ["description", 4, "string"],
  ["description_kind", 5, "enum"],
  ["deprecated", 6, "bool"],
]);
export const SchemaNestedBlock: MessageType = message("Schema.NestedBlock", [
  ["type_name", 1, "string"],
  ["block", 2, ref(() => SchemaBlock)],
  ["nesting", 3, "enum"],
  ["min_items", 4, "int64"],
  ["max_items", 5, "int64"],
]);
export const Schema = message("Schema", [["version", 1, "int64"], ["block", 2, ref(() => SchemaBlock)]]);

export const ServerCapabilities = message("ServerCapabilities", [
  ["plan_destroy", 1, "bool"],
  ["get_provider_schema_optional", 2, "bool"],
  ["move_resource_state", 3, "bool"],
]);
export const ClientCapabilities = message("ClientCapabilities", [
  ["deferral_allowed", 1, "bool"],
  ["write_only_attributes_allowed", 2, "bool"],
]);
const Empty = message("Empty", []);
const TypeName = message("TypeName", [["type_name", 1, "string"]]);
const diagnostics = (no: number): [string, number, FieldType, "repeated"] => ["diagnostics", no, ref(() => Diagnostic), "repeated"];
const dyn = (name: string, no: number): [string, number, FieldType] => [name, no, ref(() => DynamicValue)];
const clientCaps = (no: number): [string, number, FieldType] => ["client_capabilities", no, ref(() => ClientCapabilities)];

/** One RPC: request and response message types. */
export interface Method {
  readonly request: MessageType;
  readonly response: MessageType;
}
const rpc = (name: string, req: Parameters<typeof message>[1], res: Parameters<typeof message>[1]): Method => ({
  request: message(`${name}.Request`, req),
  response: message(`${name}.Response`, res),
});

export const providerMethods = {
  GetMetadata: rpc("GetMetadata", [], [
    ["server_capabilities", 1, ref(() => ServerCapabilities)],
    diagnostics(2),
    ["data_sources", 3, ref(() => TypeName), "repeated"],
    ["resources", 4, ref(() => TypeName), "repeated"],
  ]),
  GetProviderSchema: rpc("GetProviderSchema", [], [
    ["provider", 1, ref(() => Schema)],
    ["resource_schemas", 2, mapOf(ref(() => Schema))],
    ["data_source_schemas", 3, mapOf(ref(() => Schema))],
    diagnostics(4),
    ["provider_meta", 5, ref(() => Schema)],
    ["server_capabilities", 6, ref(() => ServerCapabilities)],
  ]),
  ValidateProviderConfig: rpc("ValidateProviderConfig", [dyn("config", 1)], [diagnostics(2)]),
  UpgradeResourceState: rpc(
    "UpgradeResourceState",
    [["type_name", 1, "string"], ["version", 2, "int64"], ["raw_state", 3, ref(() => RawState)]],
    [dyn("upgraded_state", 1), diagnostics(2)],
  ),
  GetResourceIdentitySchemas: rpc("GetResourceIdentitySchemas", [], [diagnostics(2)]),
  ValidateResourceConfig: rpc("ValidateResourceConfig", [["type_name", 1, "string"], dyn("config", 2), clientCaps(3)], [diagnostics(1)]),
  ValidateDataResourceConfig: rpc("ValidateDataResourceConfig", [["type_name", 1, "string"], dyn("config", 2)], [diagnostics(1)]),
  ConfigureProvider: rpc("ConfigureProvider", [["terraform_version", 1, "string"], dyn("config", 2), clientCaps(3)], [diagnostics(1)]),
  ReadResource: rpc(
    "ReadResource",
    [["type_name", 1, "string"], dyn("current_state", 2), ["private", 3, "bytes"], dyn("provider_meta", 4), clientCaps(5)],
    [dyn("new_state", 1), diagnostics(2), ["private", 3, "bytes"]],
  ),
  PlanResourceChange: rpc(
    "PlanResourceChange",
    [
      ["type_name", 1, "string"],
      dyn("prior_state", 2),
      dyn("proposed_new_state", 3),
      dyn("config", 4),
      ["prior_private", 5, "bytes"],
      dyn("provider_meta", 6),
      clientCaps(7),
    ],
    [dyn("planned_state", 1), ["requires_replace", 2, ref(() => AttributePath), "repeated"], ["planned_private", 3, "bytes"], diagnostics(4)],
  ),
  ApplyResourceChange: rpc(
    "ApplyResourceChange",
    [
      ["type_name", 1, "string"],
      dyn("prior_state", 2),
      dyn("planned_state", 3),
      dyn("config", 4),
      ["planned_private", 5, "bytes"],
      dyn("provider_meta", 6),
    ],
    [dyn("new_state", 1), ["private", 2, "bytes"], diagnostics(3)],
  ),
  ImportResourceState: rpc(
    "ImportResourceState",
    [["type_name", 1, "string"], ["id", 2, "string"], clientCaps(3)],
    [["imported_resources", 1, ref(() => ImportedResource), "repeated"], diagnostics(2)],
  ),
  MoveResourceState: rpc(
    "MoveResourceState",
    [
      ["source_provider_address", 1, "string"],
      ["source_type_name", 2, "string"],
      ["source_schema_version", 3, "int64"],
      ["source_state", 4, ref(() => RawState)],
      ["target_type_name", 5, "string"],
      ["source_private", 6, "bytes"],
    ],
    [dyn("target_state", 1), diagnostics(2), ["target_private", 3, "bytes"]],
  ),
  ReadDataSource: rpc(
    "ReadDataSource",
    [["type_name", 1, "string"], dyn("config", 2), dyn("provider_meta", 3), clientCaps(4)],
    [dyn("state", 1), diagnostics(2)],
  ),
  GetFunctions: rpc("GetFunctions", [], [["functions", 1, mapOf(ref(() => Empty))], diagnostics(2)]),
  StopProvider: rpc("StopProvider", [], [["Error", 1, "string"]]),
} satisfies Record<string, Method>;

export const ImportedResource = message("ImportResourceState.ImportedResource", [
  ["type_name", 1, "string"],
  dyn("state", 2),
  ["private", 3, "bytes"],
]);

export const StdioData = message("StdioData", [["channel", 1, "enum"], ["data", 2, "bytes"]]);
export const ConnInfo = message("ConnInfo", [["service_id", 1, "int64"], ["network", 2, "string"], ["address", 3, "string"]]);

export const goPluginMethods = {
  "plugin.GRPCController/Shutdown": { request: Empty, response: Empty },
  "plugin.GRPCStdio/StreamStdio": { request: Empty, response: StdioData },
  "plugin.GRPCBroker/StartStream": { request: ConnInfo, response: ConnInfo },
  "grpc.health.v1.Health/Check": {
    request: message("HealthCheckRequest", [["service", 1, "string"]]),
    response: message("HealthCheckResponse", [["status", 1, "enum"]]),
  },
} satisfies Record<string, Method>;
