// The contract between the provider's protocol layer and the code that knows one resource type or
// data source. The protocol layer decodes values, runs the schema-driven defaults of plan (computed
// values unknown, requires_replace from the schema's `replaceOn`), checks that apply kept the plan,
// and turns thrown errors into diagnostics; a handler only says what is specific to its type.
import { ResourceDefinition } from "../schema";
import { Diagnostic } from "../lifecycle/diagnostics";
import { PathStep, ObjectValue } from "../values";

/** What every handler call may use: the provider configuration and a stop signal. */
export interface ProviderContext {
  /** The provider block's configuration (null until ConfigureProvider). */
  readonly config: ObjectValue | null;
  /** Aborted when terraform asks the provider to stop (Ctrl-C). */
  readonly stopSignal: AbortSignal;
  /** Log one line to terraform's log. Never pass configuration values: they may be secrets. */
  readonly log: (line: string) => void;
}

export interface PlanRequest {
  readonly prior: ObjectValue | null;
  readonly config: ObjectValue;
  readonly proposed: ObjectValue;
  /** The schema-driven plan so far; the handler returns it, possibly refined (defaults, derived values). */
  readonly planned: ObjectValue;
}

export interface PlanResult {
  readonly planned: ObjectValue;
  /** Extra attribute paths that force replacement, beyond the schema's `replaceOn`. */
  readonly requiresReplace?: readonly (readonly PathStep[])[];
  readonly diagnostics?: readonly Diagnostic[];
}

export interface ResourceHandler {
  readonly typeName: string;
  readonly definition: ResourceDefinition;
  /** Side-effect-free checks of a configuration (values may be unknown). */
  validate?(config: ObjectValue, ctx: ProviderContext): readonly Diagnostic[] | Promise<readonly Diagnostic[]>;
  /** Refines the plan of a create or update; absent: the schema-driven plan stands. */
  plan?(req: PlanRequest, ctx: ProviderContext): PlanResult | Promise<PlanResult>;
  /** Makes the planned object real and returns it with every unknown filled. */
  create(planned: ObjectValue, config: ObjectValue, ctx: ProviderContext): Promise<ObjectValue>;
  update(prior: ObjectValue, planned: ObjectValue, config: ObjectValue, ctx: ProviderContext): Promise<ObjectValue>;
  delete(prior: ObjectValue, ctx: ProviderContext): Promise<void>;
  /** The object as it is in the real world now, or null when it is gone. */
  read(state: ObjectValue, ctx: ProviderContext): Promise<ObjectValue | null>;
  /** The state of an existing object found by the id given to `terraform import`. */
  import(id: string, ctx: ProviderContext): Promise<ObjectValue>;
}

export interface DataSourceHandler {
  readonly typeName: string;
  readonly definition: ResourceDefinition;
  validate?(config: ObjectValue, ctx: ProviderContext): readonly Diagnostic[] | Promise<readonly Diagnostic[]>;
  /** Fills every computed attribute of the configuration. */
  read(config: ObjectValue, ctx: ProviderContext): Promise<ObjectValue>;
}
