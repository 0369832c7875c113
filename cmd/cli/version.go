package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version.go: what this binary knows about its own build, for --version,
// 'mcsf version' and the SARIF tool driver.

// Version overrides the version read from the build information when it is
// set at link time:
//
//	go build -ldflags "-X github.com/mcsf-dev/mcsf/cmd/cli.Version=v1.2.3" ./cmd/mcsf
//
// Empty (the default): the Go toolchain's own record is used, which holds the
// module version after 'go install ...@v1.2.3' and the git revision, its time
// and whether the tree was modified after a build in a git checkout.
var Version = ""

// buildVersion is the version information of one binary.
type buildVersion struct {
	Version         string `json:"version"`            // as recorded: v1.2.3, a pseudo-version, or "(devel)"
	SemanticVersion string `json:"semanticVersion"`    // always a semantic version, without "v"
	Revision        string `json:"revision,omitempty"` // VCS commit; "" if unknown
	Time            string `json:"time,omitempty"`     // VCS commit time, RFC 3339; "" if unknown
	Modified        bool   `json:"modified"`           // the working tree had changes when built
	Source          string `json:"source"`             // ldflags, module, vcs or none: where Version came from
	Go              string `json:"go"`                 // the Go toolchain that built the binary
	Platform        string `json:"platform"`           // GOOS/GOARCH
}

// develSemver is the semantic version of a build that records no version:
// 0.0.0 sorts before every release, and the pre-release tag says why.
const develSemver = "0.0.0-devel"

// currentVersion reads the version of the running binary.
func currentVersion() buildVersion {
	info, _ := debug.ReadBuildInfo()
	return versionFrom(info, Version)
}

// versionFrom derives the version from the build information (nil when the
// binary has none) and the link-time override ("" when not set).
func versionFrom(info *debug.BuildInfo, override string) buildVersion {
	v := buildVersion{Version: "(devel)", Source: "none", Go: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if info != nil {
		v.Go = info.GoVersion
		var goos, goarch string
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Revision = s.Value
			case "vcs.time":
				v.Time = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			case "GOOS":
				goos = s.Value
			case "GOARCH":
				goarch = s.Value
			}
		}
		if goos != "" && goarch != "" {
			v.Platform = goos + "/" + goarch
		}
		if mv := info.Main.Version; mv != "" && mv != "(devel)" {
			// Since Go 1.24, a build in a git checkout records a version
			// derived from the tags (a pseudo-version between tags, with
			// +dirty for a modified tree); 'go install m@v' records v.
			v.Version, v.Source = mv, "module"
			if v.Revision != "" {
				v.Source = "vcs"
			}
		} else if v.Revision != "" {
			v.Source = "vcs"
		}
	}
	if override != "" {
		v.Version, v.Source = override, "ldflags"
	}
	v.SemanticVersion = semanticVersion(v.Version)
	if v.SemanticVersion == "" {
		v.SemanticVersion = develSemver
		if v.Revision != "" {
			v.SemanticVersion += "+" + shortRevision(v.Revision)
		}
	}
	return v
}

func shortRevision(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}

// displayVersion is the version as --version shows it after "mcsf version ". A
// version set at link time (as the released binaries are built) is shown
// as it is, without reading the build information: versionFrom would
// show it the same way, and --version is the one command whose whole run is
// starting the process (runtime/debug.ParseBuildInfo was a tenth of its
// CPU).
func displayVersion() string {
	if Version != "" {
		return Version
	}
	return currentVersion().display()
}

// display is the version as --version shows it after "mcsf version ", and
// mcsf version on its first line after "mcsf ".
func (v buildVersion) display() string {
	if v.Source == "none" {
		return v.Version + " (no version information: built outside a git checkout or with -buildvcs=false; set one with -ldflags)"
	}
	return v.Version
}

func writeVersionText(w io.Writer, v buildVersion) {
	fmt.Fprintf(w, "mcsf %s\n", v.display())
	rev := "unknown (the build recorded no version control information)"
	if v.Revision != "" {
		rev = v.Revision
		if v.Modified {
			rev += " (modified)"
		}
	}
	fmt.Fprintf(w, "  revision  %s\n", rev)
	if v.Time != "" {
		fmt.Fprintf(w, "  time      %s\n", v.Time)
	}
	fmt.Fprintf(w, "  semver    %s\n", v.SemanticVersion)
	fmt.Fprintf(w, "  go        %s %s\n", v.Go, v.Platform)
}

var versionFormats = []string{"text", "json"}

func newVersionCmd(io *streams) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version, git revision and toolchain of this mcsf",
		Long: `Print the version of this mcsf and how it was built: the module version
(after 'go install github.com/mcsf-dev/mcsf/cmd/mcsf@v1.2.3') or the version
Go derives from the git checkout it was built in, the git revision and its
time, whether the tree had uncommitted changes, and the Go toolchain.
A version set at link time (-ldflags "-X github.com/mcsf-dev/mcsf/cmd/cli.Version=...")
wins over the recorded one; 'source' says which was used.

Examples:
  mcsf version
  mcsf version --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			v := currentVersion()
			switch format {
			case "text":
				writeVersionText(io.out, v)
			case "json":
				b, err := json.MarshalIndent(v, "", "  ")
				if err != nil {
					return internal(err)
				}
				fmt.Fprintf(io.out, "%s\n", b)
			}
			return nil
		},
	}
	formatFlag(cmd, &format, "", versionFormats...)
	return cmd
}

// semanticVersion returns v without its "v" when it is a semantic version
// (MAJOR.MINOR.PATCH, optionally -pre and +build), "" otherwise: a
// development build is "dev".
func semanticVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	core, _, _ := strings.Cut(v, "+")
	core, _, _ = strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return ""
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return ""
		}
	}
	return v
}
