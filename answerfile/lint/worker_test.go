package lint

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// TestWorkerReuseCopiesFindings: once a job is done, no string of its
// findings points into the buffer the worker reads the next file into,
// whichever field holds it: every string field of Diagnostic and of the
// structs it holds (found by reflection, so that a new field is covered or
// fails here) is set to a string of the buffer first.
func TestWorkerReuseCopiesFindings(t *testing.T) {
	text := []byte(`<Setting Name="quoted"/>`)
	w := &worker{buf: text}
	quoted := unsafe.String(&text[15], len("quoted"))
	var d answerfile.Diagnostic
	n := 0
	eachString(reflect.ValueOf(&d).Elem(), func(v reflect.Value) { v.SetString(quoted); n++ })
	if n < 9 {
		t.Fatalf("set %d string fields, want at least 9 (File, Path, Rule, Message, Fix, Related's 3, NewText)", n)
	}
	j := &job{diags: []answerfile.Diagnostic{d}}
	w.reuse(j, text)
	eachString(reflect.ValueOf(&j.diags[0]).Elem(), func(v reflect.Value) {
		if s := v.String(); s != "quoted" || w.holds(unsafe.StringData(s)) {
			t.Errorf("a string field of the finding: got %q in the buffer: %v, want a copy of %q", s, w.holds(unsafe.StringData(s)), "quoted")
		}
	})
}

// eachString calls f with every string reachable from v (a settable
// struct), giving each slice of structs one element first.
func eachString(v reflect.Value, f func(reflect.Value)) {
	switch v.Kind() {
	case reflect.String:
		f(v)
	case reflect.Struct:
		for i := range v.NumField() {
			eachString(v.Field(i), f)
		}
	case reflect.Slice:
		if v.Len() == 0 && v.Type().Elem().Kind() == reflect.Struct {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		for i := range v.Len() {
			eachString(v.Index(i), f)
		}
	}
}

// TestWorkerBuffer: the bytes of a done job become the worker's buffer
// when they are larger than it, up to maxWorkerBuffer; a kept job's bytes
// are copied out of it.
func TestWorkerBuffer(t *testing.T) {
	tests := []struct {
		name      string
		buf, data int // capacities
		want      int // capacity of the buffer after the job
	}{
		{"first file", 0, 100, 100},
		{"larger file", 100, 200, 200},
		{"smaller file", 200, 100, 200},
		{"too large to keep", 100, maxWorkerBuffer + 1, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &worker{buf: make([]byte, 0, tt.buf)}
			w.reuse(&job{}, make([]byte, 10, tt.data))
			if cap(w.buf) != tt.want {
				t.Errorf("buffer capacity: got %d, want %d", cap(w.buf), tt.want)
			}
		})
	}
	w := &worker{buf: []byte("<Imports/>")}
	if kept := w.own(w.buf); w.holds(unsafe.SliceData(kept)) || string(kept) != "<Imports/>" {
		t.Errorf("own: got %q in the buffer: %v, want a copy", kept, w.holds(unsafe.SliceData(kept)))
	}
}
