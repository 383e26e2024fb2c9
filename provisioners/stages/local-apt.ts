// The apt mirror the machine itself uses, read at run time from its deb822 sources (never a
// hard-coded registry host): test hosts point their apt at it through a proxy.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export function localAptMirrors(dir = "/etc/apt/sources.list.d"): string[] {
  let names: string[] = [];
  try { names = readdirSync(dir).filter((n) => n.endsWith(".sources")); } catch { return []; }
  const uris = names.flatMap((n) => readFileSync(join(dir, n), "utf8").split("\n")
    .filter((l) => /^URIs:/i.test(l)).flatMap((l) => l.replace(/^URIs:\s*/i, "").split(/\s+/)).filter(Boolean));
  return [...new Set(uris)];
}
