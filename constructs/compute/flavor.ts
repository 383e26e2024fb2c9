// A nova flavor, optionally pinned to a host aggregate through extra specs
// (`aggregate_instance_extra_specs:<key>` = the aggregate's metadata).
import { Construct } from "constructs";
import { FlavorResource } from "../private/bindings";
import { findCloud } from "../private/cloud-lookup";
import { Problem, addCheck, fail } from "../private/validation";
import { HostAggregate } from "./aggregate";

export interface FlavorOptions {
  readonly name: string;
  readonly vcpus: number;
  readonly ramMb: number;
  /** Root disk in GiB; 0 makes the flavor volume-backed (boot from volume). */
  readonly diskGb: number;
  readonly ephemeralGb?: number;
  readonly isPublic?: boolean;
  /** Pin the flavor to this aggregate (its metadata becomes extra specs). */
  readonly aggregate?: HostAggregate;
  readonly extraSpecs?: Readonly<Record<string, string>>;
}
export interface FlavorProps extends FlavorOptions {}

const POSITIVE: readonly (keyof FlavorOptions)[] = ["vcpus", "ramMb"];
const NON_NEGATIVE: readonly (keyof FlavorOptions)[] = ["diskGb", "ephemeralGb"];

export class Flavor extends Construct {
  readonly name: string;
  readonly aggregate?: HostAggregate;
  readonly volumeBacked: boolean;
  readonly resource: FlavorResource;

  constructor(scope: Construct, id: string, props: FlavorProps) {
    super(scope, id);
    for (const [props_, min] of [[POSITIVE, 1], [NON_NEGATIVE, 0]] as const) {
      for (const prop of props_) {
        const v = props[prop] as number | undefined;
        if (v !== undefined && (!Number.isInteger(v) || v < min)) {
          fail(this, {
            code: "InvalidFlavorSize", summary: `${prop} must be a whole number >= ${min}`, prop, value: v,
            allowed: `integers >= ${min}`, fix: `set ${prop} to a whole number`,
          });
        }
      }
    }
    this.name = props.name;
    this.aggregate = props.aggregate;
    this.volumeBacked = props.diskGb === 0;
    const pins = Object.fromEntries(
      Object.entries(props.aggregate?.metadata ?? {}).map(([k, v]) => [`aggregate_instance_extra_specs:${k}`, v]),
    );
    const extraSpecs = { ...props.extraSpecs, ...pins };
    this.resource = new FlavorResource(this, "Resource", {
      name: props.name,
      vcpus: props.vcpus,
      ramMb: props.ramMb,
      diskGb: props.diskGb,
      ephemeralGb: props.ephemeralGb,
      isPublic: props.isPublic,
      extraSpecs: Object.keys(extraSpecs).length > 0 ? extraSpecs : undefined,
      auth: findCloud(this).apiAuth,
    });
    addCheck(this, () => this.checks());
  }

  private checks(): Problem[] {
    const agg = this.aggregate;
    if (!agg) return [];
    const out: Problem[] = [];
    if (agg.computeNodes.length === 0) {
      out.push({
        code: "FlavorAggregateEmpty", summary: `flavor is pinned to aggregate ${agg.name}, which has no hosts`, prop: "aggregate",
        value: agg.name, allowed: "an aggregate with at least one compute node",
        fix: `add compute nodes to ${agg.node.path} or pin the flavor elsewhere`,
      });
    }
    if (this.volumeBacked) {
      const noVolumes = agg.computeNodes.filter((n) => !n.supportsVolumes);
      if (noVolumes.length > 0) {
        out.push({
          code: "VolumesNotSupported", summary: `volume-backed flavor (diskGb 0) is pinned to aggregate ${agg.name}, whose hypervisors cannot attach volumes`,
          prop: "diskGb", value: noVolumes.map((n) => `${n.name} (${n.driverId})`),
          allowed: "diskGb > 0 on LXC, Docker, Ironic and other drivers without volume support",
          fix: "give the flavor a root disk (diskGb > 0) or pin it to an aggregate of hypervisors with volume support",
        });
      }
    }
    return out;
  }
}
