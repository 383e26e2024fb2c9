// The go-plugin side of the plugin: checks the environment terraform launches it with, serves gRPC
// with automatic mutual TLS on a loopback port, adds go-plugin's controller, stdio, broker and
// health services, and prints the handshake line terraform waits for.
import * as http2 from "node:http2";
import * as net from "node:net";
import { createServerIdentity } from "./certificate";
import { GrpcError, GrpcStatus, handleStream, Route } from "./grpc-server";
import { goPluginMethods } from "./messages";

/** Terraform's go-plugin magic cookie: proves the binary was launched by terraform. */
export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

export class HandshakeError extends Error {}

export interface PluginServerOptions {
  readonly providerRoutes: ReadonlyMap<string, Route>;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  /** Called once the controller's Shutdown was answered. */
  readonly onShutdown: () => void;
}

export interface RunningPlugin {
  readonly port: number;
  readonly handshakeLine: string;
  close(): Promise<void>;
}

function checkEnvironment(env: NodeJS.ProcessEnv): void {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    throw new HandshakeError(
      "This binary is a Terraform plugin (terraform-provider-polyvisor). It is started by terraform, not by hand: " +
        "install it with scripts/install-provider.sh and run terraform with TF_CLI_CONFIG_FILE=.polyvisor/terraformrc.",
    );
  }
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? String(APP_PROTOCOL_VERSION)).split(",").map((v) => v.trim());
  if (!offered.includes(String(APP_PROTOCOL_VERSION))) {
    throw new HandshakeError(
      `terraform offered plugin protocol versions ${offered.join(",")}; polyvisor speaks only protocol ${APP_PROTOCOL_VERSION} (terraform >= 1.0)`,
    );
  }
}

function portRange(env: NodeJS.ProcessEnv): number[] {
  const min = Number(env.PLUGIN_MIN_PORT);
  const max = Number(env.PLUGIN_MAX_PORT);
  if (!Number.isInteger(min) || !Number.isInteger(max) || min <= 0 || max < min) return [0];
  const start = min + Math.floor(Math.random() * (max - min + 1));
  const ports: number[] = [];
  for (let i = 0; i < Math.min(50, max - min + 1); i++) ports.push(min + ((start - min + i) % (max - min + 1)));
  return ports;
}

function listen(server: net.Server, ports: number[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const attempt = (i: number) => {
      const onError = (err: NodeJS.ErrnoException) => {
        if (err.code === "EADDRINUSE" && i + 1 < ports.length) attempt(i + 1);
        else reject(err);
      };
      server.once("error", onError);
      server.listen(ports[i], "127.0.0.1", () => {
        server.off("error", onError);
        resolve((server.address() as net.AddressInfo).port);
      });
    };
    attempt(0);
  });
}

function goPluginRoutes(options: PluginServerOptions): Map<string, Route> {
  const m = goPluginMethods;
  return new Map<string, Route>([
    [
      "plugin.GRPCController/Shutdown",
      { kind: "unary", ...m["plugin.GRPCController/Shutdown"], handle: () => (setImmediate(options.onShutdown), {}) },
    ],
    ["plugin.GRPCStdio/StreamStdio", { kind: "idle-stream" }],
    ["plugin.GRPCBroker/StartStream", { kind: "idle-stream" }],
    [
      "grpc.health.v1.Health/Check",
      {
        kind: "unary",
        ...m["grpc.health.v1.Health/Check"],
        handle: (req: { service: string }) => {
          if (req.service !== "" && req.service !== "plugin") throw new GrpcError(5, `unknown service ${req.service}`);
          return { status: 1 /* SERVING */ };
        },
      },
    ],
  ]);
}

export async function startPluginServer(options: PluginServerOptions): Promise<RunningPlugin> {
  checkEnvironment(options.env);
  const routes = new Map<string, Route>([...options.providerRoutes, ...goPluginRoutes(options)]);
  const grpc = { routes, log: options.log };
  const clientCert = options.env.PLUGIN_CLIENT_CERT;
  let server: http2.Http2Server | http2.Http2SecureServer;
  let certField = "";
  if (clientCert) {
    const identity = createServerIdentity();
    server = http2.createSecureServer({
      key: identity.keyPem,
      cert: identity.certPem,
      ca: [clientCert],
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: "TLSv1.2",
      ALPNProtocols: ["h2"],
    });
    server.on("tlsClientError", (err) => options.log(`[WARN] refused a TLS client: ${err.message}`));
    certField = "|" + identity.certDer.toString("base64").replace(/=+$/, "");
  } else {
    // Terraform always sets PLUGIN_CLIENT_CERT (AutoMTLS); plaintext only for clients that opted out.
    server = http2.createServer();
  }
  server.on("stream", (stream, headers) => handleStream(grpc, stream, headers));
  server.on("sessionError", (err) => options.log(`[DEBUG] http2 session error: ${err.message}`));
  const port = await listen(server, portRange(options.env));
  const handshakeLine = `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc${certField}`;
  return {
    port,
    handshakeLine,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Sessions with open streams (stdio, broker) would hold close() forever.
        setTimeout(resolve, 200).unref();
      }),
  };
}

export { GrpcStatus };
