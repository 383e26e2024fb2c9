// The tfplugin6.Provider service: every RPC terraform 1.11 calls for managed resources and data
// sources. Values are decoded with the schema, handlers are looked up in the registry, and every
// failure becomes a diagnostic: a bad request never takes the plugin down.
import { PolyvisorError } from "../../provisioners/errors";
import { BlockSchema, dataSources, providerConfig, resources, ResourceDefinition } from "../schema";
import { collectSecrets, redactDiagnostics } from "../lifecycle/redact";
import { checkApplyKeptPlan, describeViolation } from "../lifecycle/apply-check";
import { Diagnostic, diagnosticsFromError, error } from "../lifecycle/diagnostics";
import { replacePaths, schemaDrivenPlan } from "../lifecycle/plan";
import { validateProviderConfig } from "./provider-config";
import { HandlerRegistry } from "../resources/registry";
import { ProviderContext } from "../resources/handler";
import { blockType, decodeJsonState, encodeMsgpack, isWhollyKnown, ObjectValue } from "../values";
import { schemaMessage } from "./schema-message";
import { attributePath, decodeObject, diagnosticMessage, DynamicValueMessage, encodeObject } from "./wire";

type Req = Record<string, any>;
type Decoder = (dv: DynamicValueMessage | undefined, block: BlockSchema) => ObjectValue | null;

export class ProviderService {
  private config: ObjectValue | null = null;
  private readonly stop = new AbortController();

  constructor(private readonly registry: HandlerRegistry, private readonly log: (line: string) => void) {}

  private get ctx(): ProviderContext {
    return { config: this.config, stopSignal: this.stop.signal, log: this.log };
  }

  /**
   * Runs one RPC body; anything thrown becomes diagnostics in the response's own field. The body
   * decodes values through `decode`, which also notes their sensitive strings: those are blanked
   * out of the diagnostics whatever a handler wrote.
   */
  private async guarded(
    context: string,
    body: (diags: Diagnostic[], decode: Decoder) => Promise<object> | object,
    fallback: object,
  ): Promise<object> {
    const diags: Diagnostic[] = [];
    const secrets = new Set<string>();
    const decode: Decoder = (dv, block) => {
      const value = decodeObject(dv, blockType(block));
      collectSecrets(block, value, secrets);
      return value;
    };
    let out: object;
    try {
      out = await body(diags, decode);
    } catch (err) {
      diags.push(...diagnosticsFromError(err, context));
      out = fallback;
    }
    return { ...out, diagnostics: redactDiagnostics(diags, secrets).map(diagnosticMessage) };
  }

  private definition(kind: "resource" | "data source", typeName: string): ResourceDefinition {
    const defs = kind === "resource" ? resources : dataSources;
    const def = defs[typeName];
    if (!def) {
      throw new PolyvisorError("UnknownResourceType", `polyvisor has no ${kind} type of this name`, {
        value: typeName,
        allowed: Object.keys(defs).join(", "),
        fix: "check the type name, or upgrade polyvisor if the type is newer than this build",
      });
    }
    return def;
  }

  private resourceHandler(typeName: string) {
    this.definition("resource", typeName);
    const handler = this.registry.resource(typeName);
    if (!handler) {
      throw new PolyvisorError("HandlerNotImplemented", `resource type ${typeName} is in polyvisor's schema but this build has no handler for it yet`, {
        allowed: this.registry.resourceTypes.join(", ") || "none",
        fix: "remove it from the configuration or use a polyvisor build that provides it",
      });
    }
    return handler;
  }

  private dataSourceHandler(typeName: string) {
    this.definition("data source", typeName);
    const handler = this.registry.dataSource(typeName);
    if (!handler) {
      throw new PolyvisorError("HandlerNotImplemented", `data source ${typeName} has no handler in this build of polyvisor`, {
        fix: "remove it from the configuration or use a polyvisor build that provides it",
      });
    }
    return handler;
  }

  GetMetadata = async () => ({
    server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
    resources: Object.keys(resources).map((type_name) => ({ type_name })),
    data_sources: Object.keys(dataSources).map((type_name) => ({ type_name })),
    diagnostics: [],
  });

  private schemaResponse?: object;

  GetProviderSchema = async () =>
    (this.schemaResponse ??= {
      provider: { version: 0, block: schemaMessage({ schema: { version: 0, block: providerConfig }, replaceOn: [] }).block },
      resource_schemas: Object.fromEntries(Object.entries(resources).map(([name, def]) => [name, schemaMessage(def)])),
      data_source_schemas: Object.fromEntries(Object.entries(dataSources).map(([name, def]) => [name, schemaMessage(def)])),
      server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
      diagnostics: [],
    });

  GetResourceIdentitySchemas = async () => ({ diagnostics: [] });
  GetFunctions = async () => ({ functions: {}, diagnostics: [] });

  ValidateProviderConfig = (req: Req) =>
    this.guarded("provider configuration", (diags, decode) => {
      const config = decode(req.config, providerConfig);
      if (config) diags.push(...validateProviderConfig(config));
      return {};
    }, {});

  ConfigureProvider = (req: Req) =>
    this.guarded("provider configuration", (diags, decode) => {
      this.config = decode(req.config, providerConfig);
      if (this.config) diags.push(...validateProviderConfig(this.config));
      this.log(`[INFO] configured by terraform ${req.terraform_version || "(unknown version)"}`);
      return {};
    }, {});

  ValidateResourceConfig = (req: Req) =>
    this.guarded(`${req.type_name || "(no type)"} configuration`, async (diags, decode) => {
      const handler = this.resourceHandler(req.type_name);
      const config = decode(req.config, handler.definition.schema.block);
      if (config && handler.validate) diags.push(...(await handler.validate(config, this.ctx)));
      return {};
    }, {});

  ValidateDataResourceConfig = (req: Req) =>
    this.guarded(`${req.type_name || "(no type)"} configuration`, async (diags, decode) => {
      const handler = this.dataSourceHandler(req.type_name);
      const config = decode(req.config, handler.definition.schema.block);
      if (config && handler.validate) diags.push(...(await handler.validate(config, this.ctx)));
      return {};
    }, {});

  UpgradeResourceState = (req: Req) =>
    this.guarded(`${req.type_name} state upgrade`, () => {
      const def = this.definition("resource", req.type_name);
      const type = blockType(def.schema.block);
      if (req.version > def.schema.version) {
        throw new Error(`state of ${req.type_name} has schema version ${req.version}, newer than this provider's ${def.schema.version}: upgrade polyvisor`);
      }
      const raw = req.raw_state ?? { json: Buffer.alloc(0), flatmap: {} };
      if (raw.json.length === 0) throw new Error("state in the legacy flatmap format is not supported: polyvisor never wrote it");
      const state = decodeJsonState(raw.json, type);
      return { upgraded_state: { msgpack: encodeMsgpack(state, type) } };
    }, {});

  ReadResource = (req: Req) =>
    this.guarded(`reading ${req.type_name}`, async (_diags, decode) => {
      const handler = this.resourceHandler(req.type_name);
      const type = blockType(handler.definition.schema.block);
      const state = decode(req.current_state, handler.definition.schema.block);
      const fresh = state === null ? null : await handler.read(state, this.ctx);
      return { new_state: encodeObject(fresh, type), private: req.private };
    }, { new_state: req.current_state, private: req.private });

  PlanResourceChange = (req: Req) =>
    this.guarded(`planning ${req.type_name}`, async (diags, decode) => {
      const handler = this.resourceHandler(req.type_name);
      const def = handler.definition;
      const type = blockType(def.schema.block);
      const prior = decode(req.prior_state, def.schema.block);
      const proposed = decode(req.proposed_new_state, def.schema.block);
      const config = decode(req.config, def.schema.block);
      if (proposed === null || config === null) return { planned_state: encodeObject(null, type), requires_replace: [] };
      let planned = schemaDrivenPlan(def.schema.block, prior, proposed);
      const extraReplace: (readonly (string | number | { key: string })[])[] = [];
      if (handler.plan) {
        const result = await handler.plan({ prior, proposed, config, planned }, this.ctx);
        planned = result.planned;
        diags.push(...(result.diagnostics ?? []));
        extraReplace.push(...(result.requiresReplace ?? []));
      }
      const replace = prior === null ? [] : [...replacePaths(def, prior, planned), ...extraReplace];
      return { planned_state: encodeObject(planned, type), requires_replace: replace.map(attributePath), planned_private: req.prior_private };
    }, {});

  ApplyResourceChange = (req: Req) => {
    const fallback: { new_state?: { msgpack: Uint8Array } | DynamicValueMessage } = { new_state: req.prior_state };
    return this.guarded(`applying ${req.type_name}`, async (diags, decode) => {
      const handler = this.resourceHandler(req.type_name);
      const block = handler.definition.schema.block;
      const type = blockType(block);
      const prior = decode(req.prior_state, block);
      const planned = decode(req.planned_state, block);
      const config = decode(req.config, block);
      if (prior === null) fallback.new_state = encodeObject(null, type);
      if (planned === null) {
        if (prior !== null) await handler.delete(prior, this.ctx);
        return { new_state: encodeObject(null, type) };
      }
      const applied =
        prior === null
          ? await handler.create(planned, config ?? planned, this.ctx)
          : await handler.update(prior, planned, config ?? planned, this.ctx);
      for (const v of checkApplyKeptPlan(planned, applied, type)) {
        diags.push(error(`polyvisor bug in ${req.type_name}: apply did not keep the plan`, describeViolation(v), v.path));
      }
      return { new_state: encodeObject(applied, type), private: req.planned_private };
    }, fallback);
  };

  ImportResourceState = (req: Req) =>
    this.guarded(`importing ${req.type_name} "${req.id}"`, async () => {
      const handler = this.resourceHandler(req.type_name);
      const type = blockType(handler.definition.schema.block);
      const state = await handler.import(req.id, this.ctx);
      return { imported_resources: [{ type_name: req.type_name, state: encodeObject(state, type) }] };
    }, { imported_resources: [] });

  MoveResourceState = (req: Req) =>
    this.guarded(`moving ${req.source_type_name} to ${req.target_type_name}`, () => {
      throw new Error("polyvisor resources cannot be moved between resource types; use terraform import on the new type instead");
    }, {});

  ReadDataSource = (req: Req) =>
    this.guarded(`reading data source ${req.type_name}`, async (diags, decode) => {
      const handler = this.dataSourceHandler(req.type_name);
      const type = blockType(handler.definition.schema.block);
      const config = decode(req.config, handler.definition.schema.block);
      if (config === null) throw new Error("no configuration given");
      const state = await handler.read(config, this.ctx);
      if (!isWhollyKnown(state)) diags.push(error(`polyvisor bug in ${req.type_name}: read left unknown values`));
      return { state: encodeObject(state, type) };
    }, {});

  StopProvider = async () => {
    this.stop.abort();
    this.log("[INFO] stop requested by terraform");
    return { Error: "" };
  };
}
