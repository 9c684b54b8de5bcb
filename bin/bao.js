#!/usr/bin/env node
"use strict";
// The CLI is TypeScript compiled to lib/ by `npm install` (the prepare script).
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "lib", "src", "cli", "bao.js");
if (!fs.existsSync(entry)) {
  process.stderr.write(
    "bao: not built yet; run `npm install` (or `npm run build:cli`) in the repository first\n"
  );
  process.exit(2);
}
const { main } = require(entry);
// A reader that stops early (`bao validate FILE | head`) is not an error of bao's.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});
main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t + "\n"),
  err: (t) => process.stderr.write(t + "\n"),
}).then((code) => {
  process.exitCode = code;
});
