package templates

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMarshalSpecRoundTrip(t *testing.T) {
	specs := []string{
		string(ExampleSpec()),
		"name: \"yes\"\nowner: \"on\"\ndescription: \"x: y # z\"\nownerType: Microsoft\noperators:\n" +
			"  - name: \"A: B\"\n    match: [{spn: \"'q' \\\"d\\\" & <x>\", conditions: {\"my name\": \"!pattern:^a|b$\", Lang: \"en\"}}]\n    imsRetry: {retryEnabled: false}\n",
	}
	for _, spec := range specs {
		s := mustRead(t, spec)
		out, err := MarshalSpec(s, "header line 1\nheader line 2")
		if err != nil {
			t.Fatal(err)
		}
		back, ds, err := ReadSpec("back.yaml", out)
		if err != nil || back == nil {
			t.Fatalf("%v %v\n%s", diagLines(ds), err, out)
		}
		if diff := cmp.Diff(s, back); diff != "" {
			t.Errorf("round trip (-before +after):\n%s\n%s", diff, out)
		}
	}
}

func TestMarshalSpecLayout(t *testing.T) {
	out, err := MarshalSpec(mustRead(t, string(ExampleSpec())), "from example")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "example-marshal.yaml", out)
}
