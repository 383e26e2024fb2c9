import { describe, expect, test } from "vitest";
import {
  MULTI_HYPERVISOR_FILTERS,
  NOVA_OPTIONS_ZED,
  NovaControlConfInput,
  assertOptionValues,
  novaControlConf,
  parseIni,
  renderIni,
} from "../../../provisioners/config";
import { KEYSTONE, MESSAGING, db, user } from "./fixtures";

const input = (over: Partial<NovaControlConfInput> = {}): NovaControlConfInput => ({
  release: "zed",
  services: ["api", "metadata", "conductor", "scheduler", "novncproxy"],
  myIp: "10.0.0.10",
  messaging: MESSAGING,
  database: db("nova"),
  apiDatabase: db("nova_api"),
  keystone: KEYSTONE,
  novaUser: user("nova"),
  placementUser: user("placement"),
  neutronUser: user("neutron"),
  metadataProxySecret: "metadata_secret",
  drivers: ["libvirt-qemu-x86", "fake"],
  ...over,
});

describe("control-plane nova.conf", () => {
  test("given the scheduler, then the filters multi-hypervisor scheduling needs are enabled", () => {
    const p = parseIni(renderIni(novaControlConf(input()), { generatedBy: "t" }));
    const filters = p.filter_scheduler.enabled_filters.split(",");
    for (const f of ["ImagePropertiesFilter", "AggregateInstanceExtraSpecsFilter", "AvailabilityZoneFilter", "ComputeFilter"])
      expect(filters).toContain(f);
    expect(filters).toEqual([...MULTI_HYPERVISOR_FILTERS]);
  });

  test("given api and metadata, then both APIs, both databases, keystone_authtoken and the metadata proxy secret are rendered", () => {
    const p = parseIni(renderIni(novaControlConf(input()), { generatedBy: "t" }));
    expect(p.DEFAULT.enabled_apis).toBe("osapi_compute,metadata");
    expect(p.api_database.connection).toBe("mysql+pymysql://nova_api:${secret:nova_api_db_password}@10.0.0.10/nova_api");
    expect(p.keystone_authtoken.username).toBe("nova");
    expect(p.neutron).toMatchObject({ service_metadata_proxy: "true", metadata_proxy_shared_secret: "${secret:metadata_secret}" });
  });

  test("given only the conductor, then no API sections and no keystone_authtoken", () => {
    const m = novaControlConf(input({ services: ["conductor"] }));
    expect(m.keystone_authtoken).toBeUndefined();
    expect(m.filter_scheduler).toBeUndefined();
    expect(m.DEFAULT.enabled_apis).toBeUndefined();
    expect(m.database.connection).toBeDefined();
  });

  test("given Ironic among the drivers, then the scheduler stops tracking instance changes and discovers hosts", () => {
    const m = novaControlConf(input({ drivers: ["ironic", "libvirt-kvm-x86"] }));
    expect(m.filter_scheduler.track_instance_changes).toBe(false);
    expect(m.scheduler.discover_hosts_in_cells_interval).toBe(120);
  });

  test.each([
    ["ocata", "DEFAULT", "scheduler_default_filters"],
    ["pike", "filter_scheduler", "enabled_filters"],
  ] as const)("given %s, then the filter list is [%s] %s", (release, section, key) => {
    expect(novaControlConf(input({ release }))[section][key]).toEqual([...MULTI_HYPERVISOR_FILTERS]);
  });

  test("given an unknown extra filter, then UnknownSchedulerFilter lists nova's filters", () => {
    expect(() => novaControlConf(input({ extraFilters: ["ImagePropertyFilter"] }))).toThrow(/UnknownSchedulerFilter.*ImagePropertiesFilter/);
  });

  test("given Zed, then every value passes nova's own option definitions", () => {
    expect(() =>
      assertOptionValues(novaControlConf(input({ drivers: ["ironic"], extraFilters: ["NUMATopologyFilter"] })), NOVA_OPTIONS_ZED, "control nova.conf")
    ).not.toThrow();
  });
});
