package catalog_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/mcsf-dev/mcsf/catalog"
)

// TestEverySettingDescribed: every setting of the catalog carries its
// one-line description (catalog/descriptions.yaml, or an overrides doc).
func TestEverySettingDescribed(t *testing.T) {
	for _, c := range catalog.Customizations() {
		for _, g := range c.Groups {
			for _, s := range g.Settings {
				if strings.TrimSpace(s.Doc) == "" {
					t.Errorf("%s: %s under %s has no description (catalog/descriptions.yaml)", c.Page, s.Name, g.Path)
				}
			}
		}
	}
}

// copiedRun is the length, in words, of a run of a page's words that a
// description may not repeat: the pages' facts carry over, their sentences
// do not (corpus/pages/README.txt).
const copiedRun = 8

// TestDescriptionsInOwnWords fails when a description, or a value's doc,
// repeats copiedRun or more consecutive words of its customization's page.
func TestDescriptionsInOwnWords(t *testing.T) {
	pages := filepath.Join("..", "..", "shared", "corpus", "pages")
	if _, err := os.Stat(pages); err != nil {
		t.Skipf("no pages at %s: descriptions not compared with their page", pages)
	}
	for _, c := range catalog.Customizations() {
		b, err := os.ReadFile(filepath.Join(pages, c.Page+".md"))
		if err != nil {
			t.Fatal(err)
		}
		runs := wordRuns(words(string(b)))
		check := func(what, doc string) {
			w := words(doc)
			for i := 0; i+copiedRun <= len(w); i++ {
				if run := strings.Join(w[i:i+copiedRun], " "); runs[run] {
					t.Errorf("%s: %s repeats %d words of the page: %q", c.Page, what, copiedRun, run)
					return
				}
			}
		}
		for _, g := range c.Groups {
			for _, s := range g.Settings {
				check(s.Name, s.Doc)
				for _, v := range s.Values {
					check(s.Name+" value", v.Doc)
				}
			}
		}
	}
}

func TestWordRuns(t *testing.T) {
	page := wordRuns(words("Use to specify the threshold for the number of attempts to resend the SMS over IMS."))
	tests := []struct {
		doc  string
		want bool
	}{
		{"the threshold for the number of attempts to resend", true},
		{"The THRESHOLD for the number, of attempts to resend!", true},
		{"the threshold for the number of attempts", false},
		{"attempts in all to send an SMS over IMS", false},
	}
	for _, tt := range tests {
		w, got := words(tt.doc), false
		for i := 0; i+copiedRun <= len(w); i++ {
			got = got || page[strings.Join(w[i:i+copiedRun], " ")]
		}
		if got != tt.want {
			t.Errorf("%q copied: got %v, want %v", tt.doc, got, tt.want)
		}
	}
}

// words splits s into lower-case words of letters and digits; markup and
// punctuation only separate them.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// wordRuns is the set of every copiedRun consecutive words of w.
func wordRuns(w []string) map[string]bool {
	out := map[string]bool{}
	for i := 0; i+copiedRun <= len(w); i++ {
		out[strings.Join(w[i:i+copiedRun], " ")] = true
	}
	return out
}
