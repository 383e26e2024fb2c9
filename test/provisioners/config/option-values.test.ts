// The synth-time value check against nova's own option definitions (data extracted from Debian's
// nova), at the boundaries of types, choices and ranges.

import { describe, expect, test } from "vitest";
import {
  IniModel,
  NOVA_OPTIONS_ZED,
  SERVICE_FILES,
  ZED_OPTIONS,
  assertOptionValues,
  assertServiceFileValues,
  checkOptionValues,
  findOption,
  novaOptionData,
} from "../../../provisioners/config";
import { ZED_SERVICE_FILES } from "./fixtures";

const one = (section: string, option: string, value: string | number | boolean | string[]): IniModel => ({ [section]: { [option]: value } });

describe("nova option values (Zed)", () => {
  test("given the data file, then it records its source and holds nova's libvirt options", () => {
    expect(NOVA_OPTIONS_ZED.source.debianPackage).toMatch(/^python3-nova 2:26\./);
    expect(NOVA_OPTIONS_ZED.source.namespaces).toContain("nova.conf");
    expect(findOption(NOVA_OPTIONS_ZED, "libvirt", "virt_type")).toMatchObject({ type: "string", choices: ["kvm", "lxc", "qemu", "parallels"] });
  });

  test("given virt_type = kvmm, then InvalidOptionValue names the option, the value and nova's choices", () => {
    try {
      assertOptionValues(one("libvirt", "virt_type", "kvmm"), NOVA_OPTIONS_ZED, "kvm1 nova.conf");
      expect.unreachable();
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain("[InvalidOptionValue] kvm1 nova.conf");
      expect(msg).toContain("[libvirt] virt_type = kvmm is not one of the choices");
      expect(msg).toContain("kvm, lxc, qemu, parallels");
    }
  });

  test.each([
    ["libvirt", "virt_type", "qemu", true],
    ["libvirt", "virt_type", "xen", false],
    ["libvirt", "virt_type", "uml", false],
    ["libvirt", "cpu_mode", "none", true],
    ["libvirt", "cpu_mode", "None", false],
    ["libvirt", "images_type", "rbd", true],
    ["libvirt", "images_type", "ceph", false],
    ["libvirt", "live_migration_downtime", 100, true],
    ["libvirt", "live_migration_downtime", 99, false],
    ["libvirt", "inject_partition", -2, true],
    ["libvirt", "inject_partition", -3, false],
    ["DEFAULT", "reserved_host_memory_mb", 0, true],
    ["DEFAULT", "reserved_host_memory_mb", -1, false],
    ["DEFAULT", "reserved_host_memory_mb", 1.5, false],
    ["DEFAULT", "reserved_host_memory_mb", "512", true],
    ["DEFAULT", "cpu_allocation_ratio", 0.0, true],
    ["DEFAULT", "cpu_allocation_ratio", 16.5, true],
    ["DEFAULT", "cpu_allocation_ratio", -0.1, false],
    ["DEFAULT", "debug", true, true],
    ["DEFAULT", "debug", "yes", true],
    ["DEFAULT", "debug", "maybe", false],
    ["vnc", "novncproxy_port", 65535, true],
    ["vnc", "novncproxy_port", 65536, false],
    ["vnc", "novncproxy_base_url", "http://ctl:6080/vnc_auto.html", true],
    ["vnc", "novncproxy_base_url", "ctl:6080 /x", false],
    ["libvirt", "hw_machine_type", ["x86_64=q35", "aarch64=virt"], true],
    ["placement", "auth_url", "http://ctl:5000/v3", true],
    ["keystone_authtoken", "password", "${secret:nova_password}", true],
    ["keystone_authtoken", "username", "nova", true],
    ["keystone_authtoken", "region_name", "RegionOne", true],
    ["service_user", "region_name", "RegionOne", false],
    ["service_user", "send_service_user_token", true, true],
    ["libvirt", "no_such_option", "1", false],
    ["no_such_section", "x", "1", false],
  ] as const)("given [%s] %s = %j, then valid is %s", (section, option, value, valid) => {
    expect(checkOptionValues(one(section, option, value as never), NOVA_OPTIONS_ZED).length === 0).toBe(valid);
  });

  test("given a deprecated option name nova still reads, then it is accepted with the new option's type", () => {
    expect(checkOptionValues(one("libvirt", "cpu_model", "Haswell"), NOVA_OPTIONS_ZED)).toEqual([]);
  });

  test.each([
    ["zed", true],
    ["2023.1", false],
    ["mitaka", false],
  ] as const)("given release %s, then option data available is %s", (release, available) => {
    expect(novaOptionData(release) !== undefined).toBe(available);
  });
});

describe("values of every other Zed control-plane file", () => {
  test.each(ZED_SERVICE_FILES)("given the rendered %s, then every value has its service's type and choices", (file, build) => {
    expect(() => assertOptionValues(build(), ZED_OPTIONS[file], file)).not.toThrow();
  });

  test.each([
    ["cinder.conf", "lvm-1", "target_helper", "lioadm", true],
    ["cinder.conf", "lvm-1", "target_helper", "lio", false],
    ["cinder.conf", "smb", "smbfs_default_volume_format", "qcow2", false],
    ["openvswitch_agent.ini", "ovs", "datapath_type", "netdev", true],
    ["openvswitch_agent.ini", "ovs", "datapath_type", "userspace", false],
    ["glance-api.conf", "ceph", "rbd_store_chunk_size", 1, true],
    ["glance-api.conf", "ceph", "rbd_store_chunk_size", 0, false],
    ["glance-api.conf", "DEFAULT", "enabled_backends", "local:file,ceph:rbd", true],
    ["neutron.conf", "DEFAULT", "dhcp_agents_per_network", 0, false],
    ["keystone.conf", "token", "providr", "fernet", false],
  ] as const)("given %s [%s] %s = %j, then valid is %s", (file, section, option, value, valid) => {
    expect(checkOptionValues(one(section, option, value), ZED_OPTIONS[file]).length === 0).toBe(valid);
  });

  test("given option data for every file polyvisor renders, then each records the Debian package it came from", () => {
    for (const file of SERVICE_FILES) expect(ZED_OPTIONS[file].source.debianPackage, file).toMatch(/^python3-[a-z]+ (\d+:)?\d+\./);
  });
});

describe("assertServiceFileValues", () => {
  test.each([
    ["zed", { libvirt: { virt_type: "qemu" } }, true],
    ["mitaka", { libvirt: { virt_type: "uml" } }, false],
  ] as const)("given nova.conf for %s, then checked is %s", (release, model, checked) => {
    expect(assertServiceFileValues("nova.conf", model, release, "kvm1 nova.conf")).toBe(checked);
  });

  test("given a bad value on Zed, then it throws naming the file", () => {
    expect(() => assertServiceFileValues("nova.conf", { libvirt: { virt_type: "kvmm" } }, "zed", "cloud/compute/kvm1 nova.conf")).toThrow(
      /InvalidOptionValue\] cloud\/compute\/kvm1 nova.conf/,
    );
  });
});
