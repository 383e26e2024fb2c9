// A Neutron physical network (physnet): the VLAN ranges tenants may draw from and the OVS bridge
// that reaches it on each host (`bridge_mappings`, overridable per compute node).
import { Construct } from "constructs";
import { addCheck, fail } from "../private/validation";
import { findCloud } from "../private/cloud-lookup";
import { VLAN_ID_MAX, VLAN_ID_MIN, VlanRange, formatRange, isVlanId, rangesOverlap } from "./vlan-range";

export interface PhysicalNetworkOptions {
  /** Physnet name as Neutron knows it (`physical_network`). */
  readonly name: string;
  /** Tenant VLAN ranges on this physnet (`network_vlan_ranges`); none means provider networks only. */
  readonly vlanRanges?: readonly VlanRange[];
  /** OVS bridge that reaches the physnet on each host (default `br-<name>`). */
  readonly bridge?: string;
  /** MTU of the physnet (`physical_network_mtus`), when not 1500. */
  readonly mtu?: number;
}

export interface PhysicalNetworkProps extends PhysicalNetworkOptions {}

const PHYSNET_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export class PhysicalNetwork extends Construct {
  readonly name: string;
  readonly bridge: string;
  readonly mtu?: number;
  private readonly ranges: VlanRange[] = [];

  constructor(scope: Construct, id: string, props: PhysicalNetworkProps) {
    super(scope, id);
    if (!PHYSNET_NAME.test(props.name)) {
      fail(this, {
        code: "InvalidPhysicalNetworkName", summary: "physnet name is not usable in ml2_conf.ini", prop: "name",
        value: props.name, allowed: "1-64 of A-Z a-z 0-9 _ . -", fix: "rename the physnet",
      });
    }
    this.name = props.name;
    this.bridge = props.bridge ?? `br-${props.name}`.slice(0, 15);
    this.mtu = props.mtu;
    for (const r of props.vlanRanges ?? []) this.addVlanRange(r);
    addCheck(this, () => this.overlaps());
    findCloud(this).register(this);
    addCheck(this, () => this.duplicates());
  }

  /** Adds a tenant VLAN range; ids are checked at once, overlaps at synth. */
  addVlanRange(range: VlanRange): void {
    for (const [prop, id] of [["min", range.min], ["max", range.max]] as const) {
      if (!isVlanId(id)) {
        fail(this, {
          code: "VlanIdOutOfRange", summary: "VLAN range bound is not a VLAN id", prop: `vlanRanges.${prop}`, value: id,
          allowed: `integers ${VLAN_ID_MIN}..${VLAN_ID_MAX}`, fix: "use a VLAN id your switches carry on this physnet",
        });
      }
    }
    if (range.min > range.max) {
      fail(this, {
        code: "VlanRangeReversed", summary: "VLAN range starts after it ends", prop: "vlanRanges", value: formatRange(range),
        allowed: "min <= max", fix: `write ${range.max}:${range.min} as { min: ${range.max}, max: ${range.min} }`,
      });
    }
    this.ranges.push({ min: range.min, max: range.max });
  }

  get vlanRanges(): readonly VlanRange[] {
    return this.ranges;
  }

  /** `physnet1:100:199` entries for ml2 `network_vlan_ranges` (a bare name when no ranges). */
  get ml2VlanRanges(): readonly string[] {
    return this.ranges.length === 0 ? [this.name] : this.ranges.map((r) => `${this.name}:${formatRange(r)}`);
  }

  private overlaps() {
    const out = [];
    for (let i = 0; i < this.ranges.length; i++) {
      for (let j = i + 1; j < this.ranges.length; j++) {
        const [a, b] = [this.ranges[i], this.ranges[j]];
        if (rangesOverlap(a, b)) {
          out.push({
            code: "VlanRangesOverlap", summary: `VLAN ranges ${formatRange(a)} and ${formatRange(b)} overlap on physnet ${this.name}`,
            prop: "vlanRanges", value: [formatRange(a), formatRange(b)], allowed: "disjoint ranges per physnet",
            fix: "merge the ranges into one or make them disjoint",
          });
        }
      }
    }
    return out;
  }

  private duplicates() {
    const cloud = findCloud(this);
    const first = cloud.physicalNetworks.find((p) => p.name === this.name);
    if (first === this) return [];
    return [{
      code: "DuplicatePhysicalNetwork", summary: `physnet ${this.name} is defined twice`, prop: "name", value: this.name,
      allowed: "one PhysicalNetwork per physnet name", fix: `add the ranges to ${first?.node.path} instead`,
    }];
  }
}
