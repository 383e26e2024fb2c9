// Shared pieces of the OpenStack API resource tests: a provider context, an auth block, and a
// loopback URL on which nothing listens (so any request fails at once with connection refused).
import * as net from "node:net";
import { ProviderContext } from "../../../provider/resources";
import { ObjectValue } from "../../../provider/values";

export const SECRET = "s3cret-Pa55word-never-shown";

export function context(lines: string[] = []): ProviderContext {
  return { config: null, stopSignal: new AbortController().signal, log: (l) => lines.push(l) };
}

/** A loopback port that was free a moment ago and has nothing listening now. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const auth = (authUrl: string): ObjectValue => ({ auth_url: authUrl, username: "admin", password: SECRET, project_name: "admin", region: "RegionOne" });
