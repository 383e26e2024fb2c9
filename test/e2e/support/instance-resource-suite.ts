// polyvisor_instance through the real terraform binary and the installed plugin, on a real cloud:
// launched ACTIVE, then its declared power state paused and shut off in place, then a bigger flavor
// that resizes the same server (no replacement), then destroyed. Each step is checked in nova and
// followed by a plan that must show no changes.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OpenStackCloud } from "../../../provisioners/openstack";
import { installProvider } from "../../provider/helpers/install";
import { actionsOf, PROVIDER_BLOCK, requireTerraform, Workdir } from "../../provider/helpers/terraform";
import type { InstanceCloud } from "./instance-cloud";

interface Declared {
  readonly flavorId: string;
  readonly power: "active" | "paused" | "shutoff";
}

export function instanceResourceTests(getFixture: () => InstanceCloud | Promise<InstanceCloud>): void {
  const name = `pv-e2e-tf-${Date.now().toString(36)}`;
  let fixture: InstanceCloud;
  let cloud: OpenStackCloud;
  let wd: Workdir | undefined;
  let imageId: string;
  let small: string;
  let big: string;
  const bigName = () => `${fixture.qemu.flavor}-tf-resized`;
  const tfEnv = () => ({ TF_VAR_os_password: fixture.credentials.password });

  const config = (d: Declared) => `${PROVIDER_BLOCK}
variable "os_password" {
  type      = string
  sensitive = true
}
resource "polyvisor_instance" "vm" {
  name        = "${name}"
  image_id    = "${imageId}"
  flavor_id   = "${d.flavorId}"
  driver      = "libvirt-qemu-x86"
  release     = "${fixture.release ?? "zed"}"
  power_state = "${d.power}"
  auth {
    auth_url     = "${fixture.credentials.authUrl}"
    username     = "${fixture.credentials.username}"
    password     = var.os_password
    project_name = "${fixture.credentials.projectName}"
    region       = "${fixture.credentials.regionName ?? "RegionOne"}"
  }
}
`;
  const apply = (d: Declared) => {
    wd!.write("main.tf", config(d));
    return wd!.ok(["apply", "-auto-approve", "-input=false", "-no-color"], [0], tfEnv());
  };
  const plan = (d: Declared) => {
    wd!.write("main.tf", config(d));
    wd!.ok(["plan", "-input=false", "-no-color", "-out=plan.bin"], [0], tfEnv());
    return actionsOf(JSON.parse(wd!.ok(["show", "-json", "plan.bin"], [0], tfEnv()).stdout));
  };
  const noChanges = () => {
    const r = wd!.tf(["plan", "-detailed-exitcode", "-input=false", "-no-color"], tfEnv());
    expect(r.code, `expected no changes, got:\n${r.stdout}\n${r.stderr}`).toBe(0);
  };
  const serverId = () => wd!.state().resources.find((r) => r.type === "polyvisor_instance")!.instances[0].attributes.id as string;

  beforeAll(async () => {
    fixture = await getFixture();
    cloud = new OpenStackCloud(fixture.credentials);
    const [image] = await cloud.images.list({ name: fixture.qemu.image });
    if (!image) throw new Error(`the fixture's QEMU image ${fixture.qemu.image} does not exist`);
    imageId = image.id;
    const flavor = await cloud.flavors.find(fixture.qemu.flavor);
    if (!flavor) throw new Error(`the fixture's QEMU flavor ${fixture.qemu.flavor} does not exist`);
    small = flavor.id;
    const existing = await cloud.flavors.find(bigName());
    const bigger = existing ?? (await cloud.flavors.create({ name: bigName(), vcpus: flavor.vcpus, ram: flavor.ram + 64, disk: flavor.disk }));
    if (!existing) await cloud.flavors.setExtraSpecs(bigger.id, await cloud.flavors.extraSpecs(flavor.id));
    big = bigger.id;
    requireTerraform();
    installProvider();
    wd = Workdir.create("polyvisor-instance-e2e-");
    wd.write("main.tf", config({ flavorId: small, power: "active" }));
    wd.ok(["init", "-input=false", "-no-color"]);
  }, 300_000);

  afterAll(async () => {
    if (wd) wd.tf(["destroy", "-auto-approve", "-input=false", "-no-color"], tfEnv());
    wd?.remove();
    if (big) await cloud.flavors.delete(big).catch(() => undefined);
  }, 600_000);

  describe("polyvisor_instance through terraform", () => {
    test("given the QEMU image and flavor, when applied, then the server is ACTIVE on a QEMU node and a re-plan shows no changes", async () => {
      apply({ flavorId: small, power: "active" });
      const s = await cloud.servers.get(serverId());
      expect([s.status, fixture.qemuHosts.includes(s["OS-EXT-SRV-ATTR:host"] ?? "")]).toEqual(["ACTIVE", true]);
      noChanges();
    });

    test.each(["paused", "shutoff"] as const)("given the server, when power_state %s is declared, then it is updated in place to that state", async (power) => {
      const before = serverId();
      expect(plan({ flavorId: small, power })["polyvisor_instance.vm"]).toBe("update");
      apply({ flavorId: small, power });
      expect(serverId()).toBe(before);
      expect((await cloud.servers.get(before)).status).toBe(power.toUpperCase());
      noChanges();
    });

    test("given a bigger flavor and power_state active, when applied, then the same server is resized and running", async () => {
      const before = serverId();
      expect(plan({ flavorId: big, power: "active" })["polyvisor_instance.vm"]).toBe("update");
      apply({ flavorId: big, power: "active" });
      expect(serverId()).toBe(before);
      const s = await cloud.servers.get(before);
      expect([s.status, s.flavor.original_name]).toEqual(["ACTIVE", bigName()]);
      noChanges();
    });

    test("given the server, when destroyed, then nova no longer has it", async () => {
      const id = serverId();
      wd!.ok(["destroy", "-auto-approve", "-input=false", "-no-color"], [0], tfEnv());
      expect((await cloud.servers.list({ all_tenants: true })).map((s) => s.id)).not.toContain(id);
    });
  });
}
