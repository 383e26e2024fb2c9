import { describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { fillSecrets, hasSecrets, secretNames } from "../../../provisioners/stages/secrets";

describe("secret placeholders", () => {
  const template = "[database]\nconnection = mysql+pymysql://nova:${secret:nova_db}@db/nova\n[x]\npw=${secret:rabbit.pw} ${secret:nova_db}\n";

  test("given a template, then its secret names are listed once, in order", () => {
    expect(secretNames(template)).toEqual(["nova_db", "rabbit.pw"]);
    expect(hasSecrets(template)).toBe(true);
    expect(hasSecrets("plain = ${not_a_secret}")).toBe(false);
  });

  test("given every secret, when filled, then each placeholder holds its value", () => {
    const out = fillSecrets(template, { nova_db: "pw1", "rabbit.pw": "pw2" }, "h:files:/etc/nova/nova.conf");
    expect(out).toBe("[database]\nconnection = mysql+pymysql://nova:pw1@db/nova\n[x]\npw=pw2 pw1\n");
  });

  test("given a missing secret, when filled, then SecretMissing names the file and the secret but no value", () => {
    try {
      fillSecrets(template, { nova_db: "very-secret-value" }, "node1:files:/etc/nova/nova.conf");
      expect.unreachable();
    } catch (err) {
      expect(isPolyvisorError(err, "SecretMissing")).toBe(true);
      const message = (err as Error).message;
      expect(message).toContain("node1:files:/etc/nova/nova.conf");
      expect(message).toContain("rabbit.pw");
      expect(message).not.toContain("very-secret-value");
    }
  });
});
