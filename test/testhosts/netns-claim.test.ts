// `fleet up` refuses a host namespace that already runs processes it did not start (another
// checkout's fleet with the same id): joining it would put two hosts on one address. Separate
// fleet (POLYVISOR_FLEET_ID=9, names pvf9-*).
import { spawn } from "node:child_process";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { runFleet } from "../support/fleet";

const run = promisify(execFile);
const env = { POLYVISOR_FLEET_ID: "9" };
const NS = "pvf9-tclaim-01";
let squatter: number | undefined;

afterAll(async () => {
  if (squatter) process.kill(squatter, "SIGKILL");
  await run("ip", ["netns", "del", NS]).catch(() => undefined);
  await runFleet(["down", "--name", "tclaim"], env).catch(() => undefined);
});

describe("given a host namespace someone else's process runs in", () => {
  test("when the fleet brings that host up, then it fails naming the namespace, the PID and the fix", async () => {
    await run("ip", ["netns", "add", NS]);
    const child = spawn("ip", ["netns", "exec", NS, "sleep", "300"], { stdio: "ignore" });
    squatter = child.pid;
    for (let i = 0; i < 50 && !(await run("ip", ["netns", "pids", NS])).stdout.trim(); i++) await new Promise((r) => setTimeout(r, 100));
    const pids = (await run("ip", ["netns", "pids", NS])).stdout.trim();
    expect(pids).not.toBe("");
    const failure = await runFleet(["up", "--hosts", "1", "--kind", "light", "--name", "tclaim"], env).then(() => "", (err: Error) => err.message);
    expect(failure).toContain(`network namespace ${NS} of host tclaim-01 already runs processes this fleet did not start (PIDs ${pids.split("\n").join(" ")})`);
    expect(failure).toMatch(/fleet down.*or use another POLYVISOR_FLEET_ID/);
  });
});
