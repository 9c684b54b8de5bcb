#!/usr/bin/env node
// Writes lib/office, the library entry of the task pane's commands (docs/office.md), over
// the compiled session: require("<repo>/lib/office").createOfficeSession(Excel, options).
const fs = require("fs");
const path = require("path");

const dir = path.join(__dirname, "..", "lib", "office");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(
  path.join(dir, "index.js"),
  '"use strict";\n// The task pane\'s commands as a library (docs/office.md).\nconst session = require("../src/hosts/excel/session");\nconst simulator = require("../src/hosts/excel/simulator");\nmodule.exports = {\n  createOfficeSession: session.createOfficeSession,\n  SimulatedExcel: simulator.SimulatedExcel,\n  SimWorkbookState: simulator.SimWorkbookState,\n};\n'
);
