package cli

import (
	"runtime/debug"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestVersionFrom(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	vcs := settings("GOOS", "windows", "GOARCH", "arm64", "vcs", "git",
		"vcs.revision", "9b2be89bb70a1f94960ed70b9c333a14afbb1182", "vcs.time", "2026-11-30T07:49:31Z", "vcs.modified", "true")
	tests := []struct {
		name     string
		info     *debug.BuildInfo
		override string
		want     buildVersion
	}{
		{"no build info", nil, "", buildVersion{Version: "(devel)", SemanticVersion: "0.0.0-devel", Source: "none"}},
		{"go install m@v", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}, Settings: settings("GOOS", "linux", "GOARCH", "amd64")}, "",
			buildVersion{Version: "v1.2.3", SemanticVersion: "1.2.3", Source: "module", Go: "go1.26.8", Platform: "linux/amd64"}},
		{"tagged checkout, modified", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.9.0+dirty"}, Settings: vcs}, "",
			buildVersion{Version: "v0.9.0+dirty", SemanticVersion: "0.9.0+dirty", Revision: "9b2be89bb70a1f94960ed70b9c333a14afbb1182",
				Time: "2026-11-30T07:49:31Z", Modified: true, Source: "vcs", Go: "go1.26.8", Platform: "windows/arm64"}},
		{"checkout, no version", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs}, "",
			buildVersion{Version: "(devel)", SemanticVersion: "0.0.0-devel+9b2be89bb70a", Revision: "9b2be89bb70a1f94960ed70b9c333a14afbb1182",
				Time: "2026-11-30T07:49:31Z", Modified: true, Source: "vcs", Go: "go1.26.8", Platform: "windows/arm64"}},
		{"ldflags win", &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}, Settings: vcs}, "2.0.0",
			buildVersion{Version: "2.0.0", SemanticVersion: "2.0.0", Revision: "9b2be89bb70a1f94960ed70b9c333a14afbb1182",
				Time: "2026-11-30T07:49:31Z", Modified: true, Source: "ldflags", Go: "go1.26.8", Platform: "windows/arm64"}},
		{"ldflags not semver", nil, "nightly", buildVersion{Version: "nightly", SemanticVersion: "0.0.0-devel", Source: "ldflags"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := versionFrom(tc.info, tc.override)
			if tc.info == nil { // the running toolchain and platform
				tc.want.Go, tc.want.Platform = got.Go, got.Platform
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("versionFrom: (-want +got)\n%s", diff)
			}
		})
	}
}

func TestSemanticVersion(t *testing.T) {
	for in, want := range map[string]string{
		"dev": "", "v1.2.3": "1.2.3", "1.2.3": "1.2.3", "v1.2": "", "v1.2.3-rc.1+abc": "1.2.3-rc.1+abc", "v1.x.3": "",
	} {
		if got := semanticVersion(in); got != want {
			t.Errorf("semanticVersion(%q): got %q, want %q", in, got, want)
		}
	}
}

// TestDisplayVersion: a version set at link time is shown as versionFrom
// shows it, without the build information, and without one --version shows
// what versionFrom makes of the build information.
func TestDisplayVersion(t *testing.T) {
	info, _ := debug.ReadBuildInfo()
	old := Version
	t.Cleanup(func() { Version = old })
	for _, v := range []string{"v1.2.3", "nightly", "2.0.0-rc.1+abc"} {
		Version = v
		if got, want := displayVersion(), versionFrom(info, v).display(); got != want || got != v {
			t.Errorf("Version %q: displayVersion() = %q, versionFrom shows %q", v, got, want)
		}
	}
	Version = ""
	if got, want := displayVersion(), versionFrom(info, "").display(); got != want {
		t.Errorf("no link-time version: displayVersion() = %q, versionFrom shows %q", got, want)
	}
}
