package variant

import "testing"

func TestSatisfiable(t *testing.T) {
	tests := []struct {
		name  string
		state []Pair
		want  bool
	}{
		{"empty", nil, true},
		{"one plain", []Pair{{"MCC", "310"}}, true},
		{"two names", []Pair{{"MCC", "310"}, {"MNC", "410"}}, true},
		{"same value twice", []Pair{{"MCC", "310"}, {"mcc", "310"}}, true},
		{"two values", []Pair{{"MCC", "310"}, {"MCC", "311"}}, false},
		{"two values, names differ in case", []Pair{{"MCC", "310"}, {"mcc", "311"}}, false},
		{"SPN folds case", []Pair{{"SPN", "Contoso"}, {"spn", "CONTOSO"}}, true},
		{"GID1 does not fold case", []Pair{{"GID1", "0a"}, {"GID1", "0A"}}, false},
		{"value and its negation", []Pair{{"MCC", "310"}, {"MCC", "!310"}}, false},
		{"value and another negation", []Pair{{"MCC", "310"}, {"MCC", "!311"}}, true},
		{"empty range", []Pair{{"MNC", "range:5, 1"}}, false},
		{"range edge", []Pair{{"MNC", "range:1, 5"}, {"MNC", "range:5, 9"}}, true},
		{"disjoint ranges", []Pair{{"MNC", "range:1, 4"}, {"MNC", "range:5, 9"}}, false},
		{"value in range", []Pair{{"MNC", "05"}, {"MNC", "range:1, 5"}}, true},
		{"value outside range", []Pair{{"MNC", "06"}, {"MNC", "range:1, 5"}}, false},
		{"value not an integer", []Pair{{"MNC", "x"}, {"MNC", "range:1, 5"}}, false},
		{"range minus negated range", []Pair{{"MNC", "range:1, 5"}, {"MNC", "!range:1, 3"}, {"MNC", "!range:4, 5"}}, false},
		{"range minus negated range, gap", []Pair{{"MNC", "range:1, 5"}, {"MNC", "!range:1, 2"}, {"MNC", "!range:4, 5"}}, true},
		{"range minus negated values", []Pair{{"MNC", "range:1, 1"}, {"MNC", "!1"}}, true}, // "01" still matches
		{"value and pattern", []Pair{{"SPN", "Contoso"}, {"SPN", "pattern:Con.*"}}, true},
		{"value and failing pattern", []Pair{{"ICCID", "8901"}, {"ICCID", "pattern:8902.*"}}, false},
		{"pattern and its negation", []Pair{{"SPN", "pattern:a.*"}, {"SPN", "!pattern:a.*"}}, false},
		{"two patterns, different first letters", []Pair{{"SPN", "pattern:a.*"}, {"SPN", "pattern:b.*"}}, false},
		{"undecidable pattern with value", []Pair{{"SPN", "x"}, {"SPN", "pattern:(?=y)"}}, true},
		{"undecidable range", []Pair{{"MNC", "range:1..5"}, {"MNC", "07"}}, true},
	}
	for _, tt := range tests {
		if got := Satisfiable(tt.state); got != tt.want {
			t.Errorf("%s: Satisfiable(%v) = %v, want %v", tt.name, tt.state, got, tt.want)
		}
	}
}

func TestCanOverlap(t *testing.T) {
	tests := []struct {
		a, b []Pair
		want bool
	}{
		{[]Pair{{"MCC", "310"}, {"MNC", "410"}}, []Pair{{"MCC", "310"}}, true},
		{[]Pair{{"MCC", "310"}, {"MNC", "410"}}, []Pair{{"MCC", "310"}, {"MNC", "260"}}, false},
		{[]Pair{{"MCC", "310"}}, []Pair{{"SPN", "Contoso"}}, true},
		{[]Pair{{"MNC", "range:1, 5"}}, []Pair{{"MNC", "!range:0, 9"}}, false},
		{[]Pair{{"UICCSLOT", "0"}}, []Pair{{"UICCSLOT", "1"}}, false},
		{nil, []Pair{{"MCC", "310"}}, true},
	}
	for _, tt := range tests {
		if got := CanOverlap(tt.a, tt.b); got != tt.want {
			t.Errorf("CanOverlap(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := CanOverlap(tt.b, tt.a); got != tt.want {
			t.Errorf("CanOverlap(%v, %v) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestCanOverlapDoesNotModifyInput(t *testing.T) {
	a := make([]Pair, 1, 4)
	a[0] = Pair{"MCC", "310"}
	CanOverlap(a, []Pair{{"MNC", "410"}})
	if got := a[:2][1]; got != (Pair{}) {
		t.Errorf("CanOverlap wrote %v into the spare capacity of its first argument", got)
	}
}
