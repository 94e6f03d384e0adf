// Command go-module-proxy publishes a module folder into a Go module proxy laid out on disk (what
// GOPROXY=file://<folder> reads, https://go.dev/ref/mod#goproxy-protocol): <path>/@v/list,
// <version>.info, <version>.mod and <version>.zip, the zip made and checked by golang.org/x/mod/zip,
// as the module proxy makes it from a tagged repository.
//
// Usage: go-module-proxy <proxy folder> <module path> <version> <module folder>
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func main() {
	if len(os.Args) != 5 {
		fail("usage: go-module-proxy <proxy folder> <module path> <version> <module folder>")
	}
	proxy, path, version, dir := os.Args[1], os.Args[2], os.Args[3], os.Args[4]
	if err := publish(proxy, module.Version{Path: path, Version: version}, dir); err != nil {
		fail(err.Error())
	}
}

func publish(proxy string, mod module.Version, dir string) error {
	if err := module.Check(mod.Path, mod.Version); err != nil {
		return err
	}
	goMod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return err
	}
	// The proxy serves a module only under the path its go.mod declares.
	if declared := modfile.ModulePath(goMod); declared != mod.Path {
		return fmt.Errorf("%s/go.mod declares module %q, not %q", dir, declared, mod.Path)
	}
	escaped, err := module.EscapePath(mod.Path)
	if err != nil {
		return err
	}
	escapedVersion, err := module.EscapeVersion(mod.Version)
	if err != nil {
		return err
	}
	at := filepath.Join(proxy, filepath.FromSlash(escaped), "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		return err
	}
	zipFile, err := os.Create(filepath.Join(at, escapedVersion+".zip"))
	if err != nil {
		return err
	}
	defer zipFile.Close()
	if err := zip.CreateFromDir(zipFile, mod, dir); err != nil {
		return err
	}
	if err := zipFile.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(at, escapedVersion+".mod"), goMod, 0o644); err != nil {
		return err
	}
	info, err := json.Marshal(struct{ Version, Time string }{mod.Version, time.Now().UTC().Format(time.RFC3339)})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(at, escapedVersion+".info"), info, 0o644); err != nil {
		return err
	}
	return addToList(filepath.Join(at, "list"), mod.Version)
}

func addToList(list, version string) error {
	text, err := os.ReadFile(list)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	versions := strings.Fields(string(text))
	if !slices.Contains(versions, version) {
		versions = append(versions, version)
	}
	return os.WriteFile(list, []byte(strings.Join(versions, "\n")+"\n"), 0o644)
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "go-module-proxy:", message)
	os.Exit(1)
}
