import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { isPolyvisorError } from "../../../provisioners/errors";
import { credentialsFromEnvironment, credentialsFromStackOutputs } from "../../../provisioners/openstack";

const dir = mkdtempSync(join(tmpdir(), "polyvisor-creds-"));

function outputsFile(name: string, content: unknown, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  chmodSync(path, mode);
  return path;
}

describe("credentialsFromEnvironment", () => {
  test("given an openrc environment, then every OS_* value is used and domains default to Default", () => {
    const c = credentialsFromEnvironment({
      OS_AUTH_URL: "http://ctl:5000/v3",
      OS_USERNAME: "admin",
      OS_PASSWORD: "pw",
      OS_PROJECT_NAME: "admin",
      OS_REGION_NAME: "RegionOne",
      OS_INTERFACE: "internal",
    });
    expect(c).toEqual({
      authUrl: "http://ctl:5000/v3",
      username: "admin",
      password: "pw",
      projectName: "admin",
      userDomainName: "Default",
      projectDomainName: "Default",
      regionName: "RegionOne",
      interface: "internal",
    });
  });

  test("given missing variables, then CredentialsMissing names all of them and not the password value", () => {
    let err: unknown;
    try {
      credentialsFromEnvironment({ OS_PASSWORD: "secret-xyz" });
    } catch (e) {
      err = e;
    }
    expect(isPolyvisorError(err, "CredentialsMissing")).toBe(true);
    expect((err as Error).message).toContain("OS_AUTH_URL");
    expect((err as Error).message).toContain("OS_USERNAME");
    expect((err as Error).message).toContain("OS_PROJECT_NAME");
    expect((err as Error).message).not.toContain("secret-xyz");
  });

  test("given OS_INTERFACE=publicURL (old style), then the interface is public", () => {
    const c = credentialsFromEnvironment({ OS_AUTH_URL: "u", OS_USERNAME: "a", OS_PASSWORD: "p", OS_TENANT_NAME: "t", OS_INTERFACE: "publicURL" });
    expect(c.interface).toBe("public");
    expect(c.projectName).toBe("t");
  });
});

describe("credentialsFromStackOutputs", () => {
  test("given a cdktf outputs file with nested, hash-suffixed outputs, then credentials and cloud facts are read", () => {
    const path = outputsFile("cdktf.json", {
      "all-in-one": {
        controlplane_auth_url_1A2B3C4D: "http://10.0.0.2:5000/v3",
        controlplane_admin_password_9F8E7D6C: "s3cret",
        release: "zed",
        driver_by_host: { "compute-1": "libvirt-qemu-x86", "compute-lxc": "libvirt-lxc" },
      },
    });
    const { credentials, facts } = credentialsFromStackOutputs(path, {});
    expect(credentials.authUrl).toBe("http://10.0.0.2:5000/v3");
    expect(credentials.password).toBe("s3cret");
    expect(credentials.username).toBe("admin");
    expect(facts.release).toBe("zed");
    expect(facts.driverByHost).toEqual({ "compute-1": "libvirt-qemu-x86", "compute-lxc": "libvirt-lxc" });
  });

  test("given `terraform output -json` without the password, then OS_PASSWORD fills it", () => {
    const path = outputsFile("tf.json", { auth_url: { value: "http://ctl:5000", type: "string", sensitive: false } }, 0o644);
    const { credentials } = credentialsFromStackOutputs(path, { OS_PASSWORD: "from-env" });
    expect(credentials.authUrl).toBe("http://ctl:5000");
    expect(credentials.password).toBe("from-env");
  });

  test("given a world-readable outputs file holding a password, then InsecureFileMode says how to fix it", () => {
    const path = outputsFile("open.json", { auth_url: "http://ctl:5000", admin_password: "pw" }, 0o644);
    let err: unknown;
    try {
      credentialsFromStackOutputs(path, {});
    } catch (e) {
      err = e;
    }
    expect(isPolyvisorError(err, "InsecureFileMode")).toBe(true);
    expect((err as Error).message).toContain(`chmod 0640 ${path}`);
    expect((err as Error).message).not.toContain('"pw"');
  });

  test("given an outputs file without auth_url, then CredentialsMissing names the output", () => {
    const path = outputsFile("empty.json", { something: "else" });
    expect(() => credentialsFromStackOutputs(path, { OS_PASSWORD: "p" })).toThrow(/CredentialsMissing.*auth_url/);
  });
});
