// polyvisor_password's handler: generated once, kept, never importable.
import { describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { password, ProviderContext } from "../../../provider/resources";
import { UNKNOWN } from "../../../provider/values";

const ctx: ProviderContext = { config: null, stopSignal: new AbortController().signal, log: () => {} };

describe("polyvisor_password", () => {
  test.each([[15], [129], [20.5]])("given length %s, when validated, then the diagnostic points at length", async (length) => {
    expect((await password.validate!({ name: "X", length } as never, ctx)).map((d) => d.path)).toEqual([["length"]]);
  });

  test("given a create, when planned and applied, then the value has the default length from [A-Za-z0-9]", async () => {
    const { planned } = await password.plan!({ prior: null, config: {} as never, proposed: {} as never, planned: { id: UNKNOWN, name: "DB", length: UNKNOWN, value: UNKNOWN } }, ctx);
    const state = await password.create(planned, {} as never, ctx);
    expect(state.value).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  test("given an existing password, when updated, then the value is kept", async () => {
    const prior = { id: "DB", name: "DB", length: 32, value: "v".repeat(32) };
    expect((await password.update(prior, { ...prior, value: "v".repeat(32) }, {} as never, ctx)).value).toBe(prior.value);
  });

  test("given an import, when requested, then it is refused with ImportNotSupported", async () => {
    await expect(password.import("DB", ctx)).rejects.toSatisfy((e: unknown) => isPolyvisorError(e, "ImportNotSupported"));
  });
});
