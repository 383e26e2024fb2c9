import { describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { selectEndpoint, type CatalogEntry } from "../../../provisioners/openstack";

const catalog: CatalogEntry[] = [
  {
    type: "compute",
    endpoints: [
      { interface: "public", region_id: "RegionOne", url: "http://pub-one:8774/v2.1/" },
      { interface: "internal", region_id: "RegionOne", url: "http://int-one:8774/v2.1" },
      { interface: "public", region_id: "RegionTwo", url: "http://pub-two:8774/v2.1" },
    ],
  },
  { type: "volumev3", endpoints: [{ interface: "public", region_id: "RegionOne", url: "http://cinder:8776/v3/p1" }] },
];

describe("selectEndpoint", () => {
  test.each([
    ["compute", "public", "RegionOne", "http://pub-one:8774/v2.1"],
    ["compute", "internal", "RegionOne", "http://int-one:8774/v2.1"],
    ["compute", "public", "RegionTwo", "http://pub-two:8774/v2.1"],
    ["block-storage", "public", undefined, "http://cinder:8776/v3/p1"],
  ] as const)("given type %s, interface %s, region %s, then it picks %s", (type, iface, region, url) => {
    expect(selectEndpoint(catalog, type, iface, region)).toBe(url);
  });

  test("given no endpoint for the interface, then EndpointNotFound lists what the catalog offers", () => {
    let err: unknown;
    try {
      selectEndpoint(catalog, "compute", "admin", "RegionOne");
    } catch (e) {
      err = e;
    }
    expect(isPolyvisorError(err, "EndpointNotFound")).toBe(true);
    expect((err as Error).message).toContain("compute/public/RegionOne");
    expect((err as Error).message).toContain("interface=admin");
  });
});
