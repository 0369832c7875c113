package variant

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// FuzzProfileReader: a batch of any content never panics, never yields more
// rows than the limit, fails only with an *InputError, and every profile it
// yields passes ValidateProfile (issue 19).
func FuzzProfileReader(f *testing.F) {
	for _, s := range []string{
		"mcc,mnc\n310,410\n", "mcc;mnc\n310;026\n", "\xef\xbb\xbfMCC\tIMSI\r\n310\t310410123\r\n",
		`[{"mcc":"310","mnc":410},{"MCC":"311","roaming":true}]`, `[{"mcc":"310","MCC":"311"}]`,
		"mcc,spn\n310,\"a\nb\"\n", "mcc,spn\n310,\"never closed\n", "mcc,,mnc\n", "[", "[1,2]", "mcc\n\x00\n",
	} {
		f.Add(s, 3, 64)
	}
	f.Fuzz(func(t *testing.T, in string, rows, bytes int) {
		lim := ProfileLimits{MaxRows: int(uint(rows)%8) + 1, MaxBytes: int64(uint(bytes)%256) + 1}
		pr, err := NewProfileReaderLimits("f", strings.NewReader(in), lim)
		n := 0
		for err == nil {
			var p Profile
			p, _, err = pr.Next()
			if err != nil {
				break
			}
			n++
			if n > lim.MaxRows {
				t.Fatalf("%q: %d rows read, over the limit of %d", in, n, lim.MaxRows)
			}
			if _, verr := ValidateProfile("f", p); verr != nil {
				t.Fatalf("%q: row %d = %s does not validate: %v", in, n, p, verr)
			}
		}
		var ie *InputError
		if err != io.EOF && !errors.As(err, &ie) {
			t.Fatalf("%q: error %T %v, want an *InputError", in, err, err)
		}
	})
}
