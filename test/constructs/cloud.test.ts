import { describe, expect, test } from "vitest";
import { Hypervisor } from "../../constructs";
import type { Release } from "../../provisioners/drivers/release";
import { isPolyvisorError } from "../../provisioners/errors";
import { byName, newCloud, resources, synth } from "./private/cloud-fixture";

describe("OpenStackCloud", () => {
  test.each<Release>(["mitaka", "ussuri", "zed", "2023.1", "2026.1"])("given release %s, when a QEMU cloud is synthesized, then control plane and node target it", (release) => {
    const cloud = newCloud({ release, region: "eu-1" });
    cloud.addComputeNode("q", { host: "node-1", hypervisor: Hypervisor.qemu() });
    const json = synth(cloud);
    expect(resources(json, "polyvisor_control_plane")[0]).toMatchObject({ release, region: "eu-1", public_address: "192.0.2.10" });
    expect(byName(json, "polyvisor_compute_node", "node-1").release).toBe(release);
  });

  test("given an unknown release, when the cloud is created, then UnknownRelease lists the releases", () => {
    let err: unknown;
    try {
      newCloud({ release: "zedd" as Release });
    } catch (e) {
      err = e;
    }
    expect(isPolyvisorError(err, "UnknownRelease")).toBe(true);
    expect((err as Error).message).toContain("cloud (prop release)");
    expect((err as Error).message).toContain("mitaka");
  });

  test("given a public address, when synthesized, then API resources authenticate against the control plane's Keystone", () => {
    const cloud = newCloud({ publicAddress: "203.0.113.5" });
    expect(cloud.controlPlane.endpoints.identity).toBe("http://203.0.113.5:5000/v3");
    cloud.addAggregate("a", { name: "a" });
    const agg = byName(synth(cloud), "polyvisor_aggregate", "a");
    expect(agg.auth).toMatchObject({ auth_url: expect.stringMatching(/^\$\{polyvisor_control_plane\.ControlPlane_[0-9A-F]+\.keystone_url\}$/) });
  });

  test("given no volume backends, when synthesized, then the control plane runs no Cinder and renders no cinder.conf", () => {
    const cp = resources(synth(newCloud()), "polyvisor_control_plane")[0];
    expect(cp.services_enabled).not.toContain("cinder");
    expect((cp.files as { path: string }[]).map((f) => f.path)).not.toContain("/etc/cinder/cinder.conf");
  });
});
