package templates

import _ "embed"

// exampleSpec is the spec of the issue that introduced generate: a device
// value and two operators. `mcsf demo` runs on it.
//
//go:embed example-spec.yaml
var exampleSpec []byte

// ExampleSpecName is the file name under which ExampleSpec is shown.
const ExampleSpecName = "example-spec.yaml"

// ExampleSpec returns the embedded example spec (a copy).
func ExampleSpec() []byte { return append([]byte(nil), exampleSpec...) }
