import { describe, expect, test } from "vitest";
import { ContainerFormat, DiskFormat, Hypervisor, VmMode } from "../../../constructs";
import { byName, newCloud, synth, synthError } from "../private/cloud-fixture";

const VCENTER = { hostIp: "vc", hostUsername: "nova", hostPasswordSecret: "vcenter_password", nsx: true, cluster: { name: "c", hostCount: 2, sharedStorage: "ds" } };

describe("Image", () => {
  test.each([
    ["Hyper-V", () => Hypervisor.hyperv({ vswitchName: "ext" }), "vhd, vhdx"],
    ["vCenter", () => Hypervisor.vmware(VCENTER), "iso, vmdk"],
  ] as const)("given a qcow2 image for a %s aggregate, when synthesized, then DiskFormatNotAccepted lists what it boots", (_n, hv, allowed) => {
    const cloud = newCloud();
    cloud.addComputeNode("n", { host: "node-1", hypervisor: hv() });
    const agg = [...cloud.addAvailabilityZonePerHypervisor().values()][0];
    cloud.addImage("img", { name: "img", diskFormat: DiskFormat.QCOW2, containerFormat: ContainerFormat.BARE, aggregate: agg });
    const msg = synthError(cloud);
    expect(msg).toContain(`[DiskFormatNotAccepted] cloud/Images/img (prop diskFormat): no hypervisor of aggregate ${agg.name}`);
    expect(msg).toContain(`boots qcow2 images (got "qcow2"). Allowed: ${allowed}.`);
  });

  test("given a VHDX image for a Hyper-V aggregate, when synthesized, then the image carries its scheduling properties", () => {
    const cloud = newCloud();
    cloud.addComputeNode("n", { host: "node-1", hypervisor: Hypervisor.hyperv({ vswitchName: "ext" }) });
    const agg = cloud.addAvailabilityZonePerHypervisor().get("hyperv");
    cloud.addImage("img", { name: "win", diskFormat: DiskFormat.VHDX, containerFormat: ContainerFormat.BARE, hypervisorType: "hyperv", vmMode: VmMode.HVM, aggregate: agg });
    expect(byName(synth(cloud), "polyvisor_image", "win")).toMatchObject({ disk_format: "vhdx", container_format: "bare", hypervisor_type: "hyperv", vm_mode: "hvm" });
  });

  test("given a docker container image for a QEMU aggregate, when synthesized, then ContainerFormatNotAccepted is reported", () => {
    const cloud = newCloud();
    cloud.addComputeNode("n", { host: "node-1", hypervisor: Hypervisor.qemu() });
    const agg = cloud.addAvailabilityZonePerHypervisor().get("libvirt-qemu-x86");
    cloud.addImage("img", { name: "img", diskFormat: DiskFormat.RAW, containerFormat: ContainerFormat.DOCKER, aggregate: agg });
    expect(synthError(cloud)).toContain("[ContainerFormatNotAccepted] cloud/Images/img (prop containerFormat)");
  });

  test("given a QEMU node with the RBD image backend, when a qcow2 image targets it, then DiskFormatNotAccepted allows raw", () => {
    const cloud = newCloud();
    cloud.addComputeNode("n", { host: "node-1", hypervisor: Hypervisor.qemu({ imagesType: "rbd", rbdUser: "cinder", rbdSecretUuid: "5f4c7f3a-6d4b-4b8e-9f43-2a1f8c1e9d10" }) });
    const agg = cloud.addAvailabilityZonePerHypervisor().get("libvirt-qemu-x86");
    cloud.addImage("img", { name: "img", diskFormat: DiskFormat.QCOW2, containerFormat: ContainerFormat.BARE, aggregate: agg });
    const msg = synthError(cloud);
    expect(msg).toContain("[DiskFormatNotAccepted]");
    expect(msg).toMatch(/Allowed: [^.]*raw/);
  });
});
