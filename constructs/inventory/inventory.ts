// Hosts kept in a YAML file beside the cloud definition, checked against the JSON Schema shipped
// with polyvisor (inventory.schema.json). A mistake is refused before anything is synthesized, with
// the file, the line, the field, the value and what is allowed.
import * as fs from "node:fs";
import { Ajv, ErrorObject } from "ajv";
import { LineCounter, parseDocument } from "yaml";
import { PolyvisorError } from "../../provisioners/errors";
import { HostOptions } from "../host";
import schema from "./inventory.schema.json";
import { lineOf, pathToField, pointerToPath } from "./private/yaml-locations";

/** One mistake in an inventory file. */
export interface InventoryProblem {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
  readonly allowed?: string;
}

interface RawHost {
  name: string;
  address: string;
  role?: HostOptions["role"];
  ssh?: { user?: string; port?: number; host_key?: string; private_key_path?: string; trust_on_first_use?: boolean };
  bmc?: { type: "ipmi" | "redfish"; address: string; port?: number; username: string; password_variable?: string; password_file?: string; boot_device?: "disk" | "pxe" | "cdrom" };
  apt_mirror?: string;
  apt_proxy?: string;
  extra_hosts?: Record<string, string>;
}

// strictRequired off: the BMC password's oneOf names properties declared beside it, not inside it.
const validateSchema = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile<{ hosts: RawHost[] }>(schema);

export class Inventory {
  /** Reads and checks an inventory file; throws `InventoryInvalid` listing every problem. */
  static fromFile(file: string): Inventory {
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      throw new PolyvisorError("InventoryNotFound", "cannot read the inventory file", {
        where: file,
        value: (err as NodeJS.ErrnoException).code,
        fix: "create the file (see examples/all-in-one/inventory.yaml) or point the definition at another one",
      });
    }
    return Inventory.parse(text, file);
  }

  /** Checks inventory text; `file` is only used in messages. */
  static parse(text: string, file = "<inventory>"): Inventory {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw invalid(
        file,
        doc.errors.map((e) => ({
          file,
          line: lines.linePos(e.pos[0]).line,
          field: "(yaml)",
          value: undefined,
          message: e.message.split("\n")[0],
        })),
      );
    }
    const data = doc.toJS() as unknown;
    if (!validateSchema(data)) {
      const problems = (validateSchema.errors ?? []).filter(isReportable).map((e) => {
        const path = pointerToPath(e.instancePath);
        const field = e.keyword === "required" ? [...path, e.params.missingProperty as string] : e.keyword === "additionalProperties" ? [...path, e.params.additionalProperty as string] : path;
        return {
          file,
          line: lineOf(doc, lines, field),
          field: pathToField(field) || "(document)",
          value: e.keyword === "required" ? undefined : valueAt(data, field),
          message: messageOf(e),
          allowed: allowedOf(e),
        };
      });
      throw invalid(file, problems);
    }
    const duplicates = findDuplicates(data.hosts).map(({ index, key }) => {
      const path = ["hosts", index, key];
      return {
        file,
        line: lineOf(doc, lines, path),
        field: pathToField(path),
        value: data.hosts[index][key],
        message: `duplicate host ${key}`,
        allowed: `a ${key} no other host in the file uses`,
      };
    });
    if (duplicates.length > 0) throw invalid(file, duplicates);
    return new Inventory(file, data.hosts.map(toHostOptions));
  }

  private constructor(
    readonly file: string,
    readonly hosts: readonly HostOptions[],
  ) {}

  /** The host named `name`; throws `UnknownInventoryHost` listing the names the file has. */
  host(name: string): HostOptions {
    const h = this.hosts.find((x) => x.name === name);
    if (!h) {
      throw new PolyvisorError("UnknownInventoryHost", "the inventory has no host of that name", {
        where: this.file,
        value: name,
        allowed: this.hosts.map((x) => x.name).join(", "),
        fix: "add the host to the inventory or use one of the names above",
      });
    }
    return h;
  }

  /** Hosts whose role is `role`, in file order. */
  withRole(role: NonNullable<HostOptions["role"]>): readonly HostOptions[] {
    return this.hosts.filter((h) => h.role === role);
  }
}

function invalid(file: string, problems: readonly InventoryProblem[]): PolyvisorError {
  const lines = problems.map((p) => {
    const value = p.value === undefined ? "" : ` (got ${JSON.stringify(p.value)})`;
    const allowed = p.allowed ? `; allowed: ${p.allowed}` : "";
    return `  ${p.file}:${p.line}: ${p.field}: ${p.message}${value}${allowed}`;
  });
  const err = new PolyvisorError("InventoryInvalid", `inventory has ${problems.length} problem(s); nothing was synthesized\n${lines.join("\n")}`, {
    where: file,
    fix: "correct the lines above (the schema is constructs/inventory/inventory.schema.json)",
  });
  return Object.assign(err, { problems });
}

/** ajv reports each failed branch of a oneOf too; the oneOf error itself says it better. */
function isReportable(e: ErrorObject): boolean {
  return !/\/oneOf\/\d+\//.test(e.schemaPath);
}

function messageOf(e: ErrorObject): string {
  switch (e.keyword) {
    case "required":
      return "required field is missing";
    case "additionalProperties":
      return "unknown field";
    case "oneOf":
      return "needs exactly one of its alternatives";
    default:
      return e.message ?? e.keyword;
  }
}

function allowedOf(e: ErrorObject): string | undefined {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "enum":
      return (p.allowedValues as unknown[]).join(", ");
    case "type":
      return `a value of type ${String(p.type)}`;
    case "pattern":
      return `text matching ${String(p.pattern)}`;
    case "minimum":
    case "maximum":
      return `${e.keyword === "minimum" ? ">=" : "<="} ${String(p.limit)}`;
    case "minLength":
      return "a non-empty string";
    case "minItems":
      return `at least ${String(p.limit)} item(s)`;
    case "additionalProperties":
      return knownProperties(e.schemaPath);
    case "required":
      return `a value for ${String(p.missingProperty)}`;
    case "oneOf":
      return "exactly one of the alternatives (e.g. password_variable or password_file)";
    default:
      return undefined;
  }
}

function knownProperties(schemaPath: string): string | undefined {
  // schemaPath looks like "#/definitions/host/properties/bmc/additionalProperties"
  let node: unknown = schema;
  for (const part of pointerToPath(schemaPath.replace(/^#/, "")).slice(0, -1)) {
    node = (node as Record<string | number, unknown> | undefined)?.[part];
  }
  const props = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props).join(", ") : undefined;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], data);
}

function findDuplicates(hosts: readonly RawHost[]): { index: number; key: "name" | "address" }[] {
  const out: { index: number; key: "name" | "address" }[] = [];
  for (const key of ["name", "address"] as const) {
    const seen = new Set<string>();
    hosts.forEach((h, index) => {
      if (seen.has(h[key])) out.push({ index, key });
      seen.add(h[key]);
    });
  }
  return out;
}

function toHostOptions(h: RawHost): HostOptions {
  return {
    name: h.name,
    address: h.address,
    role: h.role,
    sshUser: h.ssh?.user,
    sshPort: h.ssh?.port,
    sshHostKey: h.ssh?.host_key,
    sshPrivateKeyPath: h.ssh?.private_key_path,
    sshTrustOnFirstUse: h.ssh?.trust_on_first_use,
    bmc: h.bmc && {
      type: h.bmc.type,
      address: h.bmc.address,
      port: h.bmc.port,
      username: h.bmc.username,
      passwordVariable: h.bmc.password_variable,
      passwordFile: h.bmc.password_file,
      bootDevice: h.bmc.boot_device,
    },
    aptMirror: h.apt_mirror,
    aptProxy: h.apt_proxy,
    extraHosts: h.extra_hosts,
  };
}
