import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { command, quote } from "../../../provisioners/ssh/shell";

describe("shell quoting", () => {
  test.each(["plain", "with space", "it's", "$(rm -rf /)", "a\"b`c`", "semi;colon", ""])("given %j, when quoted and echoed by sh, then it comes back unchanged", (word) => {
    expect(execFileSync("sh", ["-c", `printf %s ${quote(word)}`], { encoding: "utf8" })).toBe(word);
  });

  test("given several words, when joined, then each stays one argument", () => {
    expect(execFileSync("sh", ["-c", `for a in ${command("a b", "c")}; do echo "[$a]"; done`], { encoding: "utf8" })).toBe("[a b]\n[c]\n");
  });
});
