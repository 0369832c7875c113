package lint

import "strings"

// firstFold remembers where each key was first seen, keys compared
// case-insensitively (as ImageApp compares settings paths and names). It
// scans a short list while there are few keys, as in nearly every settings
// group, and lower-cases keys into a map only beyond that. The zero value
// is ready to use and, kept on the stack, allocates nothing until it grows.
type firstFold struct {
	keys [foldScanMax]string
	at   [foldScanMax]int
	n    int
	m    map[string]int
}

const foldScanMax = 16

// get returns where a key equal to k was first seen.
func (f *firstFold) get(k string) (int, bool) {
	if f.m != nil {
		i, ok := f.m[strings.ToLower(k)]
		return i, ok
	}
	for j, have := range f.keys[:f.n] {
		if strings.EqualFold(have, k) {
			return f.at[j], true
		}
	}
	return 0, false
}

// add records that k was first seen at i; the caller checked that get(k)
// finds nothing.
func (f *firstFold) add(k string, i int) {
	if f.m == nil && f.n < foldScanMax {
		f.keys[f.n], f.at[f.n] = k, i
		f.n++
		return
	}
	if f.m == nil {
		f.m = make(map[string]int, 2*foldScanMax)
		for j, have := range f.keys[:f.n] {
			f.m[strings.ToLower(have)] = f.at[j]
		}
	}
	f.m[strings.ToLower(k)] = i
}
