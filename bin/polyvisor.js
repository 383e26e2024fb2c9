#!/usr/bin/env node
// Thin launcher: the CLI is TypeScript compiled into dist/ by `npm run build`.
"use strict";
let cli;
try {
  cli = require("../dist/bin/polyvisor.js");
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes("dist/bin/polyvisor")) {
    process.stderr.write("polyvisor: dist/ is missing; run `npm run build` first\n");
    process.exit(70);
  }
  throw err;
}
cli.run();
