// The whole lifecycle through the real terraform binary and the installed plugin, on resources
// that need no host: create, no-change re-plan, in-place update, forced replacement, drift after a
// hand edit, import, destroy; plus the data source, refusals and secret hygiene.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { installProvider } from "../helpers/install";
import { actionsOf, PROVIDER_BLOCK, requireTerraform, Workdir } from "../helpers/terraform";

let wd: Workdir;
const out = (name: string) => path.join(wd.dir, "out", name);

function config(opts: { file?: string; content?: string; mode?: string } = {}): string {
  return `${PROVIDER_BLOCK}
resource "polyvisor_rendered_file" "conf" {
  path    = "${out(opts.file ?? "nova.conf")}"
  content = "${opts.content ?? "[DEFAULT]\\ndebug = false\\n"}"
  mode    = "${opts.mode ?? "0640"}"
}
resource "polyvisor_password" "db" {
  name = "NOVA_DB_PASSWORD"
}
data "polyvisor_support_matrix" "zed" {
  release  = "zed"
  drivers  = ["libvirt-qemu-x86", "libvirt-lxc"]
  features = ["operation.live-migrate"]
}
resource "polyvisor_rendered_file" "matrix" {
  path    = "${out("matrix.json")}"
  content = jsonencode(data.polyvisor_support_matrix.zed.support)
}
`;
}

beforeAll(() => {
  requireTerraform();
  installProvider();
  wd = Workdir.create("polyvisor-tf-");
  wd.write("main.tf", config());
  wd.ok(["init", "-input=false", "-no-color"]);
});

afterAll(() => wd?.remove());

describe("terraform lifecycle on host-less resources", () => {
  test("given a new configuration, when applied, then files exist with their modes and state records their sha256", () => {
    wd.ok(["apply", "-auto-approve", "-input=false", "-no-color"]);
    expect(fs.readFileSync(out("nova.conf"), "utf8")).toBe("[DEFAULT]\ndebug = false\n");
    expect(fs.statSync(out("nova.conf")).mode & 0o777).toBe(0o640);
    expect(JSON.parse(fs.readFileSync(out("matrix.json"), "utf8"))).toEqual({
      "libvirt-qemu-x86/operation.live-migrate": "complete",
      "libvirt-lxc/operation.live-migrate": "missing",
    });
    const conf = wd.state().resources.find((r) => r.name === "conf")!;
    expect(conf.instances[0].attributes.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test("given nothing changed, when planned again, then terraform reports No changes", () => {
    const res = wd.ok(["plan", "-detailed-exitcode", "-input=false", "-no-color"]);
    expect(res.stdout).toContain("No changes.");
  });

  test("given new content, when planned, then the file is updated in place and apply writes it", () => {
    wd.write("main.tf", config({ content: "[DEFAULT]\\ndebug = true\\n" }));
    expect(actionsOf(wd.planJson())["polyvisor_rendered_file.conf"]).toBe("update");
    wd.ok(["apply", "-auto-approve", "-input=false", "-no-color"]);
    expect(fs.readFileSync(out("nova.conf"), "utf8")).toBe("[DEFAULT]\ndebug = true\n");
  });

  test("given a new path, when planned, then path forces replacement and apply moves the file", () => {
    wd.write("main.tf", config({ file: "nova-2.conf", content: "[DEFAULT]\\ndebug = true\\n" }));
    const plan = wd.planJson();
    const change = plan.resource_changes!.find((c) => c.address === "polyvisor_rendered_file.conf")!;
    expect(change.change.actions.sort()).toEqual(["create", "delete"]);
    expect(change.change.replace_paths).toEqual([["path"]]);
    wd.ok(["apply", "-auto-approve", "-input=false", "-no-color"]);
    expect([fs.existsSync(out("nova.conf")), fs.existsSync(out("nova-2.conf"))]).toEqual([false, true]);
  });

  test("given a hand edit of the file, when planned, then the drift shows and apply restores the content", () => {
    fs.appendFileSync(out("nova-2.conf"), "hand_edit = 1\n");
    const plan = wd.planJson();
    expect((plan.resource_drift ?? []).map((d) => d.address)).toContain("polyvisor_rendered_file.conf");
    expect(actionsOf(plan)["polyvisor_rendered_file.conf"]).toBe("update");
    const human = wd.ok(["plan", "-input=false", "-no-color"]).stdout;
    expect(human).toMatch(/- *hand_edit = 1/);
    wd.ok(["apply", "-auto-approve", "-input=false", "-no-color"]);
    expect(fs.readFileSync(out("nova-2.conf"), "utf8")).toBe("[DEFAULT]\ndebug = true\n");
  });

  test("given a chmod outside terraform, when planned, then the mode change is planned back", () => {
    fs.chmodSync(out("nova-2.conf"), 0o666);
    expect(actionsOf(wd.planJson())["polyvisor_rendered_file.conf"]).toBe("update");
    wd.ok(["apply", "-auto-approve", "-input=false", "-no-color"]);
    expect(fs.statSync(out("nova-2.conf")).mode & 0o777).toBe(0o640);
  });

  test("given a file forgotten by state, when imported by path, then the next plan has no changes", () => {
    wd.ok(["state", "rm", "polyvisor_rendered_file.conf"]);
    wd.ok(["import", "-input=false", "-no-color", "polyvisor_rendered_file.conf", out("nova-2.conf")]);
    expect(wd.ok(["plan", "-detailed-exitcode", "-input=false", "-no-color"]).stdout).toContain("No changes.");
  });

  test("given a generated password, when planned and logged at TRACE, then neither the plan nor the provider's log lines show it", () => {
    const secret = wd.state().resources.find((r) => r.type === "polyvisor_password")!.instances[0].attributes.value as string;
    expect(secret).toMatch(/^[A-Za-z0-9]{32}$/);
    const logFile = path.join(wd.dir, "trace.log");
    const res = wd.ok(["plan", "-input=false", "-no-color"], [0], { TF_LOG: "TRACE", TF_LOG_PATH: logFile });
    expect(res.stdout).not.toContain(secret);
    const providerLines = fs.readFileSync(logFile, "utf8").split("\n").filter((l) => l.includes("terraform-provider-polyvisor"));
    expect(providerLines.length).toBeGreaterThan(0);
    expect(providerLines.filter((l) => l.includes(secret))).toEqual([]);
  });

  test("given everything applied, when destroyed, then the files are gone and state is empty", () => {
    wd.ok(["destroy", "-auto-approve", "-input=false", "-no-color"]);
    expect(fs.readdirSync(path.join(wd.dir, "out"))).toEqual([]);
    expect(wd.state().resources).toEqual([]);
  });
});

describe("refusals through terraform", () => {
  test("given a relative path, when validated, then terraform shows polyvisor's error on the path attribute", () => {
    const bad = Workdir.create("polyvisor-tf-bad-");
    try {
      bad.write("main.tf", `${PROVIDER_BLOCK}\nresource "polyvisor_rendered_file" "x" {\n  path = "rel/x.conf"\n  content = "x"\n}\n`);
      bad.ok(["init", "-input=false", "-no-color"]);
      const res = bad.tf(["validate", "-no-color"]);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/path must be absolute/);
      expect(res.stderr).toMatch(/on main.tf line \d+, in resource "polyvisor_rendered_file" "x":\s+\d+:\s+path = "rel\/x.conf"/);
    } finally {
      bad.remove();
    }
  });

  test("given a host with no SSH key, when planned, then terraform shows the provider's error on that attribute", () => {
    const bad = Workdir.create("polyvisor-tf-host-");
    try {
      bad.write("main.tf", `${PROVIDER_BLOCK}\nresource "polyvisor_host" "h" {\n  name = "h1"\n  address = "10.0.0.1"\n  ssh_trust_on_first_use = true\n}\n`);
      bad.ok(["init", "-input=false", "-no-color"]);
      const res = bad.tf(["plan", "-input=false", "-no-color"]);
      expect(res.code).toBe(1);
      const text = res.stderr.replace(/\s+/g, " ");
      expect(text).toMatch(/polyvisor_host: no SSH key/);
      expect(text).toMatch(/ssh_private_key_path/);
    } finally {
      bad.remove();
    }
  });
});

describe("values known only after apply", () => {
  test("given content from another resource's id, when planned and applied, then sha256 is planned unknown and filled by apply", () => {
    const wd2 = Workdir.create("polyvisor-tf-late-");
    try {
      const file = path.join(wd2.dir, "late.txt");
      wd2.write("main.tf", `${PROVIDER_BLOCK}
resource "terraform_data" "source" {
  input = "v1"
}
resource "polyvisor_rendered_file" "late" {
  path    = "${file}"
  content = terraform_data.source.id
}
`);
      wd2.ok(["init", "-input=false", "-no-color"]);
      expect(wd2.ok(["plan", "-input=false", "-no-color"]).stdout.replace(/\s+/g, " ")).toContain("+ sha256 = (known after apply)");
      wd2.ok(["apply", "-auto-approve", "-input=false", "-no-color"]);
      const attrs = wd2.state().resources.find((r) => r.name === "late")!.instances[0].attributes;
      expect(attrs.content).toBe(fs.readFileSync(file, "utf8"));
      expect(attrs.sha256).toMatch(/^[0-9a-f]{64}$/);
      wd2.ok(["destroy", "-auto-approve", "-input=false", "-no-color"]);
    } finally {
      wd2.remove();
    }
  });
});
