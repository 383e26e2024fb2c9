// VLAN ids and ranges: the limits live here, once.
export const VLAN_ID_MIN = 1;
export const VLAN_ID_MAX = 4094;

export interface VlanRange {
  /** First VLAN id of the range (inclusive). */
  readonly min: number;
  /** Last VLAN id of the range (inclusive). */
  readonly max: number;
}

export function isVlanId(id: number): boolean {
  return Number.isInteger(id) && id >= VLAN_ID_MIN && id <= VLAN_ID_MAX;
}

export function rangesOverlap(a: VlanRange, b: VlanRange): boolean {
  return a.min <= b.max && b.min <= a.max;
}

export function formatRange(r: VlanRange): string {
  return `${r.min}:${r.max}`;
}
