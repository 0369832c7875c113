package answerfile

import "testing"

// TestForeign: the typed view reads elements by namespace, not by prefix
// (issue 19): <x:Static> with x bound to the root's namespace is Static;
// <Static> in another namespace (or none) is not.
func TestForeign(t *testing.T) {
	const ns = `"` + Namespace + `"`
	for _, tc := range []struct {
		name, src string
		statics   int
		foreign   []string // namespaces of the foreign elements, in document order
	}{
		{"default namespace only", `<ImageCustomizations xmlns=` + ns + `><Static/></ImageCustomizations>`, 1, nil},
		{"no namespace at all", `<ImageCustomizations><Static/></ImageCustomizations>`, 1, nil},
		{"prefix bound to the namespace", `<ImageCustomizations xmlns=` + ns + ` xmlns:x=` + ns + `><x:Static/></ImageCustomizations>`, 1, nil},
		{"prefixed root", `<m:ImageCustomizations xmlns:m=` + ns + `><m:Static/><Static/></m:ImageCustomizations>`, 1, []string{""}},
		{"other default namespace", `<ImageCustomizations xmlns=` + ns + `><Static xmlns="urn:other"><Settings/></Static></ImageCustomizations>`, 0, []string{"urn:other", "urn:other"}},
		{"prefix of another namespace", `<ImageCustomizations xmlns=` + ns + ` xmlns:o="urn:other"><o:Static/></ImageCustomizations>`, 0, []string{"urn:other"}},
		{"undeclared default", `<ImageCustomizations xmlns=` + ns + `><Static xmlns=""/></ImageCustomizations>`, 0, []string{""}},
		{"one declaration, not on the root", `<ImageCustomizations><o:Static xmlns:o="urn:other"/></ImageCustomizations>`, 0, []string{"urn:other"}},
		{"xml prefix", `<ImageCustomizations><xml:Static/></ImageCustomizations>`, 0, []string{"http://www.w3.org/XML/1998/namespace"}},
		{"xmlns in a comment and an xml: attribute", `<ImageCustomizations xmlns=` + ns + `><!-- xmlns:o --><Static xml:lang="en"/></ImageCustomizations>`, 1, nil},
		{"prefixed xmlns attribute of the root", `<ImageCustomizations xmlns:o="urn:other" o:xmlns="x"><Static/></ImageCustomizations>`, 1, nil},
		{"redeclared back", `<ImageCustomizations xmlns=` + ns + `><Static xmlns="urn:other"><x:Static xmlns:x=` + ns + `/></Static></ImageCustomizations>`, 0, []string{"urn:other"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, diags, err := Parse("t.xml", []byte(tc.src))
			if err != nil || len(diags) > 0 {
				t.Fatalf("parse %s: %v %v", tc.src, err, diags)
			}
			if got := len(doc.Root.Statics); got != tc.statics {
				t.Errorf("%s: got %d Statics, want %d", tc.src, got, tc.statics)
			}
			var got []string
			for _, e := range doc.Elements() {
				if ns, foreign := doc.Foreign(e); foreign {
					got = append(got, ns)
				}
			}
			if len(got) != len(tc.foreign) {
				t.Fatalf("%s: foreign namespaces %q, want %q", tc.src, got, tc.foreign)
			}
			for i := range got {
				if got[i] != tc.foreign[i] {
					t.Errorf("%s: foreign namespaces %q, want %q", tc.src, got, tc.foreign)
				}
			}
		})
	}
}
