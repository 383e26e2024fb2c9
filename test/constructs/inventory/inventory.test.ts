import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import { Inventory, InventoryProblem } from "../../../constructs";
import { isPolyvisorError } from "../../../provisioners/errors";

const GOOD = `version: 1
hosts:
  - name: ctl
    address: 10.0.0.10
    role: controller
    ssh: { user: root, port: 2222, host_key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC6b" }
    bmc: { type: ipmi, address: 127.0.0.1, port: 9001, username: admin, password_variable: bmc_password }
  - name: cmp-1
    address: cmp-1.example
`;

function problemsOf(text: string): { message: string; problems: InventoryProblem[] } {
  try {
    Inventory.parse(text, "hosts.yaml");
  } catch (e) {
    expect(isPolyvisorError(e, "InventoryInvalid")).toBe(true);
    return { message: (e as Error).message, problems: (e as { problems: InventoryProblem[] }).problems };
  }
  throw new Error("expected InventoryInvalid");
}

describe("Inventory", () => {
  test("given a valid file, when loaded from disk, then hosts map to host options", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "inv-")), "hosts.yaml");
    fs.writeFileSync(file, GOOD);
    const inv = Inventory.fromFile(file);
    expect(inv.hosts.map((h) => h.name)).toEqual(["ctl", "cmp-1"]);
    expect(inv.host("ctl")).toMatchObject({
      address: "10.0.0.10", role: "controller", sshUser: "root", sshPort: 2222,
      bmc: { type: "ipmi", port: 9001, username: "admin", passwordVariable: "bmc_password" },
    });
    expect(inv.withRole("controller").map((h) => h.name)).toEqual(["ctl"]);
  });

  test.each([
    ["an out-of-range port", GOOD.replace("port: 2222", "port: 70000"), 6, "hosts[0].ssh.port", 70000, "<= 65535"],
    ["an unknown BMC type", GOOD.replace("type: ipmi", "type: ilo"), 7, "hosts[0].bmc.type", "ilo", "ipmi, redfish"],
    ["an unknown role", GOOD.replace("role: controller", "role: master"), 5, "hosts[0].role", "master", "controller, compute, storage, proxy"],
    ["a bad address", GOOD.replace("address: cmp-1.example", "address: 10.0.0.300"), 9, "hosts[1].address", "10.0.0.300", "text matching"],
    ["a misspelt field", GOOD.replace("role: controller", "rol: controller"), 5, "hosts[0].rol", "controller", "name, address, role"],
    ["a missing address", GOOD.replace("    address: cmp-1.example\n", ""), 8, "hosts[1].address", undefined, "a value for address"],
  ])("given %s, when parsed, then the problem names file, line, field, value and what is allowed", (_what, text, line, field, value, allowed) => {
    const { message, problems } = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "hosts.yaml", line, field });
    expect(problems[0].value).toEqual(value);
    expect(problems[0].allowed).toContain(allowed);
    expect(message).toContain(`hosts.yaml:${line}: ${field}:`);
    expect(message).toContain("nothing was synthesized");
  });

  test("given a BMC with both a password variable and a password file, when parsed, then the one-source rule is reported on the bmc line", () => {
    const { problems } = problemsOf(GOOD.replace("password_variable: bmc_password", "password_variable: bmc_password, password_file: /run/bmc"));
    expect(problems).toEqual([expect.objectContaining({ line: 7, field: "hosts[0].bmc", message: "needs exactly one of its alternatives" })]);
  });

  test("given a BMC password file, when loaded, then the host option carries the file", () => {
    const inv = Inventory.parse(GOOD.replace("password_variable: bmc_password", "password_file: /run/bmc-pass"));
    expect(inv.host("ctl").bmc).toMatchObject({ passwordFile: "/run/bmc-pass", passwordVariable: undefined });
  });

  test("given a duplicate host name, when parsed, then the second occurrence's line is reported", () => {
    const { problems } = problemsOf(GOOD.replace("name: cmp-1", "name: ctl"));
    expect(problems).toEqual([expect.objectContaining({ line: 8, field: "hosts[1].name", value: "ctl", message: "duplicate host name" })]);
  });

  test("given broken YAML, when parsed, then the YAML error's line is reported", () => {
    const { problems } = problemsOf("hosts:\n  - name: a\n   address: [\n");
    expect(problems[0].field).toBe("(yaml)");
    expect(problems[0].line).toBeGreaterThanOrEqual(2);
  });

  test("given a missing file, when loaded, then InventoryNotFound names the path", () => {
    let err: unknown;
    try {
      Inventory.fromFile("/nonexistent/hosts.yaml");
    } catch (e) {
      err = e;
    }
    expect(isPolyvisorError(err, "InventoryNotFound")).toBe(true);
    expect((err as Error).message).toContain("/nonexistent/hosts.yaml");
  });

  test("given an unknown host name, when looked up, then UnknownInventoryHost lists the names", () => {
    const inv = Inventory.parse(GOOD);
    expect(() => inv.host("nope")).toThrow(/UnknownInventoryHost.*Allowed: ctl, cmp-1/);
  });
});
