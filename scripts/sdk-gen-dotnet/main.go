// Command sdk-gen-dotnet writes the .NET SDK of the native provider from its schema. It is a module
// of its own because the C# code generator left github.com/pulumi/pulumi/pkg/v3 after v3.224.0 (it
// lives in pulumi-dotnet now, whose Go module the proxy does not serve), while scripts/sdk-gen
// follows the CLI's newer pkg/v3 for the other languages.
//
// Usage: sdk-gen-dotnet <schema.json> <output folder>; writes the project into <output> (over what
// is there: scripts/generate-sdks.sh clears the old files first).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/dotnet"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-confluent-network-link sdk-gen-dotnet"

// noPackages is the loader of a schema that references no other package: any lookup is an error.
type noPackages struct{}

func (noPackages) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema references package %q: only self-contained schemas are supported", pkg)
}

func (l noPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, d.Version)
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdk-gen-dotnet <schema.json> <output folder>")
		os.Exit(2)
	}
	if err := generate(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "sdk-gen-dotnet:", err)
		os.Exit(1)
	}
}

// bind reads and validates the schema.
func bind(path string) (*schema.Package, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noPackages{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return pkg, nil
}

func generate(schemaPath, out string) error {
	pkg, err := bind(schemaPath)
	if err != nil {
		return err
	}
	if pkg.LogoURL != "" {
		return fmt.Errorf("%s: logoUrl is set, but the generator would download it: "+
			"leave it unset (logo.png is drawn offline, see logo.go)", schemaPath)
	}
	restore := serveLogoOffline()
	files, err := dotnet.GeneratePackage(tool, pkg, nil, nil)
	restore()
	if err != nil {
		return fmt.Errorf("dotnet: %w", err)
	}
	for name, content := range files {
		if strings.HasSuffix(name, ".csproj") {
			if content, err = amendProject(strings.TrimSuffix(name, ".csproj"), content); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// supportedFramework is the oldest .NET in support: the generator's template still says net6.0,
// out of support since 2024-11.
const supportedFramework = "net8.0"

// amendProject sets what the generator's project template leaves out or out of date: the target
// framework and an explicit PackageId (the project's name, which NuGet would take anyway). Each edit
// must find its anchor, so a change of the template fails here instead of going unnoticed.
func amendProject(packageID string, project []byte) ([]byte, error) {
	text := string(project)
	edits := []struct{ from, to string }{
		{"<TargetFramework>net6.0</TargetFramework>", "<TargetFramework>" + supportedFramework + "</TargetFramework>"},
		{"<GeneratePackageOnBuild>true</GeneratePackageOnBuild>\n",
			"<GeneratePackageOnBuild>true</GeneratePackageOnBuild>\n    <PackageId>" + packageID + "</PackageId>\n"},
	}
	for _, edit := range edits {
		if strings.Count(text, edit.from) != 1 {
			return nil, fmt.Errorf("the generator's project no longer holds %q once: update amendProject", edit.from)
		}
		text = strings.Replace(text, edit.from, edit.to, 1)
	}
	return []byte(text), nil
}
