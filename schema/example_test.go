package schema_test

import (
	"fmt"

	"github.com/mcsf-dev/mcsf/schema"
)

func ExampleValidateAt() {
	// A <Target> projected to JSON, checked against its definition.
	errs, err := schema.ValidateAt("answerfile", "/$defs/Target", map[string]any{"@Idd": "Fabrikam"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range errs {
		fmt.Printf("%s %s\n", e.KeywordLocation, e.Message)
	}
	// Output:
	// /additionalProperties additionalProperties '@Idd' not allowed
	// /required missing properties: '@Id'
}
