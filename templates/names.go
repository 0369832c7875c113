package templates

import (
	"strconv"
	"strings"
)

// OperatorIDs returns the Target Id (also the Variant Name) of each
// operator, in order: the name with every character other than an ASCII
// letter, digit, '.', '_' or '-' replaced by '_' (runs of them by one),
// "Operator" when nothing is left, and "_2", "_3", ... appended where an
// earlier operator already has the Id (compared case-insensitively).
func OperatorIDs(s *Spec) []string {
	ids := make([]string, len(s.Operators))
	taken := map[string]bool{}
	for i, op := range s.Operators {
		base := SafeID(op.Name)
		id := base
		for n := 2; taken[strings.ToLower(id)]; n++ {
			id = base + "_" + strconv.Itoa(n)
		}
		taken[strings.ToLower(id)] = true
		ids[i] = id
	}
	return ids
}

// SafeID makes name usable as a Target Id: ASCII letters, digits, '.', '_'
// and '-' are kept, any run of other characters becomes one '_', and '_' at
// either end is dropped. A result without a letter or digit is "Operator".
func SafeID(name string) string {
	var b strings.Builder
	under := false
	for _, r := range name {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_'
		if !ok || r == '_' {
			if !under {
				b.WriteByte('_')
			}
			under = true
			continue
		}
		under = false
		b.WriteRune(r)
	}
	id := strings.Trim(b.String(), "_")
	if !strings.ContainsFunc(id, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' }) {
		return "Operator"
	}
	return id
}
