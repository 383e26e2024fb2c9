// `polyvisor matrix`: nova's feature support table for the hypervisors of a cloud definition, for
// its release (or another one), as text or JSON.
import { driversIn } from "../../provisioners/drivers/registry";
import { RELEASES, Release } from "../../provisioners/drivers/release";
import { formatSupportTable, supportTable } from "../../provisioners/drivers/support-table";
import { PolyvisorError } from "../../provisioners/errors";
import { Command, EXIT } from "../private/command";
import { CloudSummary, loadApp, loadExample } from "../private/cloud-definition";

type MatrixFlags = { app?: string; example?: string; release?: string; json?: boolean };

export const matrix: Command<MatrixFlags> = {
  name: "matrix",
  summary: "print the hypervisor feature support table of a cloud definition",
  flags: {
    app: { type: "string", placeholder: "DIR", description: "project dir with cdktf.json, or its synth output (default: current dir)" },
    example: { type: "string", placeholder: "NAME", description: "a compiled example (dist/examples/NAME)" },
    release: { type: "string", placeholder: "RELEASE", description: "show the table for this release instead", choices: RELEASES },
    json: { type: "boolean", description: "machine-readable output" },
  },
  examples: ["polyvisor matrix --example enterprise", "polyvisor matrix --app . --release zed --json"],

  async run(flags, io) {
    if (flags.app !== undefined && flags.example !== undefined) {
      throw new PolyvisorError("UsageError", "--app and --example exclude each other", { where: "polyvisor matrix", fix: "pass one of them" });
    }
    const cloud: CloudSummary = flags.example !== undefined ? loadExample(flags.example) : loadApp(flags.app ?? ".");
    const release = (flags.release as Release | undefined) ?? cloud.release;
    const existing = new Set(driversIn(release).map((d) => d.id));
    const drivers = cloud.drivers.filter((d) => existing.has(d));
    const missing = cloud.drivers.filter((d) => !existing.has(d));
    const table = supportTable(drivers, release);
    if (flags.json) {
      io.out(JSON.stringify({ source: cloud.source, definitionRelease: cloud.release, ...table, notInRelease: missing }, null, 2) + "\n");
    } else {
      io.out(`${cloud.source} (stacks: ${cloud.stacks.join(", ")}; defined for ${cloud.release})\n`);
      io.out(formatSupportTable(table));
      if (missing.length > 0) io.out(`\nnot in ${release}: ${missing.join(", ")}\n`);
    }
    return EXIT.ok;
  },
};
