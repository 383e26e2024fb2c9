// The plugin's TLS identity, checked with node's own X.509 parser.
import * as crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { createServerIdentity } from "../../../provider/protocol/certificate";

describe("server identity", () => {
  const now = new Date("2026-11-21T06:00:00Z");
  const id = createServerIdentity(now);
  const cert = new crypto.X509Certificate(id.certDer);

  test("given a fresh identity, when parsed, then it is a self-signed CA for DNS name localhost on P-256", () => {
    expect(cert.subjectAltName).toBe("DNS:localhost");
    expect(cert.ca).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  });

  test("given a fresh identity, when its usages are read, then it serves both TLS server and client auth", () => {
    expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"]);
  });

  test("given the time it was made, when validity is read, then it started 30 s earlier and lasts 30 days", () => {
    expect(new Date(cert.validFrom).toISOString()).toBe("2026-11-21T05:59:30.000Z");
    expect(new Date(cert.validTo).toISOString()).toBe("2026-12-21T06:00:00.000Z");
  });

  test("given the PEM key, when it signs, then the certificate's public key verifies it", () => {
    const sig = crypto.sign("sha256", Buffer.from("x"), id.keyPem);
    expect(crypto.verify("sha256", Buffer.from("x"), cert.publicKey, sig)).toBe(true);
  });
});
