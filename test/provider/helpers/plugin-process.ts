// Launches the real installed plugin the way terraform does (environment, handshake line on stdout)
// and talks to it with an independent gRPC stack (@grpc/grpc-js + proto-loader over polyvisor's
// .proto files) using a client certificate of its own, as terraform's AutoMTLS does.
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { createServerIdentity, ServerIdentity } from "../../../provider/protocol/certificate";
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from "../../../provider/protocol/plugin-server";
import { installedLauncher } from "./install";

export const REPO = path.resolve(__dirname, "..", "..", "..");
const PROTO_DIR = path.join(REPO, "provider", "protocol", "proto");

export interface Handshake {
  readonly line: string;
  readonly core: string;
  readonly app: string;
  readonly network: string;
  readonly address: string;
  readonly protocol: string;
  readonly certDer: Buffer | null;
}

export function parseHandshake(line: string): Handshake {
  const [core, app, network, address, protocol, cert] = line.trim().split("|");
  return { line: line.trim(), core, app, network, address, protocol, certDer: cert ? Buffer.from(cert, "base64") : null };
}

export interface RunningPlugin {
  readonly process: ChildProcess;
  readonly handshake: Handshake;
  readonly clientIdentity: ServerIdentity;
  readonly stderr: () => string;
  /** A client for a service; `identity` defaults to the certificate the plugin was told about. */
  client(service: "tfplugin6.Provider" | "grpc.health.v1.Health" | "plugin.GRPCController" | "plugin.GRPCStdio", identity?: ServerIdentity): grpc.Client;
  stop(): Promise<number | null>;
}

let packageCache: grpc.GrpcObject | undefined;
function grpcPackage(): grpc.GrpcObject {
  packageCache ??= grpc.loadPackageDefinition(
    protoLoader.loadSync(["tfplugin6.proto", "go-plugin.proto", "health.proto"], { includeDirs: [PROTO_DIR], keepCase: true, longs: Number, enums: Number, defaults: true }),
  );
  return packageCache;
}

function serviceCtor(name: string): grpc.ServiceClientConstructor {
  let node: any = grpcPackage();
  for (const part of name.split(".")) node = node[part];
  return node as grpc.ServiceClientConstructor;
}

export const pemOf = (der: Buffer) => `-----BEGIN CERTIFICATE-----\n${der.toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;

export function pluginEnv(clientCertPem: string | undefined, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: "6", PLUGIN_MIN_PORT: "10000", PLUGIN_MAX_PORT: "25000", ...extra };
  if (clientCertPem) env.PLUGIN_CLIENT_CERT = clientCertPem;
  return env;
}

/** Starts the plugin; resolves once the handshake line is out. */
export function startPlugin(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningPlugin> {
  const clientIdentity = createServerIdentity();
  const child = spawn(installedLauncher(), [], { env: pluginEnv(clientIdentity.certPem, extraEnv), stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = "";
    child.once("exit", (code) => reject(new Error(`plugin exited with ${code} before the handshake: ${err}`)));
    child.stdout!.on("data", (d) => {
      out += d;
      if (!out.includes("\n")) return;
      child.removeAllListeners("exit");
      const handshake = parseHandshake(out.split("\n")[0]);
      const serverPem = handshake.certDer ? pemOf(handshake.certDer) : "";
      resolve({
        process: child,
        handshake,
        clientIdentity,
        stderr: () => err,
        client(service, identity = clientIdentity) {
          const creds = grpc.credentials.createSsl(Buffer.from(serverPem), Buffer.from(identity.keyPem), Buffer.from(identity.certPem));
          const Ctor = serviceCtor(service);
          return new Ctor(handshake.address, creds, { "grpc.ssl_target_name_override": "localhost", "grpc.default_authority": "localhost" });
        },
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done(child.exitCode);
            child.once("exit", (code) => done(code));
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

/** One unary call as a promise. */
export function call<T = any>(client: grpc.Client, method: string, request: object, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    (client as any)[method](request, { deadline: Date.now() + timeoutMs }, (err: grpc.ServiceError | null, res: T) => (err ? reject(err) : resolve(res)));
  });
}
