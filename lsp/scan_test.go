package lsp

import "testing"

// TestAttrValue: the tolerant reader decodes what XML defines (the five
// predefined entities, decimal and hexadecimal character references) and
// keeps every other '&' as written.
func TestAttrValue(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"a&amp;b&lt;c&gt;d&quot;e&apos;f", `a&b<c>d"e'f`},
		{"&#65;&#x42;&#x1D11E;", "AB𝄞"},
		{"&nbsp;&copy;", "&nbsp;&copy;"}, // HTML's, not XML's
		{"a & b", "a & b"},
		{"&amp", "&amp"},
		{"&", "&"},
		{"&#;&#x;&#-1;&#+1;&#xD800;&#0;&#x110000;&#99999999999;", "&#;&#x;&#-1;&#+1;&#xD800;&#0;&#x110000;&#99999999999;"},
		{"&&amp;;", "&&;"},
	} {
		if got := attrValue(c.in, 0, len(c.in)); got != c.want {
			t.Errorf("attrValue(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
