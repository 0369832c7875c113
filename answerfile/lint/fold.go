package lint

import "strings"

// firstFold remembers the first value stored under each key, keys compared
// case-insensitively (as ImageApp compares settings paths and names). It
// scans a short list while there are few keys, as in nearly every settings
// group, and lower-cases keys into a map only beyond that.
type firstFold[T any] struct {
	keys []string
	vals []T
	m    map[string]T
}

const foldScanMax = 16

// get returns the value first stored under a key equal to k.
func (f *firstFold[T]) get(k string) (T, bool) {
	if f.m != nil {
		v, ok := f.m[strings.ToLower(k)]
		return v, ok
	}
	for i, have := range f.keys {
		if strings.EqualFold(have, k) {
			return f.vals[i], true
		}
	}
	var zero T
	return zero, false
}

// add stores v under k; the caller checked that get(k) finds nothing.
func (f *firstFold[T]) add(k string, v T) {
	if f.m == nil && len(f.keys) < foldScanMax {
		f.keys, f.vals = append(f.keys, k), append(f.vals, v)
		return
	}
	if f.m == nil {
		f.m = make(map[string]T, 2*foldScanMax)
		for i, have := range f.keys {
			f.m[strings.ToLower(have)] = f.vals[i]
		}
	}
	f.m[strings.ToLower(k)] = v
}
