import { describe, expect, test } from "vitest";
import { backoffDelay, isTransient, withRetry } from "../../../provisioners/ssh/retry";

const withCode = (message: string, code?: string, level?: string) => Object.assign(new Error(message), { code, level });

describe("retries with backoff", () => {
  test.each([
    [withCode("connect ECONNREFUSED 10.0.0.1:22", "ECONNREFUSED"), true],
    [withCode("read ECONNRESET", "ECONNRESET"), true],
    [withCode("connect EHOSTUNREACH", "EHOSTUNREACH"), true],
    [withCode("Timed out while waiting for handshake", undefined, "client-timeout"), true],
    [withCode("All configured authentication methods failed", undefined, "client-authentication"), false],
    [withCode("Host denied (verification failed)", undefined, "handshake"), false],
    [new Error("something else"), false],
  ])("given %s, then transient is %s", (err, expected) => {
    expect(isTransient(err)).toBe(expected);
  });

  test.each([[2, 100], [3, 200], [4, 400], [10, 1000]])("given attempt %i, then the delay is %i ms (doubling, capped)", (n, ms) => {
    expect(backoffDelay(n, { initialDelayMs: 100, maxDelayMs: 1000 })).toBe(ms);
  });

  test("given two transient failures, when retried, then the third attempt's value is returned", async () => {
    const seen: number[] = [];
    const value = await withRetry(async (n) => {
      seen.push(n);
      if (n < 3) throw withCode("refused", "ECONNREFUSED");
      return "ok";
    }, { attempts: 4, initialDelayMs: 1 });
    expect(value).toBe("ok");
    expect(seen).toEqual([1, 2, 3]);
  });

  test("given an authentication failure, when retried, then it is thrown after one attempt", async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw withCode("All configured authentication methods failed", undefined, "client-authentication"); }, { attempts: 5, initialDelayMs: 1 }))
      .rejects.toThrow(/authentication/);
    expect(calls).toBe(1);
  });

  test("given only transient failures, when attempts run out, then the last error is thrown", async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw withCode(`refused ${calls}`, "ECONNREFUSED"); }, { attempts: 3, initialDelayMs: 1 })).rejects.toThrow("refused 3");
    expect(calls).toBe(3);
  });
});
