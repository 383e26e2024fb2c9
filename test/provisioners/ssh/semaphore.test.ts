import { describe, expect, test } from "vitest";
import { Semaphore, mapLimit } from "../../../provisioners/ssh/semaphore";
import { sleep } from "../../../provisioners/ssh/retry";

describe("bounded parallelism", () => {
  test.each([1, 3, 8])("given limit %i, when 20 tasks run, then no more than the limit run at once and results keep order", async (limit) => {
    let active = 0;
    let peak = 0;
    const out = await mapLimit([...Array(20).keys()], limit, async (i) => {
      active++;
      peak = Math.max(peak, active);
      await sleep(2);
      active--;
      return i * 2;
    });
    expect(peak).toBe(Math.min(limit, 20));
    expect(out).toEqual([...Array(20).keys()].map((i) => i * 2));
  });

  test("given a failing task, when others wait, then the slot is released and they still run", async () => {
    const s = new Semaphore(1);
    await expect(s.run(async () => { throw new Error("boom"); })).rejects.toThrow("boom");
    expect(await s.run(async () => "after")).toBe("after");
  });

  test.each([0, -1, 1.5])("given limit %s, then construction is refused", (limit) => {
    expect(() => new Semaphore(limit)).toThrow(RangeError);
  });
});
