// What each Neutron network type needs: a physical network or not, a segmentation id or not, and
// its range. One table, checked at validate time, so `terraform validate` says what Neutron would
// otherwise refuse at apply.
import { Diagnostic, error } from "../../lifecycle/diagnostics";
import { ObjectValue } from "../../values";

export interface NetworkTypeRule {
  readonly physicalNetwork: "required" | "forbidden" | "optional";
  readonly segmentation: "required" | "forbidden" | "optional";
  readonly segmentationRange?: readonly [number, number];
  readonly rangeName?: string;
}

export const NETWORK_TYPES: { readonly [type: string]: NetworkTypeRule } = {
  flat: { physicalNetwork: "required", segmentation: "forbidden" },
  vlan: { physicalNetwork: "required", segmentation: "optional", segmentationRange: [1, 4094], rangeName: "VLAN id" },
  vxlan: { physicalNetwork: "forbidden", segmentation: "optional", segmentationRange: [1, 16777215], rangeName: "VNI" },
  geneve: { physicalNetwork: "forbidden", segmentation: "optional", segmentationRange: [1, 16777215], rangeName: "VNI" },
  gre: { physicalNetwork: "forbidden", segmentation: "optional", segmentationRange: [1, 4294967295], rangeName: "tunnel key" },
  local: { physicalNetwork: "forbidden", segmentation: "forbidden" },
};

export function checkNetworkType(typeName: string, config: ObjectValue): Diagnostic[] {
  const type = config.network_type;
  if (typeof type !== "string") return [];
  const rule = NETWORK_TYPES[type];
  if (!rule) {
    return [error(`${typeName}: unknown network_type`, `Got ${JSON.stringify(type)}. Allowed: ${Object.keys(NETWORK_TYPES).join(", ")}.`, ["network_type"])];
  }
  const out: Diagnostic[] = [];
  const physnet = config.physical_network;
  if (rule.physicalNetwork === "required" && physnet === null) {
    out.push(error(`${typeName}: a ${type} network needs physical_network`, "Fix: give the physnet name that the compute nodes' bridge_mappings use.", ["physical_network"]));
  }
  if (rule.physicalNetwork === "forbidden" && typeof physnet === "string") {
    out.push(error(`${typeName}: a ${type} network has no physical_network`, `Got ${JSON.stringify(physnet)}. Fix: remove physical_network, or use network_type flat or vlan.`, ["physical_network"]));
  }
  const seg = config.segmentation_id;
  if (typeof seg === "number") {
    if (rule.segmentation === "forbidden") {
      out.push(error(`${typeName}: a ${type} network has no segmentation_id`, `Got ${seg}. Fix: remove segmentation_id, or use network_type vlan.`, ["segmentation_id"]));
    } else if (rule.segmentationRange && !(Number.isInteger(seg) && seg >= rule.segmentationRange[0] && seg <= rule.segmentationRange[1])) {
      const [lo, hi] = rule.segmentationRange;
      out.push(error(`${typeName}: segmentation_id out of range`, `Got ${seg}. Allowed: a ${rule.rangeName} from ${lo} to ${hi}.`, ["segmentation_id"]));
    }
  }
  return out;
}

/** The IP version of a CIDR, or undefined when it is not one. */
export function ipVersion(cidr: string): 4 | 6 | undefined {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(cidr);
  if (!m) return undefined;
  const [addr, bits] = [m[1], Number(m[2])];
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(addr) && addr.split(".").every((o) => Number(o) <= 255) && bits <= 32) return 4;
  if (addr.includes(":") && /^[0-9a-fA-F:]+$/.test(addr) && bits <= 128) return 6;
  return undefined;
}
