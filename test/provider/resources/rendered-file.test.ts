// polyvisor_rendered_file's handler on a real temp directory.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { ProviderContext, renderedFile } from "../../../provider/resources";
import { UNKNOWN } from "../../../provider/values";

const ctx: ProviderContext = { config: null, stopSignal: new AbortController().signal, log: () => {} };
let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "polyvisor-rf-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const planned = (over: Record<string, unknown> = {}) => ({ id: path.join(dir, "a", "x.conf"), path: path.join(dir, "a", "x.conf"), content: "k = v\n", mode: "0600", sha256: "", ...over }) as never;

describe("polyvisor_rendered_file", () => {
  test.each([
    ["a relative path", { path: "x.conf", content: "c", mode: null }, ["path"]],
    ["a mode that is not octal", { path: "/x", content: "c", mode: "0999" }, ["mode"]],
    ["a mode given as a word", { path: "/x", content: "c", mode: "rw" }, ["mode"]],
  ])("given %s, when validated, then the diagnostic points at the attribute", async (_name, config, where) => {
    expect((await renderedFile.validate!(config as never, ctx)).map((d) => d.path)).toEqual([where]);
  });

  test("given unknown values, when validated, then nothing is reported yet", async () => {
    expect(await renderedFile.validate!({ path: UNKNOWN, content: UNKNOWN, mode: UNKNOWN } as never, ctx)).toEqual([]);
  });

  test("given a missing parent directory and a restrictive umask, when created, then the file has exactly the planned mode and no temp file remains", async () => {
    const old = process.umask(0o077);
    try {
      const state = await renderedFile.create(planned({ mode: "0644" }), {} as never, ctx);
      const file = path.join(dir, "a", "x.conf");
      expect(fs.statSync(file).mode & 0o777).toBe(0o644);
      expect(fs.readdirSync(path.join(dir, "a"))).toEqual(["x.conf"]);
      expect(state.sha256).toBe(crypto.createHash("sha256").update("k = v\n").digest("hex"));
    } finally {
      process.umask(old);
    }
  });

  test("given a file written, when read back, then state equals what was applied", async () => {
    const state = await renderedFile.create(planned(), {} as never, ctx);
    expect(await renderedFile.read(state, ctx)).toEqual(state);
  });

  test("given mode written as 600 by the operator, when read back, then the operator's spelling is kept", async () => {
    const state = await renderedFile.create(planned({ mode: "600" }), {} as never, ctx);
    expect((await renderedFile.read(state, ctx))!.mode).toBe("600");
  });

  test("given the file was removed outside terraform, when read, then the resource is gone (null)", async () => {
    const state = await renderedFile.create(planned(), {} as never, ctx);
    fs.rmSync(state.path as string);
    expect(await renderedFile.read(state, ctx)).toBeNull();
  });

  test.each([
    ["a relative path", "x.conf", "ImportIdInvalid"],
    ["a path with no file", "/nonexistent/polyvisor/x.conf", "ImportNotFound"],
  ])("given %s, when imported, then it is refused with %s", async (_name, id, code) => {
    await expect(renderedFile.import(id, ctx)).rejects.toSatisfy((e: unknown) => isPolyvisorError(e, code));
  });

  test("given a directory at the path, when read, then it is refused as not a regular file", async () => {
    await expect(renderedFile.read({ path: dir, mode: "0644" } as never, ctx)).rejects.toSatisfy((e: unknown) => isPolyvisorError(e, "NotARegularFile"));
  });
});
