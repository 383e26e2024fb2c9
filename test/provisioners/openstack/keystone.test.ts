import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { KeystoneSession, OpenStackApiError, OpenStackCloud, type RequestLogEntry } from "../../../provisioners/openstack";
import { RecordingFakeOpenStack } from "./support/recording-fake-openstack";

let fake: RecordingFakeOpenStack;
beforeAll(async () => (fake = await RecordingFakeOpenStack.start()));
afterAll(async () => fake.stop());
beforeEach(() => fake.clear());

describe("KeystoneSession", () => {
  test("given password credentials, when a token is requested, then keystone v3 gets a project-scoped password auth body", async () => {
    const session = new KeystoneSession(fake.credentials({ authUrl: fake.base + "/identity" }));
    await session.token();
    expect(fake.requests).toHaveLength(1);
    const [auth] = fake.requests;
    expect(auth.method).toBe("POST");
    expect(auth.path).toBe("/v3/auth/tokens");
    expect(auth.body).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "admin", domain: { name: "Default" }, password: "fake-secret-password" } },
        },
        scope: { project: { name: "admin", domain: { name: "Default" } } },
      },
    });
  });

  test("given a valid token, when several requests are made, then the token is reused and keystone is asked once", async () => {
    const cloud = new OpenStackCloud(fake.credentials());
    await cloud.flavors.list();
    await cloud.flavors.list();
    await cloud.infrastructure.hypervisors();
    expect(cloud.session.authCount).toBe(1);
    expect(fake.requests.filter((r) => r.service === "identity")).toHaveLength(1);
    const compute = fake.requests.filter((r) => r.service === "compute");
    expect(new Set(compute.map((r) => r.headers["x-auth-token"]))).toEqual(new Set(["gAAAAfake-token-" + fake.tokensIssued]));
  });

  test("given a token about to expire, when the next request is made, then the session authenticates again", async () => {
    const shortFake = await RecordingFakeOpenStack.start({ tokenTtlSeconds: 1 });
    try {
      const cloud = new OpenStackCloud(shortFake.credentials());
      await cloud.flavors.list();
      expect(cloud.session.authCount).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 700));
      await cloud.flavors.list();
      expect(cloud.session.authCount).toBe(2);
      const tokens = shortFake.requests.filter((r) => r.service === "compute").map((r) => r.headers["x-auth-token"]);
      expect(tokens.at(-1)).toBe("gAAAAfake-token-2");
    } finally {
      await shortFake.stop();
    }
  });

  test("given a token revoked by the server, when a request gets 401, then the session re-authenticates once and retries", async () => {
    const cloud = new OpenStackCloud(fake.credentials());
    await cloud.flavors.list();
    fake.inject((r) => r.service === "compute" && r.path === "/flavors/detail", {
      status: 401,
      body: { error: { code: 401, title: "Unauthorized", message: "The request you have made requires authentication." } },
    });
    const flavors = await cloud.flavors.list();
    expect(flavors.map((f) => f.name)).toContain("m1.tiny");
    expect(cloud.session.authCount).toBe(2);
  });

  test("given a wrong password, when authenticating, then ApiUnauthorized names the request and keystone's message but not the password", async () => {
    const session = new KeystoneSession(fake.credentials({ password: "wrong-password-123" }));
    const err = await session.token().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenStackApiError);
    const apiErr = err as OpenStackApiError;
    expect(apiErr.code).toBe("ApiUnauthorized");
    expect(apiErr.status).toBe(401);
    expect(apiErr.message).toContain("POST /identity/v3/auth/tokens");
    expect(apiErr.message).toContain("requires authentication");
    expect(apiErr.message).not.toContain("wrong-password-123");
    expect(JSON.stringify(apiErr)).not.toContain("wrong-password-123");
  });

  test("given a request log, when requests are made, then it receives method, path and status and never the token or password", async () => {
    const log: RequestLogEntry[] = [];
    const cloud = new OpenStackCloud(fake.credentials(), { log: (e) => log.push(e) });
    await cloud.flavors.list();
    expect(log.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
      "POST /identity/v3/auth/tokens 201",
      "GET /compute/v2.1/ 200",
      "GET /compute/v2.1/flavors/detail?is_public=None 200",
    ]);
    const text = JSON.stringify(log);
    expect(text).not.toContain("fake-secret-password");
    expect(text).not.toContain("gAAAA");
  });

  test("given nothing listening, when authenticating, then ApiUnreachable names the request", async () => {
    const dead = await RecordingFakeOpenStack.start();
    const creds = dead.credentials();
    await dead.stop();
    const err = await new KeystoneSession(creds, { timeoutMs: 2000 }).token().catch((e: unknown) => e);
    expect(isPolyvisorError(err, "ApiUnreachable")).toBe(true);
    expect((err as Error).message).toContain("POST /identity/v3/auth/tokens");
  });
});
