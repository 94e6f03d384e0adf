// Makes `require("pulumi-confluent-network-link/...")` resolve inside this repository the way it does
// in a user's project: the serialized dynamic providers load the installed package by name.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

function linkSelf() {
  const link = path.join(root, "node_modules", "pulumi-confluent-network-link");
  try {
    if (fs.realpathSync(link) === root) return;
    fs.rmSync(link, { recursive: true, force: true });
  } catch {
    // not there yet
  }
  fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
}

// The emulator workspace's bin: npm links it at install only if its target exists, and on a fresh
// clone the target is built afterwards, so link it (and make it executable) once it is built.
function linkEmulatorBin() {
  const manifest = require(path.join(root, "emulator", "package.json"));
  for (const [name, file] of Object.entries(manifest.bin)) {
    const target = path.join(root, "emulator", file);
    const link = path.join(root, "node_modules", ".bin", name);
    if (!fs.existsSync(target)) continue;
    fs.chmodSync(target, 0o755);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.rmSync(link, { force: true });
    fs.symlinkSync(path.relative(path.dirname(link), target), link);
  }
}

linkSelf();
linkEmulatorBin();
