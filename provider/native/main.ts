#!/usr/bin/env node
// The plugin's entry point.
import { NativeProvider } from "./provider";
import { engineAddressOf, serve } from "./server";

// The plugin's entry point: the engine starts it with its own address as the first argument, and
// reads the port of the provider's gRPC server from its first line of output.
const engineAddress = engineAddressOf(process.argv.slice(2));
void serve(new NativeProvider(engineAddress), engineAddress);
