// Endpoint selection from a keystone v3 service catalog: by service type, interface and region,
// the way every OpenStack client does it.

import { PolyvisorError } from "../errors";
import type { EndpointInterface } from "./credentials";

export interface CatalogEndpoint {
  readonly interface: string;
  readonly region?: string;
  readonly region_id?: string;
  readonly url: string;
}

export interface CatalogEntry {
  readonly type: string;
  readonly name?: string;
  readonly endpoints: readonly CatalogEndpoint[];
}

/** Service types by which polyvisor looks services up, with the aliases clouds register. */
export const SERVICE_TYPE_ALIASES: { readonly [type: string]: readonly string[] } = {
  compute: ["compute"],
  image: ["image"],
  network: ["network"],
  "block-storage": ["block-storage", "volumev3", "volume"],
  placement: ["placement"],
  identity: ["identity"],
};

export function selectEndpoint(
  catalog: readonly CatalogEntry[],
  serviceType: string,
  iface: EndpointInterface,
  region: string | undefined,
): string {
  const types = SERVICE_TYPE_ALIASES[serviceType] ?? [serviceType];
  for (const type of types) {
    const entry = catalog.find((e) => e.type === type);
    if (!entry) continue;
    const match = entry.endpoints.find(
      (ep) => ep.interface === iface && (region === undefined || ep.region_id === region || ep.region === region),
    );
    if (match) return match.url.replace(/\/+$/, "");
  }
  const offered = catalog.flatMap((e) =>
    e.endpoints.map((ep) => `${e.type}/${ep.interface}/${ep.region_id ?? ep.region ?? "-"}`),
  );
  throw new PolyvisorError("EndpointNotFound", `no ${serviceType} endpoint in the service catalog`, {
    where: `catalog ${types.join("|")} interface=${iface} region=${region ?? "any"}`,
    allowed: offered.length > 0 ? offered.join(", ") : "(the catalog is empty)",
    fix: "register the service's endpoint in keystone, or set OS_INTERFACE / OS_REGION_NAME to one the catalog offers",
  });
}
