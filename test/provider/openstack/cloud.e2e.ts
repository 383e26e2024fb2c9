// The six OpenStack API resources against a REAL cloud, through the real terraform binary and the
// installed plugin: create, re-plan with no changes, update in place, resize, imperative states
// converged, replace, refresh of a deleted object, a failed build not recorded, import, destroy.
// Every step is checked in the cloud itself through polyvisor's REST clients.
//
// Needs (fails loudly, never skips, when any is missing or the cloud does not answer):
//   OS_AUTH_URL, OS_PASSWORD              keystone v3 URL and the admin password
//   OS_USERNAME, OS_PROJECT_NAME          default admin / admin
//   OS_REGION_NAME                        default RegionOne
//   POLYVISOR_E2E_IMAGE                   a small bootable image file (e.g. cirros qcow2)
//   POLYVISOR_E2E_IMAGE_FORMAT            default qcow2
//   POLYVISOR_E2E_PHYSNET                 physnet for the VLAN network (default physnet1)
//   POLYVISOR_E2E_COMPUTE_HOST            aggregate member (default: the first nova-compute service)
// Run: npx vitest run --config test/provider/openstack/vitest.e2e.config.ts
import * as fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { credentialsFromEnvironment, OpenStackCloud } from "../../../provisioners/openstack";
import { installProvider } from "../helpers/install";
import { actionsOf, PROVIDER_BLOCK, requireTerraform, Workdir } from "../helpers/terraform";

const env = process.env;
const REQUIRED = ["OS_AUTH_URL", "OS_PASSWORD", "POLYVISOR_E2E_IMAGE"];
const PREFIX = `pv-e2e-${process.pid}`;

interface Stage {
  aggregateZone: string;
  aggregateMeta: Record<string, string>;
  smallVcpus: number;
  smallSpecs: Record<string, string>;
  imageName: string;
  imageProps: Record<string, string>;
  networkName: string;
  vlan: number;
  dhcp: boolean;
  volumeTypeName: string;
  volumeSpecs: Record<string, string>;
  instanceFlavor: "small" | "medium";
  power: string;
}

const initial: Stage = {
  aggregateZone: `${PREFIX}-az`,
  aggregateMeta: { hypervisor: "qemu" },
  smallVcpus: 1,
  smallSpecs: { "hw:cpu_policy": "shared" },
  imageName: `${PREFIX}-img`,
  imageProps: { hw_disk_bus: "virtio" },
  networkName: `${PREFIX}-net`,
  vlan: 3901,
  dhcp: false,
  volumeTypeName: `${PREFIX}-vt`,
  volumeSpecs: { "polyvisor:tier": "gold" },
  instanceFlavor: "small",
  power: "active",
};

let wd: Workdir;
let cloud: OpenStackCloud;
let computeHost: string;
let stage: Stage = { ...initial };
const tfEnv = () => ({
  TF_VAR_os_password: env.OS_PASSWORD!,
  OS_AUTH_URL: env.OS_AUTH_URL!,
  OS_USERNAME: env.OS_USERNAME ?? "admin",
  OS_PASSWORD: env.OS_PASSWORD!,
  OS_PROJECT_NAME: env.OS_PROJECT_NAME ?? "admin",
  OS_REGION_NAME: env.OS_REGION_NAME ?? "RegionOne",
});

const hclMap = (m: Record<string, string>) => `{ ${Object.entries(m).map(([k, v]) => `"${k}" = "${v}"`).join(", ")} }`;

function config(s: Stage, extra = ""): string {
  const auth = `
  auth {
    auth_url     = "${env.OS_AUTH_URL}"
    username     = "${env.OS_USERNAME ?? "admin"}"
    password     = var.os_password
    project_name = "${env.OS_PROJECT_NAME ?? "admin"}"
    region       = "${env.OS_REGION_NAME ?? "RegionOne"}"
  }`;
  return `${PROVIDER_BLOCK}
variable "os_password" {
  type      = string
  sensitive = true
}
resource "polyvisor_aggregate" "agg" {
  name              = "${PREFIX}-agg"
  availability_zone = "${s.aggregateZone}"
  metadata          = ${hclMap(s.aggregateMeta)}
  hosts             = ["${computeHost}"]
${auth}
}
resource "polyvisor_flavor" "small" {
  name        = "${PREFIX}-small"
  vcpus       = ${s.smallVcpus}
  ram_mb      = 256
  disk_gb     = 1
  extra_specs = ${hclMap(s.smallSpecs)}
${auth}
}
resource "polyvisor_flavor" "medium" {
  name    = "${PREFIX}-medium"
  vcpus   = 1
  ram_mb  = 320
  disk_gb = 1
${auth}
}
resource "polyvisor_image" "img" {
  name             = "${s.imageName}"
  disk_format      = "${env.POLYVISOR_E2E_IMAGE_FORMAT ?? "qcow2"}"
  container_format = "bare"
  source_path      = "${env.POLYVISOR_E2E_IMAGE}"
  hypervisor_type  = "qemu"
  properties       = ${hclMap(s.imageProps)}
${auth}
}
resource "polyvisor_network" "net" {
  name             = "${s.networkName}"
  network_type     = "vlan"
  physical_network = "${env.POLYVISOR_E2E_PHYSNET ?? "physnet1"}"
  segmentation_id  = ${s.vlan}
  cidr             = "198.51.100.0/24"
  enable_dhcp      = ${s.dhcp}
${auth}
}
resource "polyvisor_volume_type" "vt" {
  name                = "${s.volumeTypeName}"
  volume_backend_name = "${PREFIX}-backend"
  extra_specs         = ${hclMap(s.volumeSpecs)}
${auth}
}
resource "polyvisor_instance" "vm" {
  name        = "${PREFIX}-vm"
  image_id    = polyvisor_image.img.id
  flavor_id   = polyvisor_flavor.${s.instanceFlavor}.id
  network_ids = []
  power_state = "${s.power}"
  # Nova refuses to move a host that has servers into another zone: the aggregate comes first.
  depends_on  = [polyvisor_aggregate.agg]
${auth}
}
${extra}`;
}

function apply(s: Stage, extra = "") {
  stage = s;
  wd.write("main.tf", config(s, extra));
  return wd.ok(["apply", "-auto-approve", "-input=false", "-no-color"], [0], tfEnv());
}

function plan(s: Stage = stage) {
  wd.write("main.tf", config(s));
  wd.ok(["plan", "-input=false", "-no-color", "-out=plan.bin"], [0], tfEnv());
  return JSON.parse(wd.ok(["show", "-json", "plan.bin"], [0], tfEnv()).stdout) as ReturnType<Workdir["planJson"]>;
}

function expectNoChanges(): void {
  const res = wd.tf(["plan", "-detailed-exitcode", "-input=false", "-no-color"], tfEnv());
  expect(res.code, `expected "No changes" (exit 0), got:\n${res.stdout}\n${res.stderr}`).toBe(0);
}

const id = (address: string) => {
  const [type, name] = address.split(".");
  return wd.state().resources.find((r) => r.type === type && r.name === name)!.instances[0].attributes.id as string;
};

beforeAll(async () => {
  const missing = REQUIRED.filter((n) => !env[n]);
  if (missing.length > 0) throw new Error(`cloud.e2e needs a real OpenStack cloud: set ${missing.join(", ")} (see the header of test/provider/openstack/cloud.e2e.ts)`);
  if (!fs.existsSync(env.POLYVISOR_E2E_IMAGE!)) throw new Error(`POLYVISOR_E2E_IMAGE=${env.POLYVISOR_E2E_IMAGE} does not exist`);
  cloud = new OpenStackCloud(credentialsFromEnvironment({ OS_USERNAME: "admin", OS_PROJECT_NAME: "admin", OS_REGION_NAME: "RegionOne", ...env }));
  try {
    await cloud.session.token();
  } catch (err) {
    throw new Error(`no OpenStack cloud answers at OS_AUTH_URL=${env.OS_AUTH_URL}: ${(err as Error).message}`);
  }
  computeHost = env.POLYVISOR_E2E_COMPUTE_HOST ?? (await cloud.infrastructure.services({ binary: "nova-compute" }))[0]?.host ?? "";
  if (!computeHost) throw new Error("the cloud has no nova-compute service: deploy a compute node first");
  requireTerraform();
  installProvider();
  wd = Workdir.create("polyvisor-cloud-e2e-");
  wd.write("main.tf", config(stage));
  wd.ok(["init", "-input=false", "-no-color"]);
});

afterAll(() => {
  // Leave nothing behind in the cloud, whatever failed.
  if (wd) wd.tf(["destroy", "-auto-approve", "-input=false", "-no-color"], tfEnv());
  wd?.remove();
});

describe("OpenStack API resources on a real cloud", () => {
  test("given the six resources, when applied, then each exists in the cloud as declared", async () => {
    apply(initial);
    const agg = await cloud.aggregates.get(id("polyvisor_aggregate.agg"));
    expect([agg.hosts, agg.availability_zone, agg.metadata.hypervisor]).toEqual([[computeHost], initial.aggregateZone, "qemu"]);
    expect(await cloud.flavors.extraSpecs(id("polyvisor_flavor.small"))).toEqual(initial.smallSpecs);
    const img = await cloud.images.get(id("polyvisor_image.img"));
    expect([img.status, img.hypervisor_type, img.hw_disk_bus]).toEqual(["active", "qemu", "virtio"]);
    const net = await cloud.network.network(id("polyvisor_network.net"));
    expect([net["provider:network_type"], net["provider:segmentation_id"], net.subnets.length]).toEqual(["vlan", initial.vlan, 1]);
    expect((await cloud.volumes.type(id("polyvisor_volume_type.vt"))).extra_specs).toEqual({ ...initial.volumeSpecs, volume_backend_name: `${PREFIX}-backend` });
    expect((await cloud.servers.get(id("polyvisor_instance.vm"))).status).toBe("ACTIVE");
  });

  test("given nothing changed (Glance added its own properties meanwhile), when planned, then there are no changes", () => {
    expectNoChanges();
  });

  test("given new metadata, zone, extra specs, properties, DHCP and power_state shutoff, when planned and applied, then all change in place", async () => {
    const next: Stage = { ...stage, aggregateZone: `${PREFIX}-az2`, aggregateMeta: { hypervisor: "qemu", tier: "b" }, smallSpecs: { "hw:cpu_policy": "dedicated" }, imageProps: { hw_disk_bus: "scsi" }, dhcp: true, volumeSpecs: { "polyvisor:tier": "silver" }, power: "shutoff" };
    const actions = actionsOf(plan(next));
    for (const a of ["polyvisor_aggregate.agg", "polyvisor_flavor.small", "polyvisor_image.img", "polyvisor_network.net", "polyvisor_volume_type.vt", "polyvisor_instance.vm"]) expect(actions[a], a).toBe("update");
    apply(next);
    expect((await cloud.aggregates.get(id("polyvisor_aggregate.agg"))).availability_zone).toBe(`${PREFIX}-az2`);
    expect((await cloud.images.get(id("polyvisor_image.img"))).hw_disk_bus).toBe("scsi");
    expect((await cloud.network.subnet((await cloud.network.network(id("polyvisor_network.net"))).subnets[0])).enable_dhcp).toBe(true);
    expect((await cloud.servers.get(id("polyvisor_instance.vm"))).status).toBe("SHUTOFF");
    expectNoChanges();
  });

  test("given the server rescued by hand, when planned and applied, then power_state shows rescued and apply brings it back", async () => {
    apply({ ...stage, power: "active" });
    const vm = id("polyvisor_instance.vm");
    await cloud.servers.rescue(vm);
    for (let i = 0; i < 150 && (await cloud.servers.get(vm)).status !== "RESCUE"; i++) await new Promise((r) => setTimeout(r, 2000));
    expect(actionsOf(plan())["polyvisor_instance.vm"]).toBe("update");
    apply(stage);
    expect((await cloud.servers.get(vm)).status).toBe("ACTIVE");
    expectNoChanges();
  });

  test("given a new flavor for the instance, when planned and applied, then it is resized in place (same server id)", async () => {
    const before = id("polyvisor_instance.vm");
    const next: Stage = { ...stage, instanceFlavor: "medium" };
    expect(actionsOf(plan(next))["polyvisor_instance.vm"]).toBe("update");
    apply(next);
    expect(id("polyvisor_instance.vm")).toBe(before);
    expect((await cloud.servers.get(before)).flavor.original_name).toBe(`${PREFIX}-medium`);
    expectNoChanges();
  });

  test("given a flavor size, image, VLAN and type name change, when planned, then each is a replacement, the instance's too, and apply makes them", async () => {
    const oldVm = id("polyvisor_instance.vm");
    const next: Stage = { ...stage, smallVcpus: 2, imageName: `${PREFIX}-img2`, vlan: 3902, volumeTypeName: `${PREFIX}-vt2` };
    const p = plan(next);
    const actions = actionsOf(p);
    for (const a of ["polyvisor_flavor.small", "polyvisor_image.img", "polyvisor_network.net", "polyvisor_volume_type.vt", "polyvisor_instance.vm"]) {
      expect(actions[a]?.split(",").sort(), a).toEqual(["create", "delete"]);
    }
    expect(p.resource_changes!.find((c) => c.address === "polyvisor_instance.vm")!.change.replace_paths).toEqual([["image_id"]]);
    apply(next);
    expect(id("polyvisor_instance.vm")).not.toBe(oldVm);
    expect(await cloud.servers.getIfExists(oldVm)).toBeUndefined();
    expectNoChanges();
  });

  test("given the volume type deleted by hand, when planned, then terraform plans to create it again", async () => {
    await cloud.volumes.deleteType(id("polyvisor_volume_type.vt"));
    expect(actionsOf(plan())["polyvisor_volume_type.vt"]).toBe("create");
    apply(stage);
    expectNoChanges();
  });

  test("given a flavor no host can take (1 PB root disk), when an instance is applied, then the build fails with nova's fault and nothing is recorded or left", async () => {
    const broken = `
resource "polyvisor_flavor" "huge" {
  name    = "${PREFIX}-huge"
  vcpus   = 1
  ram_mb  = 256
  disk_gb = 1000000
  auth {
    auth_url = "${env.OS_AUTH_URL}"
    password = var.os_password
    username = "${env.OS_USERNAME ?? "admin"}"
    project_name = "${env.OS_PROJECT_NAME ?? "admin"}"
    region = "${env.OS_REGION_NAME ?? "RegionOne"}"
  }
}
resource "polyvisor_instance" "broken" {
  name      = "${PREFIX}-broken"
  image_id  = polyvisor_image.img.id
  flavor_id = polyvisor_flavor.huge.id
  auth {
    auth_url = "${env.OS_AUTH_URL}"
    password = var.os_password
    username = "${env.OS_USERNAME ?? "admin"}"
    project_name = "${env.OS_PROJECT_NAME ?? "admin"}"
    region = "${env.OS_REGION_NAME ?? "RegionOne"}"
  }
}`;
    wd.write("main.tf", config(stage, broken));
    const res = wd.tf(["apply", "-auto-approve", "-input=false", "-no-color"], tfEnv());
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/BuildFailed[\s\S]*nova fault[\s\S]*was deleted/);
    expect(wd.state().resources.some((r) => r.name === "broken")).toBe(false);
    expect(await cloud.servers.list({ name: `${PREFIX}-broken` })).toEqual([]);
    apply(stage);
  });

  test.each([
    ["polyvisor_aggregate.agg", "no-op"],
    ["polyvisor_flavor.small", "no-op"],
    ["polyvisor_flavor.medium", "no-op"],
    ["polyvisor_network.net", "no-op"],
    ["polyvisor_volume_type.vt", "no-op"],
    ["polyvisor_instance.vm", "no-op"],
    ["polyvisor_image.img", "update"],
  ])("given %s removed from state, when imported by id, then the next plan is %s", (address, want) => {
    const objectId = id(address);
    wd.ok(["state", "rm", address], [0], tfEnv());
    wd.ok(["import", "-input=false", "-no-color", address, objectId], [0], tfEnv());
    // An imported image has no source_path in state: it is adopted in place (checksum = the file's MD5), not replaced.
    expect(actionsOf(plan())[address]).toBe(want);
    if (want !== "no-op") apply(stage);
    expectNoChanges();
  });

  test("given everything, when destroyed, then nothing of it is left in the cloud", async () => {
    const ids = Object.fromEntries(["polyvisor_aggregate.agg", "polyvisor_flavor.small", "polyvisor_image.img", "polyvisor_network.net", "polyvisor_volume_type.vt", "polyvisor_instance.vm"].map((a) => [a, id(a)]));
    wd.ok(["destroy", "-auto-approve", "-input=false", "-no-color"], [0], tfEnv());
    expect(await cloud.servers.getIfExists(ids["polyvisor_instance.vm"])).toBeUndefined();
    expect(await cloud.images.getIfExists(ids["polyvisor_image.img"])).toBeUndefined();
    expect(await cloud.flavors.find(ids["polyvisor_flavor.small"])).toBeUndefined();
    await expect(cloud.aggregates.get(ids["polyvisor_aggregate.agg"])).rejects.toThrow(/404/);
    await expect(cloud.network.network(ids["polyvisor_network.net"])).rejects.toThrow(/404/);
    await expect(cloud.volumes.type(ids["polyvisor_volume_type.vt"])).rejects.toThrow(/404/);
  });
});
