#!/usr/bin/env node
// Launcher for `npx aws-threat-triage`: runs the TypeScript CLI through ts-node without a build.
"use strict";

const path = require("node:path");

require("ts-node").register({
  transpileOnly: true,
  project: path.join(__dirname, "..", "tsconfig.json"),
});
const { main } = require("../triage/cli.ts");

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
}).then((code) => {
  process.exitCode = code;
});
