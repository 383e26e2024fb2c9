// Secrets found under sensitive attributes never reach a diagnostic.
import { describe, expect, test } from "vitest";
import { error } from "../../../provider/lifecycle/diagnostics";
import { collectSecrets, redactDiagnostics } from "../../../provider/lifecycle/redact";
import { resources } from "../../../provider/schema";

describe("secret redaction", () => {
  test("given a host with a sensitive key and a nested BMC password, when collected, then both are found and nothing else", () => {
    const secrets = new Set<string>();
    collectSecrets(resources.polyvisor_host.schema.block, { name: "h1", ssh_private_key: "KEYKEYKEY", bmc: { password: "bmc-pass", username: "admin" } }, secrets);
    expect([...secrets].sort()).toEqual(["KEYKEYKEY", "bmc-pass"]);
  });

  test("given a diagnostic quoting a secret, when redacted, then summary and detail no longer contain it", () => {
    const out = redactDiagnostics([error("login as admin/bmc-pass failed", "ipmitool -P bmc-pass: denied")], new Set(["bmc-pass"]));
    expect(out[0]).toMatchObject({ summary: "login as admin/(sensitive value) failed", detail: "ipmitool -P (sensitive value): denied" });
  });

  test("given a secret shorter than 4 characters, when redacted, then ordinary text is left alone", () => {
    expect(redactDiagnostics([error("a b c")], new Set(["a"]))[0].summary).toBe("a b c");
  });
});
