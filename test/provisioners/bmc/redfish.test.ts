// The Redfish client has no peer on this machine (no Redfish emulator is packaged); these tests
// cover its fixed tables and its refusal paths against real sockets on loopback only.
import { describe, expect, test } from "vitest";
import { REDFISH_BOOT_TARGET, REDFISH_CYCLE_RESET, REDFISH_POWER_STATE, RedfishBmc } from "../../../provisioners/bmc/redfish";
import { isPolyvisorError } from "../../../provisioners/errors";

describe("Redfish client", () => {
  test.each([["disk", "Hdd"], ["pxe", "Pxe"], ["cdrom", "Cd"], ["bios", "BiosSetup"]] as const)("given boot device %s, then BootSourceOverrideTarget is %s", (device, target) => {
    expect(REDFISH_BOOT_TARGET[device]).toBe(target);
  });

  test.each([["On", "on"], ["PoweringOn", "on"], ["Off", "off"], ["PoweringOff", "off"]])("given PowerState %s, then the host is %s", (state, expected) => {
    expect(REDFISH_POWER_STATE[state]).toBe(expected);
  });

  test("given a host that is off, then a power cycle is a plain On", () => {
    expect(REDFISH_CYCLE_RESET.off).toEqual(["On"]);
    expect(REDFISH_CYCLE_RESET.on[0]).toBe("PowerCycle");
  });

  test("given a Redfish address where nothing listens, when power status is asked, then BmcUnreachable names host and step without the password", async () => {
    const bmc = new RedfishBmc("node2", { type: "redfish", address: "127.0.0.1", port: 9, username: "root", password: "rf-secret-99", timeoutSeconds: 2 });
    try {
      await bmc.powerStatus();
      expect.unreachable();
    } catch (err) {
      expect(isPolyvisorError(err, "BmcUnreachable")).toBe(true);
      expect((err as Error).message).toContain("node2:bmc:power-status");
      expect((err as Error).message).not.toContain("rf-secret-99");
    }
  });
});
