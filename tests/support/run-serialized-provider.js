// Runs a serialized provider the way the dynamic-provider host does: loaded from its text, configured
// with the stack config, then check + create. Prints the create result as JSON on the last line.
const fs = require("node:fs");
const requireFromString = require("require-from-string");

async function main() {
  const [providerFile, inputsJson] = process.argv.slice(2);
  const config = JSON.parse(process.env.TEST_STACK_CONFIG || "{}");
  const provider = requireFromString(fs.readFileSync(providerFile, "utf8")).handler();
  await provider.configure({ config: { get: (key) => config[key] } });
  const checked = await provider.check({}, JSON.parse(inputsJson));
  if (checked.failures && checked.failures.length > 0) throw new Error(JSON.stringify(checked.failures));
  const created = await provider.create(checked.inputs);
  console.log(JSON.stringify(created));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
