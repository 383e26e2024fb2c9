import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { healthCommand, stepScript, waitForService } from "../../../../provisioners/roles/private/step-script";

/** Runs a script the way the provider runs bootstrap commands: `sh -e -s` with the text on stdin. */
function sh(script: string) {
  const r = spawnSync("sh", ["-e", "-s"], { input: script, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const step = (command: string, extra: Partial<Parameters<typeof stepScript>[0]> = {}) =>
  stepScript({ id: "s1", description: "a step", before: [], env: {}, command, okExitCodes: [0], ...extra });

describe("recipe step as a bootstrap command", () => {
  test.each([
    [[0, 2], 2, 0],
    [[0], 2, 2],
    [[0], 0, 0],
  ])("given okExitCodes %j, when the command exits %i, then the script exits %i", (ok, exit, expected) => {
    expect(sh(step(`exit ${exit}`, { okExitCodes: ok as number[] })).code).toBe(expected);
  });

  test("given a multi-line command, when an early line fails, then the step fails (set -e inside)", () => {
    const r = sh(step("false\necho reached"));
    expect(r.code).toBe(1);
    expect(r.out).not.toContain("reached");
  });

  test("given doneWhen that passes, when run, then the command is skipped", () => {
    const r = sh(step("echo RAN", { doneWhen: "true" }));
    expect(r.code).toBe(0);
    expect(r.out).toContain("already done");
    expect(r.out).not.toContain("RAN");
  });

  test("given env values with quotes and JSON, when run, then the command sees them exactly", () => {
    const value = `{"a":"it's","b":[1]}`;
    expect(sh(step('printf %s "$PV_X"', { env: { PV_X: value } })).out).toContain(value);
  });

  test("given a heredoc command, when run, then the heredoc reaches the command", () => {
    expect(sh(step("cat <<'EOF_X'\nline one\nEOF_X")).out).toContain("line one");
  });

  test("given a health check that never passes, when the step waits for its service, then it fails naming the unit", () => {
    const wait = waitForService("pv-none", "false", 2).replace(/^systemctl start .*$/m, ":");
    const r = sh(`${wait}\necho after`);
    expect(r.code).toBe(1);
    expect(r.err).toContain("pv-none is not healthy after 2 s");
  });

  test("given a check with single quotes, when wrapped as a health command, then it still runs as written", () => {
    expect(sh(healthCommand(`test 'a b' = 'a b'`, 5)).code).toBe(0);
    expect(sh(healthCommand(`test 'a' = 'b'`, 2)).code).not.toBe(0);
  });
});
