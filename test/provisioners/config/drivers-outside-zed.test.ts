// Drivers that no longer exist in Zed (XenServer, libvirt Xen, PowerVM, UML) and Docker (out of
// tree until Ocata): Debian 12's nova cannot validate their files, so their rendered structure is
// checked here against the drivers' own option facts (nova-drivers reference notes).

import { describe, expect, test } from "vitest";
import { computeNovaConf, parseIni, renderIni } from "../../../provisioners/config";
import { computeInput } from "./fixtures";
import { getDriver } from "../../../provisioners/drivers";

const render = (m: Parameters<typeof renderIni>[0]) => parseIni(renderIni(m, { generatedBy: "t" }));

describe("drivers outside Zed", () => {
  test.each(["xenserver", "libvirt-xen", "powervm", "libvirt-uml", "docker"] as const)(
    "given %s, then Zed does not have it (so no validation against Zed's nova)",
    (id) => {
      expect(getDriver(id).existsIn("zed")).toBe(false);
    }
  );

  test("given XenServer on Ussuri, then [xenserver] has the XenAPI URL, user and password placeholder", () => {
    const p = render(computeNovaConf(computeInput("xenserver", "ussuri")));
    expect(p.DEFAULT.compute_driver).toBe("xenapi.XenAPIDriver");
    expect(p.xenserver).toEqual({
      connection_url: "https://xs1.example.org",
      connection_password: "${secret:xenserver_root_password}",
      ovs_integration_bridge: "br-int",
    });
    expect(p.libvirt).toBeUndefined();
  });

  test("given libvirt Xen on Victoria, then virt_type xen and the xen migration URI scheme", () => {
    const p = render(computeNovaConf(computeInput("libvirt-xen", "victoria")));
    expect(p.libvirt).toEqual({ virt_type: "xen", live_migration_scheme: "tcp" });
  });

  test("given libvirt Xen on Newton (before live_migration_scheme), then live_migration_uri is xenmigr", () => {
    expect(computeNovaConf(computeInput("libvirt-xen", "newton")).libvirt.live_migration_uri).toBe("xenmigr://%s/system");
  });

  test("given PowerVM on Yoga, then [powervm] carries disk driver and processing units", () => {
    const p = render(computeNovaConf(computeInput("powervm", "yoga")));
    expect(p.DEFAULT.compute_driver).toBe("powervm.PowerVMDriver");
    expect(p.powervm).toEqual({ disk_driver: "ssp", proc_units_factor: "0.1" });
  });

  test("given PowerVM with localdisk and no volume group, then the option problem is reported", () => {
    expect(getDriver("powervm").validate({ diskDriver: "localdisk" }, "yoga")).toEqual([
      expect.objectContaining({ option: "volumeGroupName", message: expect.stringContaining("VIOS volume group") }),
    ]);
  });

  test("given UML on Ussuri, then virt_type uml and nothing else in [libvirt]", () => {
    expect(render(computeNovaConf(computeInput("libvirt-uml", "ussuri"))).libvirt).toEqual({ virt_type: "uml" });
  });

  test("given Docker on Mitaka, then nova-docker's class path and its install steps come first", () => {
    const d = getDriver("docker");
    expect(d.computeDriver("mitaka")).toBe("novadocker.virt.docker.DockerDriver");
    expect(d.packages("mitaka").map((p) => `${p.via}:${p.name}`)).toEqual([
      "apt:nova-compute",
      "apt:docker.io",
      "git:nova-docker@stable/mitaka",
      "pip:docker-py",
    ]);
    expect(render(computeNovaConf(computeInput("docker", "mitaka"))).docker).toEqual({ host_url: "unix:///var/run/docker.sock" });
  });
});
