//go:build tools

// Package tools pins the Go language host's main package so that `go mod tidy` keeps its dependencies.
package tools

import _ "github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go"
