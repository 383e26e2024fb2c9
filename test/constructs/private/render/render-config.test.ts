import { describe, expect, test } from "vitest";
import { Hypervisor, Testing } from "../../../../constructs";
import { newCloud, synthError } from "../cloud-fixture";

describe("RenderConfig", () => {
  test("given a renderer that refuses the config, when synthesized with validations, then its error is listed beside the model's own", () => {
    const cloud = newCloud();
    cloud.addPhysicalNetwork("physnet1", { name: "physnet1", vlanRanges: [{ min: 10, max: 20 }, { min: 15, max: 30 }] });
    const msg = synthError(cloud);
    expect(msg).toContain("[VlanRangesOverlap] cloud/Networks/physnet1 (prop vlanRanges)");
    expect(msg).toContain("(while rendering the config files of cloud/ControlPlane)");
  });

  test("given a renderer that refuses the config, when synthesized without validations, then synthesis still fails", () => {
    const cloud = newCloud();
    cloud.addPhysicalNetwork("physnet1", { name: "physnet1", vlanRanges: [{ min: 10, max: 20 }, { min: 15, max: 30 }] });
    expect(() => Testing.synth(cloud)).toThrow(/VlanRangeOverlap/);
  });

  test("given an operator credential used as BMC variable and vCenter secret, when synthesized, then one sensitive variable serves both", () => {
    const cloud = newCloud({ securityGroups: false });
    cloud.addHost("bm", { name: "bm", address: "192.0.2.77", sshTrustOnFirstUse: true, bmc: { type: "ipmi", address: "127.0.0.1", username: "a", passwordVariable: "shared_secret" } });
    cloud.addComputeNode("vc", { host: "node-1", hypervisor: Hypervisor.vmware({ hostIp: "vc", hostUsername: "u", hostPasswordSecret: "shared_secret", cluster: { name: "c", hostCount: 1, sharedStorage: "s" } }) });
    const json = JSON.parse(Testing.synth(cloud, true));
    expect(Object.keys(json.variable)).toEqual(["shared_secret"]);
  });
});
