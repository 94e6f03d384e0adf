// First step of the npm scripts: they need Node 22 or newer, which the `node` devDependency installs
// into node_modules/.bin (first on the PATH of npm scripts) when npm runs its install script. If that
// script was not run (package.json's allowScripts, --ignore-scripts), the machine's own node answers
// here: stop with the fix rather than fail later in a way that names something else.
const REQUIRED_MAJOR = 22;
const major = Number(process.versions.node.split(".")[0]);
if (major < REQUIRED_MAJOR) {
  process.stderr.write(
    `This project needs Node ${REQUIRED_MAJOR} or newer; the npm script ran on Node ${process.versions.node} ` +
      `(${process.execPath}).\n` +
      "The `node` devDependency provides it once its install script has run: check that package.json's " +
      "`allowScripts` allows `node`, then run `npm ci` again (without --ignore-scripts), or install Node " +
      `${REQUIRED_MAJOR}.\n`,
  );
  process.exit(1);
}
