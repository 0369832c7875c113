package cli

import "testing"

func TestWantColor(t *testing.T) {
	tests := []struct {
		mode     string
		env      map[string]string
		terminal bool
		want     bool
	}{
		{"auto", nil, true, true},
		{"auto", nil, false, false},
		{"auto", map[string]string{"NO_COLOR": "1"}, true, false},
		{"auto", map[string]string{"TERM": "dumb"}, true, false},
		{"auto", map[string]string{"FORCE_COLOR": "1"}, false, true},
		{"auto", map[string]string{"FORCE_COLOR": "3", "NO_COLOR": "1"}, false, true},
		{"auto", map[string]string{"FORCE_COLOR": "0"}, true, false},
		{"auto", map[string]string{"FORCE_COLOR": "false"}, true, false},
		{"auto", map[string]string{"CLICOLOR_FORCE": "1"}, false, true},
		{"auto", map[string]string{"CLICOLOR_FORCE": "0"}, false, false},
		{"always", map[string]string{"NO_COLOR": "1"}, false, true},
		{"never", map[string]string{"FORCE_COLOR": "1"}, true, false},
	}
	for _, tc := range tests {
		got := wantColor(tc.mode, func(k string) string { return tc.env[k] }, tc.terminal)
		if got != tc.want {
			t.Errorf("wantColor(%q, %v, terminal=%v): got %v, want %v", tc.mode, tc.env, tc.terminal, got, tc.want)
		}
	}
}
