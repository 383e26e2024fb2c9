import { beforeAll, describe, expect, test } from "vitest";
import { unescapeTemplate } from "../../constructs/private/terraform-string";
import { parseIni } from "../../provisioners/config/parse-ini";
import { listDrivers } from "../../provisioners/drivers/registry";
import { SynthJson, all, cdktfSynth, compiled, named } from "./private/compiled";

interface FileEntry { path: string; content: string }
const novaOf = (r: Record<string, unknown>) => {
  const f = (r.files as FileEntry[]).find((x) => x.path.endsWith("/nova.conf"))!;
  return parseIni(unescapeTemplate(f.content));
};

describe("examples/enterprise (compiled, through `cdktf synth --app`)", () => {
  let json: SynthJson;
  beforeAll(() => {
    json = cdktfSynth("enterprise", { app: `node ${compiled("examples/enterprise/main.js")}` });
  });

  test("given the definition, when synthesized, then every seed hypervisor has a compute node in its deployment architecture", () => {
    const nodes = all(json, "polyvisor_compute_node").map((n) => [n.name, n.driver, n.deployment]);
    expect(nodes.sort()).toEqual([
      ["docker-1", "docker", "on-host"],
      ["hyperv-1", "hyperv", "on-host"],
      ["ironic-proxy-1", "ironic", "proxy"],
      ["kvm-1", "libvirt-kvm-x86", "on-host"],
      ["kvm-2", "libvirt-kvm-x86", "on-host"],
      ["vcenter-proxy-1", "vmware", "proxy"],
      ["vcenter-proxy-2", "vmware", "proxy"],
      ["xen-1", "libvirt-xen", "on-host"],
      ["xenserver-1-domu", "xenserver", "in-guest"],
      ["zvm-proxy-1", "zvm", "proxy"],
    ]);
    expect(all(json, "polyvisor_host")).toHaveLength(12);
  });

  test("given the definition, when synthesized, then each nova.conf carries no other driver's sections", () => {
    const owned = new Map(listDrivers().map((d) => [d.id, d.ownedSections]));
    const others = (id: string) => [...owned.entries()].filter(([d]) => d !== id).flatMap(([, s]) => s).filter((s) => !(owned.get(id as never) ?? []).includes(s));
    for (const n of all(json, "polyvisor_compute_node")) {
      const sections = Object.keys(novaOf(n));
      for (const s of others(n.driver as string)) expect(sections, `${n.name} has [${s}]`).not.toContain(s);
    }
    expect(novaOf(named(json, "polyvisor_compute_node", "vcenter-proxy-1")).vmware.cluster_name).toBe("prod-a");
    expect(novaOf(named(json, "polyvisor_compute_node", "hyperv-1")).hyperv.vswitch_name).toBe("external");
  });

  test("given the definition, when synthesized, then VLAN networks, backends, volume types and stores are all present", () => {
    expect(all(json, "polyvisor_network").map((n) => [n.name, n.segmentation_id]).sort()).toEqual([["mgmt", 2002], ["prod", 2001]]);
    expect(all(json, "polyvisor_volume_type").map((t) => t.volume_backend_name).sort()).toEqual(["ceph-rbd", "lvm-iscsi", "nfs-gold", "smb-hyperv", "vmdk-vsan"]);
    const cp = all(json, "polyvisor_control_plane")[0];
    const file = (p: string) => parseIni(unescapeTemplate((cp.files as FileEntry[]).find((f) => f.path === p)!.content));
    expect(file("/etc/cinder/cinder.conf").DEFAULT.enabled_backends).toBe("ceph-rbd,lvm-iscsi,nfs-gold,vmdk-vsan,smb-hyperv");
    // Mitaka predates multi-store Glance: one [glance_store] section lists every store kind.
    expect(file("/etc/glance/glance-api.conf").glance_store).toMatchObject({ stores: "rbd,file,swift,vmware", default_store: "rbd" });
    expect(file("/etc/neutron/plugins/ml2/ml2_conf.ini").ml2_type_vlan.network_vlan_ranges).toBe("datacentre:1000:1999");
  });

  test("given the definition, when synthesized, then vCenter, XenServer and xCAT credentials are sensitive variables", () => {
    for (const v of ["vcenter_password", "xenserver_password", "xcat_password", "bmc_password"]) expect(json.variable?.[v]?.sensitive).toBe(true);
    expect(named(json, "polyvisor_compute_node", "vcenter-proxy-2").secrets).toMatchObject({ vcenter_password: "${var.vcenter_password}" });
  });

  test("given the definition, when synthesized, then metering is set where an inspector exists and absent for Docker and z/VM", () => {
    const inspector = (n: string) => named(json, "polyvisor_compute_node", n).metering_inspector;
    expect([inspector("kvm-1"), inspector("vcenter-proxy-1"), inspector("hyperv-1"), inspector("xenserver-1-domu")]).toEqual(["libvirt", "vsphere", "hyperv", "xenapi"]);
    expect([inspector("docker-1"), inspector("zvm-proxy-1")]).toEqual([undefined, undefined]);
  });

  test("given out-of-tree drivers, when synthesized, then the code they need before configuration is in the plan", () => {
    expect(named(json, "polyvisor_compute_node", "docker-1").out_of_tree_code).toEqual(expect.arrayContaining([expect.stringMatching(/^git:nova-docker/)]));
    expect(named(json, "polyvisor_compute_node", "hyperv-1").out_of_tree_code).toEqual([expect.stringMatching(/^msi:/)]);
    expect(named(json, "polyvisor_compute_node", "kvm-1").out_of_tree_code).toBeUndefined();
  });
});
