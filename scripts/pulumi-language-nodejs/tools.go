//go:build tools

// Pins the Node.js language host: `go build github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs`
// from this module builds it at the sdk/v3 version go.mod requires (see scripts/install-pulumi.sh).
package tools

import _ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
