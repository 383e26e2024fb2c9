// ProviderService with a handler written for this test (a fake host handler that fails loudly,
// quoting its secret as a careless handler might): the diagnostic terraform receives is redacted.
import { encode, decode } from "@msgpack/msgpack";
import { describe, expect, test } from "vitest";
import { PolyvisorError } from "../../../provisioners/errors";
import { HandlerRegistry, ResourceHandler } from "../../../provider/resources";
import { resources } from "../../../provider/schema";
import { ProviderService } from "../../../provider/server";

const fakeHost: ResourceHandler = {
  typeName: "polyvisor_host",
  definition: resources.polyvisor_host,
  validate: () => [],
  async create(planned) {
    const bmc = planned.bmc as { password: string };
    throw new PolyvisorError("BmcLoginFailed", `ipmitool -P ${bmc.password} refused`, { where: "bmc" });
  },
  update: async (_p, planned) => planned,
  delete: async () => {},
  read: async (state) => state,
  import: async () => ({}),
};

const host = { id: "h1", name: "h1", address: "127.0.0.1", bmc: { type: "ipmi", address: "127.0.0.1", port: 623, username: "admin", password: "s3cret-bmc", boot_device: null } };
const dv = (v: unknown) => ({ msgpack: encode(v), json: Buffer.alloc(0) });

describe("ProviderService", () => {
  test("given a handler error that quotes a sensitive value, when applied, then the diagnostic carries the code and not the value", async () => {
    const logs: string[] = [];
    const service = new ProviderService(new HandlerRegistry().registerResource(fakeHost), (l) => logs.push(l));
    const res = (await service.ApplyResourceChange({ type_name: "polyvisor_host", prior_state: dv(null), planned_state: dv(host), config: dv(host) })) as any;
    const text = res.diagnostics.map((d: any) => `${d.summary} ${d.detail}`).join(" ");
    expect(text).toContain("BmcLoginFailed");
    expect(text).not.toContain("s3cret-bmc");
    expect(logs.join("\n")).not.toContain("s3cret-bmc");
    expect(decode(res.new_state.msgpack)).toBeNull();
  });

  test("given an update that fails, when applied, then terraform gets the prior state back", async () => {
    const failing: ResourceHandler = { ...fakeHost, update: async () => Promise.reject(new Error("host unreachable")) };
    const service = new ProviderService(new HandlerRegistry().registerResource(failing), () => {});
    const prior = dv(host);
    const res = (await service.ApplyResourceChange({ type_name: "polyvisor_host", prior_state: prior, planned_state: dv({ ...host, address: "127.0.0.2" }), config: dv(host) })) as any;
    expect(res.new_state).toBe(prior);
    expect(res.diagnostics[0].detail).toBe("host unreachable");
  });
});
