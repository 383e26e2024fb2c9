// A nova host aggregate, optionally exposed as an availability zone. Its metadata is what flavors
// pin to (`aggregate_instance_extra_specs:<key>`).
import { Construct } from "constructs";
import { AggregateResource } from "../private/bindings";
import { findCloud } from "../private/cloud-lookup";
import { Lazy } from "../private/cdktf";
import { Problem, addCheck, fail } from "../private/validation";
import type { ComputeNode } from "../compute-node";

export interface HostAggregateOptions {
  /** Aggregate name, unique in the cloud. */
  readonly name: string;
  /** Expose the aggregate as this availability zone. */
  readonly availabilityZone?: string;
  /** Metadata flavors pin to; `polyvisor_aggregate=<name>` is always added. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly computeNodes?: readonly ComputeNode[];
}
export interface HostAggregateProps extends HostAggregateOptions {}

/** The metadata key every polyvisor aggregate carries, so a flavor can always pin to exactly one. */
export const AGGREGATE_KEY = "polyvisor_aggregate";

export class HostAggregate extends Construct {
  readonly name: string;
  readonly availabilityZone?: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly resource: AggregateResource;
  private readonly nodes: ComputeNode[] = [];

  constructor(scope: Construct, id: string, props: HostAggregateProps) {
    super(scope, id);
    if (props.metadata && AGGREGATE_KEY in props.metadata) {
      fail(this, {
        code: "ReservedAggregateMetadata", summary: `metadata key ${AGGREGATE_KEY} is set by polyvisor`, prop: "metadata",
        value: props.metadata[AGGREGATE_KEY], allowed: "any other key", fix: `remove ${AGGREGATE_KEY} from metadata`,
      });
    }
    this.name = props.name;
    this.availabilityZone = props.availabilityZone;
    this.metadata = { ...props.metadata, [AGGREGATE_KEY]: props.name };
    for (const n of props.computeNodes ?? []) this.addComputeNode(n);
    this.resource = new AggregateResource(this, "Resource", {
      name: props.name,
      availabilityZone: props.availabilityZone,
      metadata: { ...this.metadata },
      // References, not names: nova adds a host to an aggregate only once its nova-compute is up, so
      // the aggregate must wait for the compute node resources.
      hosts: Lazy.listValue({ produce: () => this.nodes.map((n) => n.resource.name) }),
      auth: findCloud(this).apiAuth,
    });
    addCheck(this, () => this.checks());
    findCloud(this).register(this);
  }

  addComputeNode(node: ComputeNode): void {
    if (!this.nodes.includes(node)) this.nodes.push(node);
  }

  get computeNodes(): readonly ComputeNode[] {
    return this.nodes;
  }

  private checks(): Problem[] {
    const out: Problem[] = [];
    const baremetal = this.nodes.filter((n) => n.isBaremetal);
    const virtual = this.nodes.filter((n) => !n.isBaremetal);
    if (baremetal.length > 0 && virtual.length > 0) {
      out.push({
        code: "MixedBaremetalAndVirtual", summary: "aggregate mixes Ironic (bare metal) and VM hypervisors",
        prop: "computeNodes", value: { baremetal: baremetal.map((n) => n.name), virtual: virtual.map((n) => `${n.name} (${n.driverId})`) },
        allowed: "only Ironic nodes, or only VM hypervisors, per aggregate",
        fix: "put the Ironic nodes in their own aggregate (and availability zone)",
      });
    }
    const dup = findCloud(this).aggregates.find((a) => a.name === this.name);
    if (dup && dup !== this) {
      out.push({
        code: "DuplicateAggregateName", summary: "two aggregates share a name", prop: "name", value: this.name,
        allowed: "unique aggregate names", fix: `rename this aggregate or ${dup.node.path}`,
      });
    }
    return out;
  }
}
