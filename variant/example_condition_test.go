package variant_test

import (
	"fmt"

	"github.com/mcsf-dev/mcsf/variant"
)

func ExampleParseCondition() {
	c, err := variant.ParseCondition("SPN", "!pattern:Contoso.*")
	fmt.Println(c.Kind, c.Negate, c.Text, err)
	fmt.Println(c.Eval("CONTOSO Mobile", true), c.Eval("Fabrikam", true), c.Eval("", false))

	_, err = variant.ParseCondition("SPN", "pattern:(?!Contoso).*")
	fmt.Println(err)
	// Output:
	// pattern true Contoso.* <nil>
	// not matched matched not matched
	// pattern "(?!Contoso).*" uses a negative look-ahead (?!...), which .NET accepts on the device but Go's RE2 cannot evaluate: mcsf resolve reports its target state as undecided; rewrite the pattern without it to have it checked
}

func ExampleCheckCondition() {
	for _, p := range variant.CheckCondition("SPN", "Pattern:Contoso.*") {
		fmt.Printf("%s: %s\n", p.Kind, p.Message)
	}
	for _, p := range variant.CheckCondition("MNC", "range:5, 1") {
		fmt.Printf("%s: %s\n", p.Kind, p.Message)
	}
	// Output:
	// prefix-case: "Pattern:" is not a prefix for ImageApp: it reads the whole value as a plain value, which never matches a SIM; write "pattern:"
	// invalid-value: range "5, 1" is empty: the minimum 5 is above the maximum 1, swap them
}

func ExampleCanOverlap() {
	a := []variant.Pair{{Name: "MCC", Value: "310"}, {Name: "MNC", Value: "410"}}
	b := []variant.Pair{{Name: "MCC", Value: "310"}, {Name: "SPN", Value: "Contoso"}}
	c := []variant.Pair{{Name: "mcc", Value: "311"}}
	fmt.Println(variant.CanOverlap(a, b), variant.CanOverlap(a, c))
	// Output: true false
}
