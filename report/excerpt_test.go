package report

import "testing"

func TestWindow(t *testing.T) {
	tests := []struct {
		line       string
		col, width int
		want       string
		wantCol    int
	}{
		{"short", 2, 10, "short", 2},
		{"0123456789abcdefghij", 1, 10, "0123456789…", 1},
		{"0123456789abcdefghij", 15, 9, "…bcdefghij", 5},
		{"0123456789abcdefghij", 20, 9, "…bcdefghij", 10},
		{"0123456789abcdefghij", 11, 9, "…789abcdef…", 5},
		{"ééééééééééééééééééé", 10, 6, "…éééééé…", 4},
		{"0123456789", 0, 4, "0123…", 0},
	}
	for _, tt := range tests {
		got, col := window(tt.line, tt.col, tt.width)
		if got != tt.want || col != tt.wantCol {
			t.Errorf("window(%q, %d, %d): got %q, %d; want %q, %d", tt.line, tt.col, tt.width, got, col, tt.want, tt.wantCol)
		}
	}
}

func TestCleanName(t *testing.T) {
	if got, want := Inline("a\x1b[31mb\nc.xml"), `a\x1b[31mb\x0ac.xml`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
