//go:build tools

// Package tools pins the Python language host's main package so that `go mod tidy` keeps its
// dependencies. The host runs the script python/cmd/pulumi-language-python-exec of the same module,
// which scripts/install-language-hosts.sh copies beside the binary.
package tools

import _ "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
