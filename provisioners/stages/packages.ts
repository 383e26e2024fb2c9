// Package installation per role: only what is missing, noninteractive, without recommended
// packages (a role lists what it needs; recommends pulled compilers, GTK and a mail server into an
// OpenStack controller), with every name checked against apt first so a typo fails before anything
// is installed.

import { PolyvisorError } from "../errors";
import { SshSession } from "../ssh/session";
import { command } from "../ssh/shell";

export interface PackageOptions {
  /**
   * `deny` (default): a /usr/sbin/policy-rc.d that exits 101 is in place while apt runs, so
   * packages do not start their services before polyvisor has pushed their config; `allow`: leave
   * the host's policy as it is.
   */
  readonly policyRcD?: "deny" | "allow";
  /** Timeout of the apt-get install in ms (default 20 min). */
  readonly timeoutMs?: number;
}

const PACKAGE_NAME = /^[a-z0-9][a-z0-9+.-]+$/;
const POLICY_RC_D = "/usr/sbin/policy-rc.d";

/** Packages of the list that are not installed on the host. */
export async function missingPackages(session: SshSession, packages: readonly string[]): Promise<string[]> {
  if (packages.length === 0) return [];
  for (const p of packages) {
    if (!PACKAGE_NAME.test(p)) {
      throw new PolyvisorError("PackageNameInvalid", "not a Debian package name", { where: `${session.host.name}:packages`, value: p, allowed: "lower case letters, digits, + - ." });
    }
  }
  const out = (await session.exec(`dpkg-query -W -f='\${Package}\\t\${db:Status-Abbrev}\\n' ${command(...packages)} 2>/dev/null`, { step: "packages:query" })).stdout;
  const installed = new Set(out.split("\n").filter((l) => /\tii/.test(l)).map((l) => l.split("\t")[0].split(":")[0]));
  return packages.filter((p) => !installed.has(p));
}

/** Installs the missing packages; returns the names installed. */
export async function installPackages(session: SshSession, packages: readonly string[], options: PackageOptions = {}): Promise<string[]> {
  const missing = await missingPackages(session, packages);
  if (missing.length === 0) return [];
  const host = session.host.name;
  await session.run("apt-get update -qq 2>&1 | tail -5; test \"$(ls /var/lib/apt/lists | wc -l)\" -gt 2", { step: "packages:apt-update", timeoutMs: 300_000 });
  const policy = (await session.run(`apt-cache policy ${command(...missing)}`, { step: "packages:candidates" })).stdout;
  const unavailable = missing.filter((p) => !hasCandidate(policy, p));
  if (unavailable.length > 0) {
    throw new PolyvisorError("PackageNotFound", `apt has no installable candidate for ${unavailable.join(", ")}; nothing was installed`, {
      where: `${host}:packages`, value: unavailable,
      fix: "check the package names for the host's Debian release and that its apt sources (and proxy) reach the mirror",
    });
  }
  const install = `DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold ${command(...missing)}`;
  const script = (options.policyRcD ?? "deny") === "deny"
    ? [
        `created=0; if [ ! -e ${POLICY_RC_D} ]; then printf '#!/bin/sh\\n# polyvisor: no service starts during package installation\\nexit 101\\n' > ${POLICY_RC_D}; chmod 0755 ${POLICY_RC_D}; created=1; fi`,
        `rc=0; ${install} || rc=$?`,
        `[ $created = 1 ] && rm -f ${POLICY_RC_D}`,
        `exit $rc`,
      ].join("\n")
    : install;
  await session.run(script, { step: "packages:install", timeoutMs: options.timeoutMs ?? 1_200_000 });
  session.logger.with({ step: "packages" }).info(`installed ${missing.join(", ")}`);
  return missing;
}

/** True when `apt-cache policy` output lists the package with a candidate version. */
export function hasCandidate(policyOutput: string, pkg: string): boolean {
  const sections = policyOutput.split(/^(?=\S)/m);
  const section = sections.find((s) => s.startsWith(`${pkg}:`));
  const candidate = section ? /Candidate:\s*(\S+)/.exec(section)?.[1] : undefined;
  return candidate !== undefined && candidate !== "(none)";
}
