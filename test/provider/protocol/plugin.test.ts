// Drives the real installed plugin binary the way terraform does: environment, handshake line,
// gRPC over mutual TLS with its own client certificate, every RPC terraform 1.11 calls, and
// malformed requests that must come back as diagnostics or refusals, never as a crash.
import { spawn, spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { decode, encode, ExtData } from "@msgpack/msgpack";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServerIdentity } from "../../../provider/protocol/certificate";
import { resources } from "../../../provider/schema";
import { installedLauncher, installProvider } from "../helpers/install";
import { call, pluginEnv, REPO, RunningPlugin, startPlugin } from "../helpers/plugin-process";

const UNKNOWN = new ExtData(0, new Uint8Array([0]));
const dv = (v: unknown) => ({ msgpack: Buffer.from(encode(v)) });
const fileObj = (over: Record<string, unknown>) => ({ id: null, path: null, content: null, mode: null, sha256: null, ...over });
const diagSummaries = (res: { diagnostics: { summary: string; detail: string }[] }) => res.diagnostics.map((d) => `${d.summary} ${d.detail}`).join("\n");
const pathOf = (d: { attribute?: { steps: Record<string, unknown>[] } }) =>
  (d.attribute?.steps ?? []).map((s) => s.attribute_name || s.element_key_string || s.element_key_int);

let plugin: RunningPlugin;
let provider: grpc.Client;
let dir: string;

beforeAll(async () => {
  installProvider();
  plugin = await startPlugin();
  provider = plugin.client("tfplugin6.Provider");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "polyvisor-plugin-"));
});

afterAll(async () => {
  provider?.close();
  await plugin?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("handshake and transport", () => {
  test("given terraform's environment, when the plugin starts, then it prints a go-plugin v1 / protocol 6 gRPC handshake on loopback", () => {
    const h = plugin.handshake;
    expect([h.core, h.app, h.network, h.protocol]).toEqual(["1", "6", "tcp", "grpc"]);
    expect(h.address).toMatch(/^127\.0\.0\.1:\d+$/);
    const port = Number(h.address.split(":")[1]);
    expect(port).toBeGreaterThanOrEqual(10000);
    expect(port).toBeLessThanOrEqual(25000);
  });

  test("given the handshake certificate, when parsed, then it is an EC P-256 certificate for localhost in unpadded base64", () => {
    const cert = new crypto.X509Certificate(plugin.handshake.certDer!);
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(plugin.handshake.line.split("|")[5]).toMatch(/^[A-Za-z0-9+/]+$/);
  });

  test("given the health service, when checked for go-plugin's service name, then it reports SERVING", async () => {
    const health = plugin.client("grpc.health.v1.Health");
    expect(await call(health, "Check", { service: "plugin" })).toEqual({ status: 1 });
    health.close();
  });

  test("given a client certificate terraform did not announce, when it connects, then TLS refuses it and the plugin keeps serving", async () => {
    const stranger = plugin.client("grpc.health.v1.Health", createServerIdentity());
    await expect(call(stranger, "Check", { service: "plugin" }, 3000)).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    stranger.close();
    // The plugin logs the refusal on its stderr pipe, which may arrive after the client saw the
    // failed handshake: wait for it (bounded) instead of reading once.
    const deadline = Date.now() + 5000;
    while (!/refused a TLS client/.test(plugin.stderr()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(plugin.stderr()).toMatch(/refused a TLS client/);
    expect(await call(provider, "GetMetadata", {})).toHaveProperty("resources");
  });

  test("given a method the plugin does not serve, when called, then it answers UNIMPLEMENTED", async () => {
    const raw = plugin.client("tfplugin6.Provider");
    const err = await new Promise<grpc.ServiceError>((resolve) =>
      raw.makeUnaryRequest("/tfplugin6.Provider/CallFunction", (x: Buffer) => x, (x: Buffer) => x, Buffer.alloc(0), (e) => resolve(e!)),
    );
    raw.close();
    expect(err.code).toBe(grpc.status.UNIMPLEMENTED);
  });

  test("given bytes that are not a protobuf message, when sent as a request, then the call fails INVALID_ARGUMENT and the plugin lives on", async () => {
    const raw = plugin.client("tfplugin6.Provider");
    const err = await new Promise<grpc.ServiceError>((resolve) =>
      raw.makeUnaryRequest("/tfplugin6.Provider/ValidateResourceConfig", (x: Buffer) => x, (x: Buffer) => x, Buffer.from([0x0a, 0xff, 0xff]), (e) => resolve(e!)),
    );
    raw.close();
    expect(err.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(await call(provider, "GetMetadata", {})).toHaveProperty("resources");
  });
});

describe("schema and provider configuration", () => {
  test("given GetProviderSchema, when called, then every resource of provider/schema is served with cty types as JSON", async () => {
    const res = await call(provider, "GetProviderSchema", {});
    expect(Object.keys(res.resource_schemas).sort()).toEqual(Object.keys(resources).sort());
    const attrs = res.resource_schemas.polyvisor_rendered_file.block.attributes;
    const p = attrs.find((a: { name: string }) => a.name === "path");
    expect([JSON.parse(p.type.toString()), p.required]).toEqual(["string", true]);
    expect(Object.keys(res.data_source_schemas)).toContain("polyvisor_support_matrix");
    expect(res.diagnostics).toEqual([]);
  });

  test("given GetMetadata, when called, then it lists resource and data source types", async () => {
    const res = await call(provider, "GetMetadata", {});
    expect(res.resources.map((r: { type_name: string }) => r.type_name)).toContain("polyvisor_rendered_file");
    expect(res.data_sources.map((r: { type_name: string }) => r.type_name)).toEqual(["polyvisor_support_matrix"]);
  });

  test("given a provider block with parallelism 0, when validated, then the diagnostic points at parallelism", async () => {
    const res = await call(provider, "ValidateProviderConfig", { config: dv({ parallelism: 0, ssh_connect_timeout_seconds: null, known_hosts_path: null }) });
    expect(res.diagnostics).toHaveLength(1);
    expect(pathOf(res.diagnostics[0])).toEqual(["parallelism"]);
  });

  test("given a valid provider block, when configured, then there are no diagnostics", async () => {
    const res = await call(provider, "ConfigureProvider", { terraform_version: "1.11.4", config: dv({ parallelism: 4, ssh_connect_timeout_seconds: null, known_hosts_path: null }) });
    expect(res.diagnostics).toEqual([]);
  });
});

describe("malformed and unsupported requests", () => {
  test("given garbage in a DynamicValue, when validated, then a diagnostic says so", async () => {
    const res = await call(provider, "ValidateResourceConfig", { type_name: "polyvisor_rendered_file", config: { msgpack: Buffer.from([0xc1, 0xff]) } });
    expect(res.diagnostics[0].severity).toBe(1);
    expect(diagSummaries(res)).toMatch(/msgpack/);
  });

  test("given a DynamicValue of the wrong shape, when planned, then the diagnostic names the attribute", async () => {
    const res = await call(provider, "PlanResourceChange", {
      type_name: "polyvisor_rendered_file",
      proposed_new_state: dv(fileObj({ path: "/x", content: 42 })),
      config: dv(fileObj({ path: "/x", content: 42 })),
      prior_state: dv(null),
    });
    expect(res.diagnostics).toHaveLength(1);
    expect(pathOf(res.diagnostics[0])).toEqual(["content"]);
  });

  test("given an unknown resource type, when validated, then the diagnostic names it", async () => {
    const res = await call(provider, "ValidateResourceConfig", { type_name: "polyvisor_toaster", config: dv({}) });
    expect(diagSummaries(res)).toMatch(/UnknownResourceType.*polyvisor_toaster/s);
  });


  test("given MoveResourceState, when called, then it refuses with a diagnostic", async () => {
    const res = await call(provider, "MoveResourceState", { source_type_name: "polyvisor_password", target_type_name: "polyvisor_rendered_file" });
    expect(diagSummaries(res)).toMatch(/cannot be moved/);
  });
});

describe("managed resource lifecycle over the wire", () => {
  test("given a new file, when planned, then sha256 and id are known and mode takes its default", async () => {
    const file = path.join(dir, "a.conf");
    const cfg = fileObj({ path: file, content: "x = 1\n" });
    const res = await call(provider, "PlanResourceChange", { type_name: "polyvisor_rendered_file", prior_state: dv(null), proposed_new_state: dv(cfg), config: dv(cfg) });
    expect(decode(res.planned_state.msgpack)).toEqual({ ...cfg, id: file, mode: "0644", sha256: crypto.createHash("sha256").update("x = 1\n").digest("hex") });
  });

  test("given content not known until apply, when planned, then sha256 is planned unknown", async () => {
    const cfg = fileObj({ path: path.join(dir, "u.conf"), content: UNKNOWN });
    const res = await call(provider, "PlanResourceChange", { type_name: "polyvisor_rendered_file", prior_state: dv(null), proposed_new_state: dv(cfg), config: dv(cfg) });
    const planned = decode(res.planned_state.msgpack) as Record<string, unknown>;
    expect(planned.sha256).toBeInstanceOf(ExtData);
    expect(planned.content).toBeInstanceOf(ExtData);
  });

  test("given a planned file, when applied, read, edited by hand, read again and imported, then state follows the disk", async () => {
    const file = path.join(dir, "b.conf");
    const cfg = fileObj({ path: file, content: "a\n", mode: "0600" });
    const plan = await call(provider, "PlanResourceChange", { type_name: "polyvisor_rendered_file", prior_state: dv(null), proposed_new_state: dv(cfg), config: dv(cfg) });
    const applied = await call(provider, "ApplyResourceChange", { type_name: "polyvisor_rendered_file", prior_state: dv(null), planned_state: plan.planned_state, config: dv(cfg) });
    expect(applied.diagnostics).toEqual([]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const read1 = await call(provider, "ReadResource", { type_name: "polyvisor_rendered_file", current_state: applied.new_state });
    expect(decode(read1.new_state.msgpack)).toEqual(decode(applied.new_state.msgpack));
    fs.appendFileSync(file, "edited\n");
    const read2 = await call(provider, "ReadResource", { type_name: "polyvisor_rendered_file", current_state: applied.new_state });
    expect(decode(read2.new_state.msgpack)).toMatchObject({ content: "a\nedited\n" });
    const imported = await call(provider, "ImportResourceState", { type_name: "polyvisor_rendered_file", id: file });
    expect(imported.imported_resources[0].type_name).toBe("polyvisor_rendered_file");
    expect(decode(imported.imported_resources[0].state.msgpack)).toMatchObject({ id: file, path: file, mode: "0600" });
  });

  test("given a changed path, when planned, then path is reported as requiring replacement", async () => {
    const prior = fileObj({ id: "/tmp/p1", path: "/tmp/p1", content: "c", mode: "0644", sha256: "0" });
    const cfg = fileObj({ path: "/tmp/p2", content: "c" });
    const proposed = { ...prior, path: "/tmp/p2" };
    const res = await call(provider, "PlanResourceChange", { type_name: "polyvisor_rendered_file", prior_state: dv(prior), proposed_new_state: dv(proposed), config: dv(cfg) });
    expect(res.requires_replace.map((p: { steps: Record<string, unknown>[] }) => pathOf({ attribute: p }))).toEqual([["path"]]);
  });

  test("given a planned delete, when applied, then the file is gone and the new state is null", async () => {
    const file = path.join(dir, "gone.conf");
    fs.writeFileSync(file, "x");
    const prior = fileObj({ id: file, path: file, content: "x", mode: "0644", sha256: "0" });
    const res = await call(provider, "ApplyResourceChange", { type_name: "polyvisor_rendered_file", prior_state: dv(prior), planned_state: dv(null), config: dv(null) });
    expect(decode(res.new_state.msgpack)).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
  });

  test("given a JSON state, when upgraded, then the same object comes back as msgpack", async () => {
    const state = { id: "/f", path: "/f", content: "c", mode: "0644", sha256: "ab" };
    const res = await call(provider, "UpgradeResourceState", { type_name: "polyvisor_rendered_file", version: 0, raw_state: { json: Buffer.from(JSON.stringify(state)) } });
    expect(decode(res.upgraded_state.msgpack)).toEqual(state);
  });

  test("given a support matrix data source, when read, then support values come from nova's matrix", async () => {
    const cfg = { id: null, release: "zed", drivers: ["libvirt-lxc"], features: ["operation.attach-volume"], support: null };
    expect((await call(provider, "ValidateDataResourceConfig", { type_name: "polyvisor_support_matrix", config: dv(cfg) })).diagnostics).toEqual([]);
    const res = await call(provider, "ReadDataSource", { type_name: "polyvisor_support_matrix", config: dv(cfg) });
    expect(decode(res.state.msgpack)).toMatchObject({ id: "zed:libvirt-lxc", support: { "libvirt-lxc/operation.attach-volume": "missing" } });
  });

  test("given GetFunctions, GetResourceIdentitySchemas and StopProvider, when called, then each answers without error", async () => {
    expect((await call(provider, "GetFunctions", {})).diagnostics).toEqual([]);
    expect((await call(provider, "GetResourceIdentitySchemas", {})).diagnostics).toEqual([]);
    expect(await call(provider, "StopProvider", {})).toEqual({ Error: "" });
  });
});

describe("go-plugin host services", () => {
  test("given go-plugin's stdio stream, when opened, then it stays open without error until the client cancels", async () => {
    const stdio = plugin.client("plugin.GRPCStdio");
    const stream = (stdio as any).StreamStdio({});
    const events: string[] = [];
    stream.on("data", () => events.push("data"));
    stream.on("end", () => events.push("end"));
    stream.on("error", (e: grpc.ServiceError) => events.push(`error ${e.code}`));
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual([]);
    stream.cancel();
    await new Promise((r) => setTimeout(r, 100));
    expect(events[0]).toBe(`error ${grpc.status.CANCELLED}`);
    stdio.close();
  });

  test("given no PLUGIN_CLIENT_CERT (AutoMTLS off), when started, then the handshake has no certificate and gRPC is plaintext", async () => {
    const child = spawn(installedLauncher(), [], { env: pluginEnv(undefined), stdio: ["ignore", "pipe", "pipe"] });
    try {
      const line = await new Promise<string>((resolve) => child.stdout!.once("data", (d) => resolve(String(d).trim())));
      expect(line.split("|")).toHaveLength(5);
      const Health = (grpc.loadPackageDefinition(protoLoader.loadSync("health.proto", { includeDirs: [path.join(REPO, "provider", "protocol", "proto")] })) as any).grpc.health.v1.Health;
      const health = new Health(line.split("|")[3], grpc.credentials.createInsecure());
      expect(await call(health, "Check", { service: "plugin" })).toEqual({ status: 1 });
      health.close();
    } finally {
      child.kill("SIGTERM");
    }
  });
});

describe("process lifecycle", () => {
  test("given no magic cookie, when the binary is run by hand, then it explains that terraform runs it and exits 1", () => {
    const res = spawnSync(installedLauncher(), [], { env: { PATH: process.env.PATH }, encoding: "utf8", timeout: 10_000 });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe("");
    expect(res.stderr).toMatch(/Terraform plugin.*install-provider\.sh/s);
  });

  test("given terraform offers only protocol 5, when started, then it refuses with the version it speaks", () => {
    const res = spawnSync(installedLauncher(), [], { env: pluginEnv(undefined, { PLUGIN_PROTOCOL_VERSIONS: "5" }), encoding: "utf8", timeout: 10_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/only protocol 6/);
  });

  test("given the go-plugin controller, when Shutdown is called, then the process exits 0", async () => {
    const p = await startPlugin();
    const controller = p.client("plugin.GRPCController");
    const exited = new Promise<number | null>((resolve) => p.process.once("exit", resolve));
    await call(controller, "Shutdown", {});
    controller.close();
    expect(await exited).toBe(0);
  });
});
