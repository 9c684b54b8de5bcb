// npm test runs the browser tests when Chromium is installed and says so plainly when it
// skips them; with E2E_REQUIRED=1 (as in .ci/run) a missing Chromium is a failure.
const fs = require("fs");
const { spawnSync } = require("child_process");

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  const message = `end-to-end tests SKIPPED: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.E2E_REQUIRED === "1") {
    process.stderr.write(`${message}, but E2E_REQUIRED=1\n`);
    process.exit(1);
  }
  process.stdout.write(`\n*** ${message} ***\n\n`);
  process.exit(0);
}
const result = spawnSync("npx", ["jest", "-c", "jest.e2e.config.js"], { stdio: "inherit" });
process.exit(result.status ?? 1);
