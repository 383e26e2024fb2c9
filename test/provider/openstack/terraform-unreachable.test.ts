// The six OpenStack API resources through the real terraform binary and the installed plugin while
// the cloud is not reachable (auth_url on a closed loopback port): apply fails with one clear
// diagnostic per resource (resource address, auth.auth_url, the URL, no password) and records
// nothing; refresh of existing state fails the same way; the capability gate refuses at plan time
// with no cloud at all; import says what it needs.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installProvider } from "../helpers/install";
import { PROVIDER_BLOCK, requireTerraform, Workdir } from "../helpers/terraform";
import { closedPort, SECRET } from "./support";

let wd: Workdir;
let url: string;

const authBlock = () => `
  auth {
    auth_url = "${url}"
    password = var.os_password
  }`;

function config(instanceExtra = ""): string {
  return `${PROVIDER_BLOCK}
variable "os_password" {
  type      = string
  sensitive = true
  default   = "${SECRET}"
}
resource "polyvisor_aggregate" "lxc" {
  name              = "lxc-hosts"
  availability_zone = "lxc-az"
  metadata          = { hypervisor = "lxc" }
  hosts             = ["cmp1"]
${authBlock()}
}
resource "polyvisor_flavor" "small" {
  name        = "m1.small"
  vcpus       = 1
  ram_mb      = 512
  disk_gb     = 1
  extra_specs = { "aggregate_instance_extra_specs:hypervisor" = "lxc" }
${authBlock()}
}
resource "polyvisor_image" "cirros" {
  name             = "cirros"
  disk_format      = "qcow2"
  container_format = "bare"
  hypervisor_type  = "qemu"
${authBlock()}
}
resource "polyvisor_network" "provider" {
  name             = "provider"
  network_type     = "vlan"
  physical_network = "physnet1"
  segmentation_id  = 100
  cidr             = "192.0.2.0/24"
${authBlock()}
}
resource "polyvisor_volume_type" "lvm" {
  name                = "lvm"
  volume_backend_name = "lvm-1"
${authBlock()}
}
resource "polyvisor_instance" "web" {
  name      = "web"
  image_id  = "0b5e2c6e-6a0e-4a8e-9b7b-2f1f3c1d2e3f"
  flavor_id = "m1.small"
  ${instanceExtra}
${authBlock()}
}
`;
}

const TYPES = ["polyvisor_aggregate.lxc", "polyvisor_flavor.small", "polyvisor_image.cirros", "polyvisor_network.provider", "polyvisor_volume_type.lvm", "polyvisor_instance.web"];

/** Terraform's error blocks, one per diagnostic (split on the "Error:" headings). */
const errorBlocks = (text: string) => text.split(/\n(?=│ Error: |Error: )/).filter((b) => /Error: /.test(b));

beforeAll(async () => {
  requireTerraform();
  installProvider();
  url = `http://127.0.0.1:${await closedPort()}/v3`;
  wd = Workdir.create("polyvisor-os-");
  wd.write("main.tf", config());
  wd.ok(["init", "-input=false", "-no-color"]);
});

afterAll(() => wd?.remove());

describe("OpenStack API resources with the cloud unreachable, through terraform", () => {
  test("given a closed auth_url, when applied, then each resource fails with its address, auth.auth_url and the URL, nothing is recorded and the password never shows", () => {
    const res = wd.tf(["apply", "-auto-approve", "-input=false", "-no-color"]);
    const output = `${res.stdout}\n${res.stderr}`;
    expect(res.code).toBe(1);
    const blocks = errorBlocks(res.stderr);
    for (const address of TYPES) {
      const block = blocks.find((b) => b.includes(`with ${address},`));
      expect(block, `an error block for ${address} in:\n${res.stderr}`).toBeDefined();
      expect(block).toContain(`keystone at ${url} did not answer`);
      expect(block).toMatch(/auth_url = "http:\/\/127\.0\.0\.1:\d+\/v3"/);
    }
    expect(output).not.toContain(SECRET);
    const state = fs.existsSync(path.join(wd.dir, "terraform.tfstate")) ? wd.state() : { resources: [] };
    expect(state.resources).toEqual([]);
  });

  test("given state for an existing flavor, when planned, then the refresh fails naming the flavor, auth.auth_url and the URL", () => {
    const attributes = {
      id: "f-1", name: "m1.small", vcpus: 1, ram_mb: 512, disk_gb: 1, ephemeral_gb: 0, is_public: true,
      extra_specs: { "aggregate_instance_extra_specs:hypervisor": "lxc" },
      auth: [{ auth_url: url, username: "admin", password: SECRET, project_name: "admin", region: "RegionOne" }],
    };
    const state = {
      version: 4, terraform_version: "1.11.4", serial: 1, lineage: "0f7a9c1e-0000-4000-8000-000000000001", outputs: {},
      resources: [{ mode: "managed", type: "polyvisor_flavor", name: "small", provider: 'provider["registry.terraform.io/polyvisor/polyvisor"]', instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }] }],
    };
    wd.write("terraform.tfstate", JSON.stringify({ ...state, resources: [{ ...state.resources[0], instances: [{ ...state.resources[0].instances[0], attributes: { ...attributes, auth: attributes.auth[0] } }] }] }));
    const res = wd.tf(["plan", "-input=false", "-no-color", "-target=polyvisor_flavor.small"]);
    expect(res.code).toBe(1);
    const block = errorBlocks(res.stderr).find((b) => b.includes("with polyvisor_flavor.small,"));
    expect(block, res.stderr).toContain(`polyvisor_flavor: reading flavor f-1 failed: keystone at ${url} did not answer`);
    expect(`${res.stdout}${res.stderr}`).not.toContain(SECRET);
    fs.rmSync(path.join(wd.dir, "terraform.tfstate"));
  });

  test("given no OS_* variables, when a flavor is imported, then terraform says which variables the import needs", () => {
    const res = wd.tf(["import", "-input=false", "-no-color", "polyvisor_flavor.small", "f-1"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/ImportCredentialsMissing[\s\S]*OS_AUTH_URL/);
  });

  test("given OS_* variables pointing at the closed port, when a flavor is imported, then the error names keystone's URL and not the password", () => {
    const env = { OS_AUTH_URL: url, OS_USERNAME: "admin", OS_PASSWORD: SECRET, OS_PROJECT_NAME: "admin" };
    const res = wd.tf(["import", "-input=false", "-no-color", "polyvisor_flavor.small", "f-1"], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`keystone at ${url} did not answer`);
    expect(`${res.stdout}${res.stderr}`).not.toContain(SECRET);
  });
});

describe("the capability gate at plan time, through terraform", () => {
  test("given an LXC instance declared suspended, when planned, then OperationNotSupported names driver, operation and release with no cloud reachable", () => {
    wd.write("main.tf", config(`driver = "libvirt-lxc"\n  release = "zed"\n  power_state = "suspended"`));
    const res = wd.tf(["plan", "-input=false", "-no-color", "-target=polyvisor_instance.web"]);
    expect(res.code).toBe(1);
    const block = errorBlocks(res.stderr).find((b) => b.includes("with polyvisor_instance.web,"));
    expect(block, res.stderr).toContain("OperationNotSupported");
    expect(block).toMatch(/libvirt-lxc cannot suspend in\s+OpenStack zed/);
    expect(block).toMatch(/power_state = "suspended"/);
  });

  test("given an unknown power state, when validated, then terraform names the allowed states", () => {
    wd.write("main.tf", config(`power_state = "hibernated"`));
    const res = wd.tf(["validate", "-no-color"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/unknown power_state[\s\S]*active, shutoff, paused, suspended, shelved/);
  });
});
