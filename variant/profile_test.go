package variant

import (
	"encoding/json"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestProfile(t *testing.T) {
	p := NewProfile(Pair{"lang", "en-US"}, Pair{"mnc", "410"}, Pair{"Foo", "x"}, Pair{"MCC", "310"}, Pair{"imsi", "3104"}, Pair{"aoac", "1"})
	if got, want := p.String(), "MCC=310 MNC=410 IMSI=3104 AoAc=1 Lang=en-US Foo=x"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if v, ok := p.Get("Mcc"); v != "310" || !ok {
		t.Errorf("Get(Mcc) = %q, %v, want 310, true", v, ok)
	}
	if _, ok := p.Get("SPN"); ok {
		t.Errorf("Get(SPN) is set, want unset")
	}
	q := p.Merge(NewProfile(Pair{"MCC", "311"})).WithDefault("UICCSLOT", "1").WithDefault("mcc", "999")
	if got, want := q.String(), "MCC=311 MNC=410 IMSI=3104 UICCSLOT=1 AoAc=1 Lang=en-US Foo=x"; got != want {
		t.Errorf("merged String() = %q, want %q", got, want)
	}
	if got, want := p.String(), "MCC=310 MNC=410 IMSI=3104 AoAc=1 Lang=en-US Foo=x"; got != want {
		t.Errorf("Merge changed its receiver: %q, want %q", got, want)
	}
	if got := (Profile{}).String(); got != "(empty)" {
		t.Errorf("empty String() = %q, want (empty)", got)
	}
}

func TestProfileJSON(t *testing.T) {
	p := NewProfile(Pair{"SPN", "A \"b\" <c>\u2028\x01é"}, Pair{"MCC", "310"}, Pair{"bad", "\xff"})
	got, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"MCC":"310","SPN":"A \"b\" \u003cc\u003e\u2028\u0001é","bad":"\ufffd"}`
	if string(got) != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
	// encoding/json agrees on every string.
	for _, s := range []string{"A \"b\" <c>\u2028\x01é", "\xff", "tab\there", `back\slash`, "\u2029&", "\b\f\n\r\x7f"} {
		std, _ := json.Marshal(s)
		if got := string(appendJSONString(nil, s)); got != string(std) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, std)
		}
	}
	var back Profile
	if err := json.Unmarshal([]byte(`{"mcc": 310, "MNC": "026", "roaming": true, "spn": null}`), &back); err != nil {
		t.Fatal(err)
	}
	if got, want := back.String(), "MCC=310 MNC=026 Roaming=1"; got != want {
		t.Errorf("Unmarshal: got %q, want %q", got, want)
	}
	if err := json.Unmarshal([]byte(`{"mcc": [1]}`), &back); err == nil || err.Error() != "mcc: want a string, number or boolean, got an array" {
		t.Errorf("Unmarshal of an array: got error %v", err)
	}
}

func TestParseProfile(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"mcc=310,mnc=410", "MCC=310 MNC=410", ""},
		{" mcc = 310 , spn=Fabrikam Lite,", "MCC= 310  SPN=Fabrikam Lite", ""},
		{"", "(empty)", ""},
		{"mcc", "", `"mcc": want NAME=VALUE, e.g. mcc=310`},
		{"=1", "", `"=1": want NAME=VALUE, e.g. mcc=310`},
		// issue 13: 'mcc=310 mnc=410' was read as MCC "310 mnc=410".
		{"mcc=310 mnc=410", "", `"mcc=310 mnc=410": the value of mcc holds "mnc=410": separate fields with commas, e.g. mcc=310,mnc=410`},
		{"spn=Contoso Mobile=Best,mcc=310", "MCC=310 SPN=Contoso Mobile=Best", ""},
	}
	for _, tt := range tests {
		p, err := ParseProfile(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseProfile(%q) error = %v, want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || p.String() != tt.want {
			t.Errorf("ParseProfile(%q) = %q, %v, want %q", tt.in, p.String(), err, tt.want)
		}
	}
}

func TestReadProfiles(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		err      string
	}{
		{"csv", "mcc,mnc,spn\n310,410,\n311,026,Fabrikam\n", []string{"MCC=310 MNC=410", "MCC=311 MNC=026 SPN=Fabrikam"}, ""},
		{"csv with BOM and CRLF", "\xef\xbb\xbfMCC,IMSI\r\n310,310410123\r\n", []string{"MCC=310 IMSI=310410123"}, ""},
		{"csv header only", "mcc,mnc\n", nil, ""},
		{"csv empty", "", nil, "CSV: no header row: the first row names the conditions, e.g. mcc,mnc,imsi"},
		{"csv short row", "mcc,mnc\n310\n", nil, ":2: row 1: CSV: 1 field, the header has 2"},
		{"csv empty header", "mcc,,mnc\n1,2,3\n", nil, ":1: CSV: header column 2 is empty"},
		{"json", ` [{"mcc":"310","mnc":410},{"MCC":"311","Lang":"en-US","roaming":false}]`, []string{"MCC=310 MNC=410", "MCC=311 Roaming=0 Lang=en-US"}, ""},
		{"json not objects", `[{"mcc":"310"}, 3]`, nil, "row 2: a SIM profile must be an object of condition names to values"},
		{"json broken", `[{"mcc":}]`, nil, "row 1: JSON: invalid character '}' looking for beginning of value"},
		// issue 13: SIM input is validated, never silently misread.
		{"csv semicolons (Excel)", "mcc;mnc;spn\n310;410;Contoso, Inc\n", []string{"MCC=310 MNC=410 SPN=Contoso, Inc"}, ""},
		{"csv tabs", "mcc\tmnc\n310\t410\n", []string{"MCC=310 MNC=410"}, ""},
		{"csv unknown column", "mcc,mnx\n310,410\n", nil, `:1: column 2 (mnx): CSV header: "mnx" is not a SIM or device condition name (did you mean MNC?)`},
		{"csv duplicate column", "mcc,MCC\n310,311\n", nil, ":1: column 2 (MCC): CSV header: MCC is also column 1 (names ignore case): keep one"},
		{"csv bad MCC", "mcc,mnc\n310,410\n31O,410\n", nil, `:3: row 2, column 1 (mcc): MCC "31O" must be exactly 3 digits, e.g. 310`},
		{"csv NUL byte", "mcc,spn\n310,Con\x00toso\n", nil, ":2: row 1, column 2 (spn): the value contains a NUL byte"},
		{"csv IMSI of another network", "mcc,mnc,imsi\n310,410,310260123456789\n", nil, `:2: row 1: IMSI "310260123456789" does not start with MCC+MNC 310410: an IMSI is MCC, MNC, then the subscriber number (26 and 026 differ)`},
		{"json unknown name", `[{"mcc":"310","imsy":"310410123"}]`, nil, `row 1, imsy: "imsy" is not a SIM or device condition name (did you mean IMSI?)`},
		{"json bad UICCSLOT", `[{"mcc":"310","uiccslot":2}]`, nil, `row 1, UICCSLOT: UICCSLOT "2" must be 0 or 1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := ReadProfiles(strings.NewReader(tt.in))
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("got error %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("profiles (-want +got):\n%s", diff)
			}
		})
	}
}

// TestProfileLimits pins the batch limits (issue 19): a row at the limit is
// read, one byte more is refused, and a row of any length costs at most the
// limit.
func TestProfileLimits(t *testing.T) {
	tests := []struct {
		name, in string
		limits   ProfileLimits
		rows     int
		err      string
	}{
		{"csv rows at the limit", "mcc\n310\n311\n", ProfileLimits{MaxRows: 2}, 2, ""},
		{"csv one row over", "mcc\n310\n311\n312\n", ProfileLimits{MaxRows: 2}, 0, "row 3: the batch has more than 2 SIMs (--max-sims)"},
		{"json one row over", `[{"mcc":"310"},{"mcc":"311"}]`, ProfileLimits{MaxRows: 1}, 0, "row 2: the batch has more than 1 SIM (--max-sims)"},
		{"csv rows of exactly max bytes", "mcc,mnc\n310,410\n", ProfileLimits{MaxBytes: 8}, 1, ""},
		{"csv header one byte over", "mcc,mnc\n310,410\n", ProfileLimits{MaxBytes: 7}, 0, "the header row is longer than the limit of 7 bytes (--max-sim-bytes)"},
		{"csv row one byte over", "mcc,mnc\n310,4100\n", ProfileLimits{MaxBytes: 8}, 0, "row 1: the SIM is longer than the limit of 8 bytes (--max-sim-bytes)"},
		{"csv quoted field over many lines", "mcc,spn\n310,\"" + strings.Repeat("a\n", 50) + "\"\n", ProfileLimits{MaxBytes: 64}, 0, "row 1: the SIM is longer than the limit of 64 bytes (--max-sim-bytes)"},
		{"csv unclosed quote", "mcc,spn\n310,\"" + strings.Repeat("a,b\n", 1000), ProfileLimits{MaxBytes: 64}, 0, "row 1: the SIM is longer than the limit of 64 bytes (--max-sim-bytes)"},
		{"json object of exactly max bytes", `[{"mcc":"310"}]`, ProfileLimits{MaxBytes: 13}, 1, ""},
		{"json object one byte over", `[{"mcc":"310"} ]`, ProfileLimits{MaxBytes: 12}, 0, "row 1: the SIM is longer than the limit of 12 bytes (--max-sim-bytes)"},
		{"limit of MaxInt64", "mcc\n310\n", ProfileLimits{MaxRows: math.MaxInt, MaxBytes: math.MaxInt64}, 1, ""},
		{"json name given twice", `[{"mcc":"310","MCC":"311"}]`, ProfileLimits{}, 0, `row 1: MCC is given twice ("mcc" and "MCC"; names ignore case): keep one`},
		{"json same name twice", `[{"spn":"a","spn":"b"}]`, ProfileLimits{}, 0, `row 1: spn is given twice ("spn" and "spn"; names ignore case): keep one`},
		{"hostile header name", "mcc,\x1b[2J" + strings.Repeat("x", 100) + "\n310,1\n", ProfileLimits{}, 0,
			`:1: column 2 ("\x1b[2J` + strings.Repeat("x", 60) + `"… (104 bytes)): CSV header: "\x1b[2J` + strings.Repeat("x", 60) + `"… (104 bytes) is not a SIM or device condition name; the names are MCC, MNC, SPN, PNN, GID1, ICCID, IMSI, Roaming, UICC, UICCSLOT, ProcessorType, ProcessorName, AoAc, PowerPlatformRole, Architecture, Server, Region, Lang`},
		{"long value cut", "mnc\n" + strings.Repeat("4", 5000) + "\n", ProfileLimits{}, 0,
			`:2: row 1, column 1 (mnc): MNC "` + strings.Repeat("4", 64) + `"… (5000 bytes) must be 2 or 3 digits, e.g. 410 (26 and 026 are different values: give the form the SIM reports)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr, err := NewProfileReaderLimits("", strings.NewReader(tt.in), tt.limits)
			rows := 0
			for err == nil {
				_, _, err = pr.Next()
				if err == nil {
					rows++
				}
			}
			if tt.err == "" && err != io.EOF || tt.err != "" && (err == nil || err.Error() != tt.err) {
				t.Fatalf("input %q: got error %v, want %q", tt.in, err, tt.err)
			}
			if tt.err == "" && rows != tt.rows {
				t.Errorf("input %q: got %d rows, want %d", tt.in, rows, tt.rows)
			}
		})
	}
}
