package lsp

// conditions.go: what the editor says about condition names. The facts
// are Microsoft's (the priority classes, the value checks of its
// validator) and mcsf's stated policies; where the documentation says
// nothing about a name's values, the text says so.

// conditionDoc describes one documented condition name.
type conditionDoc struct {
	Name    string
	SIM     bool     // P0 (a SIM condition); else P1 (a device condition)
	Meaning string   // one sentence
	Value   string   // the form of a plain value
	Values  []string // the plain values when they are few, for completion
	Example string
}

// conditionDocs lists the documented names in the order of Microsoft's list.
var conditionDocs = []conditionDoc{
	{Name: "MCC", SIM: true, Meaning: "mobile country code of the SIM (the first digits of its IMSI)",
		Value: "exactly 3 digits", Example: "310"},
	{Name: "MNC", SIM: true, Meaning: "mobile network code of the SIM",
		Value: "2 or 3 digits; 26 and 026 are different values (mcsf's policy, as Android treats them): write the form the SIM reports", Example: "410"},
	{Name: "SPN", SIM: true, Meaning: "service provider name stored on the SIM",
		Value: "at most 16 characters; compared case-insensitively (mcsf's policy, as Android does)", Example: "Contoso"},
	{Name: "PNN", SIM: true, Meaning: "PLMN network name from the SIM",
		Value: "text; compared case-insensitively (mcsf's policy)", Example: "Contoso Mobile"},
	{Name: "GID1", SIM: true, Meaning: "group identifier level 1 of the SIM",
		Value: "hexadecimal digits, at most 16 significant", Example: "0A1B"},
	{Name: "ICCID", SIM: true, Meaning: "serial number of the SIM card",
		Value: "digits (19 or 20); a range: compares them as whole integers", Example: "range:8901260000000000000, 8901269999999999999"},
	{Name: "Roaming", SIM: true, Meaning: "whether the SIM is roaming", Value: "0 or 1", Values: []string{"0", "1"}, Example: "1"},
	{Name: "UICC", SIM: true, Meaning: "state of the SIM", Value: "0 (empty), 1 (ready) or 2 (locked)", Values: []string{"0", "1", "2"}, Example: "1"},
	{Name: "UICCSLOT", SIM: true, Meaning: "slot of the SIM on a dual-SIM phone", Value: "0 or 1", Values: []string{"0", "1"}, Example: "0"},
	{Name: "ProcessorType", Meaning: "a device condition", Value: "not documented by Microsoft"},
	{Name: "ProcessorName", Meaning: "a device condition", Value: "not documented by Microsoft"},
	{Name: "AoAc", Meaning: "a device condition (always on, always connected)", Value: "not documented by Microsoft"},
	{Name: "PowerPlatformRole", Meaning: "a device condition", Value: "not documented by Microsoft"},
	{Name: "Architecture", Meaning: "a device condition", Value: "not documented by Microsoft"},
	{Name: "Server", Meaning: "a device condition", Value: "not documented by Microsoft"},
	{Name: "Region", Meaning: "a device condition", Value: "not documented by Microsoft"},
	{Name: "Lang", Meaning: "a device condition", Value: "not documented by Microsoft"},
}

// valueSyntax is the syntax of every condition value, from Microsoft's validator.
const valueSyntax = "A value is `[!][pattern:|range:]value`: a plain value matches exactly; " +
	"`pattern:` a regular expression that must match the whole value (.NET on the device, checked with Go's RE2 here); " +
	"`range:min, max` an inclusive integer range; `!` negates the whole test. " +
	"Write `pattern:` and `range:` in lower case: Microsoft's validator knows no other spelling."

// conditionDocOf finds a documented name, case-insensitively.
func conditionDocOf(name string) (conditionDoc, bool) {
	for _, c := range conditionDocs {
		if equalFoldASCII(c.Name, name) {
			return c, true
		}
	}
	return conditionDoc{}, false
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
