package variant

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sliceSource yields profiles from a slice, then err (io.EOF when nil).
type sliceSource struct {
	ps  []Profile
	err error
	i   int
}

func (s *sliceSource) Next() (Profile, []string, error) {
	if s.i == len(s.ps) {
		if s.err != nil {
			return Profile{}, nil, s.err
		}
		return Profile{}, nil, io.EOF
	}
	s.i++
	return s.ps[s.i-1], []string{fmt.Sprint("row ", s.i)}, nil
}

func TestResolveStream(t *testing.T) {
	c, plmns := compileGenerated(t, 200)
	sims := generateProfiles(3*batchChunk+17, plmns, 3)
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprint(workers, " workers"), func(t *testing.T) {
			var rows []int
			err := c.ResolveStream(&sliceSource{ps: sims}, BatchOptions{Workers: workers}, func(it *BatchItem, out []byte) error {
				rows = append(rows, it.Row)
				if want := fmt.Sprint("row ", it.Row); len(it.Warnings) != 1 || it.Warnings[0] != want {
					t.Errorf("row %d: warnings %q, want %q", it.Row, it.Warnings, want)
				}
				if out != nil {
					t.Errorf("row %d: bytes %q without Render", it.Row, out)
				}
				want := c.Resolve(sims[it.Row-1])
				if diff := cmp.Diff(string(want.AppendJSON(nil)), string(it.Result.AppendJSON(nil))); diff != "" {
					t.Fatalf("row %d differs from Resolve (-want +got):\n%s", it.Row, diff)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(sims) {
				t.Fatalf("emitted %d rows, want %d", len(rows), len(sims))
			}
			for i, r := range rows {
				if r != i+1 {
					t.Fatalf("row %d emitted at position %d: not in input order", r, i+1)
				}
			}
		})
	}
}

func TestResolveStreamStops(t *testing.T) {
	c, plmns := compileGenerated(t, 50)
	sims := generateProfiles(2*batchChunk+5, plmns, 4)
	bad := errors.New("row 518: bad MCC")
	tests := []struct {
		name     string
		src      *sliceSource
		render   func([]byte, *BatchItem) ([]byte, error)
		emitStop int // emit fails at this row; 0: never
		want     error
		wantRows int
	}{
		{"source error after every row", &sliceSource{ps: sims, err: bad}, nil, 0, bad, len(sims)},
		{"source error at once", &sliceSource{err: bad}, nil, 0, bad, 0},
		{"emit error", &sliceSource{ps: sims}, nil, 300, bad, 300},
		{"render error", &sliceSource{ps: sims}, func(b []byte, it *BatchItem) ([]byte, error) {
			if it.Row == 7 {
				return b, bad
			}
			return append(b, fmt.Sprintf("<%d>", it.Row)...), nil
		}, 0, bad, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := 0
			err := c.ResolveStream(tt.src, BatchOptions{Workers: 2, Render: tt.render}, func(it *BatchItem, out []byte) error {
				rows++
				if tt.render != nil && string(out) != fmt.Sprintf("<%d>", it.Row) {
					t.Errorf("row %d: bytes %q", it.Row, out)
				}
				if it.Row == tt.emitStop {
					return bad
				}
				return nil
			})
			if !errors.Is(err, tt.want) || rows != tt.wantRows {
				t.Errorf("got error %v after %d rows, want %v after %d", err, rows, tt.want, tt.wantRows)
			}
		})
	}
}

func TestRuntimeColumns(t *testing.T) {
	c := compileXML(t, runtimeFile)
	var got []string
	for _, col := range c.RuntimeColumns() {
		var vs []string
		for _, v := range col.Values {
			vs = append(vs, fmt.Sprintf("%s/%s/%v", v.Value, v.Scope, v.Undocumented))
		}
		got = append(got, fmt.Sprintf("%s %s %s: %s forced %v", col.Customization, col.Path, col.Name, strings.Join(vs, " "), col.Forced))
	}
	want := []string{
		"AutoRetryDownloadForMMS Messaging/PerSimSettings/$(__ICCID) AutoRetryDownload: 0/default/false 0x1/per-sim/false forced []",
		"EnableRuntimeConfiguration AutoDataConfig Enable: 0/default/false forced []",
		"EnableRuntimeConfiguration Multivariant Enable: 1/default/false 1/device/false forced []",
		"IMSRetry CellCore/PerIMSI/$(__IMSI)/SMS 3GPP/IMS/AttemptThresholdForIMS: /unset/false 2/per-device/false 0x3/per-imsi/false forced []",
		"IMSRetry CellCore/PerIMSI/$(__IMSI)/SMS 3GPP/IMS/RetryEnabled: 1/default/false 0/per-imsi/false yes/per-imsi/true forced [1]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	// every row of every view names its column
	for _, p := range []string{"mcc=310,mnc=410,imsi=310410000000001", "mcc=310,mnc=260", "mcc=1"} {
		r := c.Resolve(profile(t, p))
		for i, s := range r.Runtime {
			col := c.RuntimeColumns()[r.RuntimeColumn(i)]
			if col.Customization != s.Customization || !strings.EqualFold(col.Name, s.Name) {
				t.Errorf("%s: row %+v is in column %+v", p, s, col)
			}
		}
	}
}
