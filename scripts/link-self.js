// Makes `require("pulumi-confluent-network-link/...")` resolve inside this repository the way it does
// in a user's project: the serialized dynamic providers load the installed package by name.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-confluent-network-link");
try {
  if (fs.realpathSync(link) === root) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // not there yet
}
fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
