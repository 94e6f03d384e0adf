import { spawn } from "node:child_process";

// The check that a built plugin binary starts on its own: run with an engine address, as the engine
// runs it, a provider plugin prints the port of its gRPC server on its first line of output.

/** Resolves with the port the binary printed; rejects with its output if it exits or stays silent. */
export function checkServes(executable: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<number> {
  return new Promise((resolve, reject) => {
    // The engine's address is never dialled before a request comes in: any port will do.
    const child = spawn(executable, ["127.0.0.1:1"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${executable} ${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
    };
    const timer = setTimeout(() => fail(`printed no port within ${timeoutMs} ms`), timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^(\d+)\s*\n/.exec(stdout);
      if (!line) return;
      clearTimeout(timer);
      child.kill("SIGKILL");
      resolve(Number(line[1]));
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (err) => fail(`did not start: ${err.message}`));
    child.on("exit", (code) => fail(`exited (code ${code}) before printing a port`));
  });
}
