#!/usr/bin/env node
import * as pulumi from "@pulumi/pulumi";
import { NativeProvider } from "./provider";

// The plugin's entry point: the engine starts it with its own address as the first argument.
const args = process.argv.slice(2);
const engineAddress = args.find((arg) => !arg.startsWith("-"));
void pulumi.provider.main(new NativeProvider(engineAddress), args);
