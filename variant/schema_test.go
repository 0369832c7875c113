package variant

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/mcsf-dev/mcsf/schema"
)

// TestResultMatchesSchema validates real results (every section filled:
// conflicts, undecided states, notes, explain reports, a value that is not a
// DWORD) against the resolve-output schema, as one object and as an array.
func TestResultMatchesSchema(t *testing.T) {
	c := compileXML(t, runtimeFile+`
<Targets>
  <Target Id="Look"><TargetState><Condition Name="SPN" Value="pattern:(?=x)"/></TargetState></Target>
</Targets>
<Variant Name="Look"><TargetRefs><TargetRef Id="Look"/></TargetRefs></Variant>
<Variant Name="ATT2"><TargetRefs><TargetRef Id="ATT"/></TargetRefs><Settings Path="Messaging/PerSimSettings/$(__ICCID)"><Setting Name="AutoRetryDownload" Value="0"/></Settings></Variant>
<Variant Name="Lost"><TargetRefs><TargetRef Id="Nowhere"/></TargetRefs></Variant>`)
	var results []Result
	for _, s := range []string{"mcc=310,mnc=410,spn=x", "mcc=310,mnc=260,imsi=1,iccid=2", ""} {
		results = append(results, c.Resolve(profile(t, s)), c.Explain(profile(t, s)))
	}
	r := results[0]
	if len(r.Conflicts) == 0 || len(r.Undecided) == 0 || len(r.Notes) == 0 {
		t.Fatalf("the fixture should give conflicts, undecided states and notes: %+v", r)
	}
	check := func(name string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		errs, err := schema.Validate("resolve-output", doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range errs {
			t.Errorf("%s: %s: %s (%s)", name, e.InstanceLocation, e.Message, e.KeywordLocation)
		}
	}
	for i, r := range results {
		check(fmt.Sprintf("result %d", i), r)
	}
	check("array", results)

	// The schema is not vacuous: a wrong scope and a missing section fail.
	var bad map[string]any
	b, _ := json.Marshal(results[0])
	json.Unmarshal(b, &bad)
	bad["runtime"].([]any)[0].(map[string]any)["scope"] = "per-phone"
	delete(bad, "conflicts")
	errs, err := schema.Validate("resolve-output", bad)
	if err != nil || len(errs) == 0 {
		t.Errorf("a result with a per-phone scope and no conflicts validated (%v)", err)
	}
}

// TestAppendJSON keeps Result.AppendJSON identical to json.Marshal.
func TestAppendJSON(t *testing.T) {
	c := compileXML(t, runtimeFile+`
<Targets>
  <Target Id="Look"><TargetState><Condition Name="SPN" Value="pattern:(?=x)"/></TargetState></Target>
</Targets>
<Variant Name="Look &lt;&amp;&gt; é"><TargetRefs><TargetRef Id="Look"/></TargetRefs></Variant>
<Variant Name="ATT2"><TargetRefs><TargetRef Id="ATT"/></TargetRefs><Settings Path="Messaging/PerSimSettings/$(__ICCID)"><Setting Name="AutoRetryDownload" Value="0&#9;&quot;"/></Settings></Variant>
<Variant Name="Lost"><TargetRefs><TargetRef Id="Nowhere"/></TargetRefs></Variant>`)
	var results []Result
	for _, s := range []string{"mcc=310,mnc=410,spn=x", "mcc=310,mnc=260,imsi=1,iccid=2", "", "mcc=310,mnc=410,imsi=\"\\,iccid=\x01"} {
		results = append(results, c.Resolve(profile(t, s)), c.Explain(profile(t, s)))
	}
	results = append(results, Result{}, Result{Settings: []EffectiveSetting{{Source: SettingSource{Kind: KindStatic}}}})
	for i := range results {
		want, err := json.Marshal(&results[i])
		if err != nil {
			t.Fatal(err)
		}
		if got := results[i].AppendJSON(nil); string(got) != string(want) {
			t.Errorf("result %d:\n got %s\nwant %s", i, got, want)
		}
	}
}
