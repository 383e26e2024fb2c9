// Generates the TypeScript bindings for polyvisor's provider from its own schema
// (provider/schema) into constructs/generated/. Run by `npm run build` before tsc.
import * as fs from "node:fs";
import * as path from "node:path";
import { generateProviderBindingsFromSchema } from "@cdktf/provider-generator";
import { providerSchemaJson } from "../provider/schema";

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..");
  const out = path.join(root, "constructs", "generated");
  fs.rmSync(out, { recursive: true, force: true });
  // The generator's own types lag behind the JSON shape terraform prints; the shape is the contract.
  await generateProviderBindingsFromSchema(out, providerSchemaJson() as never);
  console.log(`bindings generated in ${path.relative(root, out)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
