import { describe, expect, test } from "vitest";
import { CinderBackend, GlanceStore, Hypervisor } from "../../../constructs";
import { byName, iniOf, newCloud, resources, synth, synthError } from "../private/cloud-fixture";

describe("Cinder backends and volume types", () => {
  test("given five backends, when synthesized, then cinder.conf has one section per backend and types tie to them", () => {
    const cloud = newCloud();
    const backends = [
      cloud.addVolumeBackend("lvm", { name: "lvm-1", backend: CinderBackend.lvm({ volumeGroup: "vg0" }) }),
      cloud.addVolumeBackend("rbd", { name: "ceph", backend: CinderBackend.rbd({ pool: "volumes", secretUuid: "5f4c7f3a-6d4b-4b8e-9f43-2a1f8c1e9d10" }) }),
      cloud.addVolumeBackend("nfs", { name: "nfs", backend: CinderBackend.nfs({ shares: ["nas:/x"] }) }),
      cloud.addVolumeBackend("vmdk", { name: "vmdk", backend: CinderBackend.vmdk({ hostIp: "vc", username: "u", passwordSecret: "vcenter_password" }) }),
      cloud.addVolumeBackend("smb", { name: "smb", backend: CinderBackend.smb({ shares: ["//fs/c"] }) }),
    ];
    for (const b of backends) b.addVolumeType(b.name, { name: `type-${b.name}` });
    const json = synth(cloud);
    const cinder = iniOf(Object.values(json.resource.polyvisor_control_plane)[0], "/etc/cinder/cinder.conf");
    expect(cinder.DEFAULT.enabled_backends).toBe("lvm-1,ceph,nfs,vmdk,smb");
    for (const b of backends) expect(cinder[b.name].volume_backend_name).toBe(b.name);
    expect(cinder["lvm-1"].volume_group).toBe("vg0");
    expect(cinder.vmdk.vmware_host_password).toBe("${secret:vcenter_password}");
    expect(byName(json, "polyvisor_volume_type", "type-ceph").volume_backend_name).toBe("ceph");
    expect(resources(json, "polyvisor_volume_type")).toHaveLength(5);
    expect(json.variable?.vcenter_password?.sensitive).toBe(true);
  });

  test("given two backends with one volume_backend_name, when synthesized, then DuplicateVolumeBackendName is reported", () => {
    const cloud = newCloud();
    cloud.addVolumeBackend("a", { name: "same", backend: CinderBackend.lvm() });
    cloud.addVolumeBackend("b", { name: "same", backend: CinderBackend.nfs({ shares: ["n:/x"] }) });
    expect(synthError(cloud)).toContain("[DuplicateVolumeBackendName] cloud/Storage/b (prop name)");
  });

  test("given a Hyper-V node on an RBD backend, when synthesized, then VolumeProtocolNotSupported lists its protocols", () => {
    const cloud = newCloud();
    cloud.addVolumeBackend("rbd", { name: "ceph", backend: CinderBackend.rbd({ pool: "v", secretUuid: "5f4c7f3a-6d4b-4b8e-9f43-2a1f8c1e9d10" }) });
    cloud.addComputeNode("h", { host: "node-1", hypervisor: Hypervisor.hyperv({ vswitchName: "ext" }), volumeBackends: ["ceph"] });
    expect(synthError(cloud)).toContain("[VolumeProtocolNotSupported] cloud/Compute/h (prop volumeBackends): Hyper-V cannot attach rbd volumes (rbd)");
  });

  test("given four Glance stores, when synthesized, then glance-api.conf enables each and defaults to the first", () => {
    const cloud = newCloud({
      glanceStores: [
        GlanceStore.rbd({ pool: "images" }),
        GlanceStore.file({ directory: "/srv/glance" }),
        GlanceStore.swift(),
        GlanceStore.vsphere({ serverHost: "vc", username: "g", passwordSecret: "vcenter_password", datastores: ["dc1:ds1"] }),
      ],
    });
    const glance = iniOf(Object.values(synth(cloud).resource.polyvisor_control_plane)[0], "/etc/glance/glance-api.conf");
    expect(glance.DEFAULT.enabled_backends).toBe("rbd:rbd,file:file,swift:swift,vsphere:vmware");
    expect(glance.glance_store.default_backend).toBe("rbd");
    expect(glance.file.filesystem_store_datadir).toBe("/srv/glance");
    expect(glance.vsphere.vmware_datastores).toBe("dc1:ds1");
    expect(glance.vsphere.vmware_server_password).toBe("${secret:vcenter_password}");
    expect(glance.swift.swift_store_config_file).toBe("/etc/glance/glance-swift.conf");
  });
});
