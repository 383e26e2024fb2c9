import { describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { formatMode, parseMode } from "../../../provisioners/stages/file-mode";

describe("file modes", () => {
  test.each([
    [undefined, false, "0644"],
    [undefined, true, "0640"],
    ["0600", true, "0600"],
    ["640", true, "0640"],
    ["0440", true, "0440"],
    ["0755", false, "0755"],
    ["4755", false, "04755"],
  ])("given mode %j (secrets: %s), then the file gets %s", (mode, secrets, expected) => {
    expect(formatMode(parseMode(mode, secrets, "h:files:/x"))).toBe(expected);
  });

  test.each(["0644", "0660", "0641", "0700x", "0777"])("given a secret-bearing file with mode %s, then it is refused", (mode) => {
    try {
      parseMode(mode, true, "node1:files:/etc/nova/nova.conf");
      expect.unreachable();
    } catch (err) {
      expect(isPolyvisorError(err, "SecretFileTooOpen") || isPolyvisorError(err, "FileModeInvalid")).toBe(true);
      expect((err as Error).message).toContain("node1:files:/etc/nova/nova.conf");
    }
  });

  test.each(["rw-r--r--", "9999", "012345"])("given %j, then FileModeInvalid", (mode) => {
    expect(() => parseMode(mode, false, "h")).toThrow(/FileModeInvalid/);
  });
});
