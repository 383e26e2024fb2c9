// The plugin's TLS identity for go-plugin's automatic mutual TLS: a fresh EC P-256 key and a
// self-signed certificate for DNS name `localhost` on every start (terraform pins it from the
// handshake line). Built with node:crypto alone: RSA or a full X.509 library would cost most of
// the start-up budget.
import * as crypto from "node:crypto";
import * as der from "./private/der";

export interface ServerIdentity {
  /** PEM private key for the TLS server. */
  readonly keyPem: string;
  /** PEM certificate for the TLS server. */
  readonly certPem: string;
  /** DER certificate, as announced in the handshake line. */
  readonly certDer: Buffer;
}

const OID = {
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectAltName: "2.5.29.17",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
};

const extension = (id: string, critical: boolean, value: Buffer) =>
  der.sequence(der.oid(id), ...(critical ? [der.boolean(true)] : []), der.octetString(value));

const name = (commonName: string) =>
  der.sequence(
    der.set(der.sequence(der.oid(OID.organization), der.utf8String("polyvisor"))),
    der.set(der.sequence(der.oid(OID.commonName), der.utf8String(commonName))),
  );

export function createServerIdentity(now = new Date()): ServerIdentity {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const algorithm = der.sequence(der.oid(OID.ecdsaWithSha256));
  const subject = name("localhost");
  // keyUsage bits: digitalSignature (0), keyAgreement (4), keyCertSign (5).
  const keyUsage = der.bitString(Buffer.from([0b10001100]), 2);
  const tbs = der.sequence(
    der.explicit(0, der.smallInteger(2)),
    der.unsignedInteger(crypto.randomBytes(16)),
    algorithm,
    subject,
    der.sequence(der.utcTime(new Date(now.getTime() - 30_000)), der.utcTime(new Date(now.getTime() + 30 * 86_400_000))),
    subject,
    spki,
    der.explicit(
      3,
      der.sequence(
        extension(OID.basicConstraints, true, der.sequence(der.boolean(true))),
        extension(OID.keyUsage, true, keyUsage),
        extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.serverAuth), der.oid(OID.clientAuth))),
        extension(OID.subjectAltName, false, der.sequence(der.tlv(0x82, Buffer.from("localhost", "ascii")))),
      ),
    ),
  );
  const signature = crypto.sign("sha256", tbs, privateKey);
  const certDer = der.sequence(tbs, algorithm, der.bitString(signature));
  const certPem = `-----BEGIN CERTIFICATE-----\n${certDer.toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;
  return { keyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string, certPem, certDer };
}
