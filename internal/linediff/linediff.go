// Package linediff computes the difference of two texts line by line and
// writes it as a unified diff: what fmt -d, generate --check and
// lint --fix --diff print.
//
// A line is its bytes up to and including '\n' ("\r\n" lines keep their
// "\r"); a last line without '\n' is a line of its own, different from the
// same text with one, and the unified diff marks it with
// "\ No newline at end of file".
//
// The diff is Myers' greedy O(ND) algorithm ("An O(ND) Difference Algorithm
// and Its Variations", 1986) over the lines between the common prefix and
// suffix, after setting aside the lines that only one side has: no common
// subsequence can use them, so the diff stays minimal, and a file whose
// every line changes (fmt -d of a re-indented file) costs no search at all.
// The search is bounded: when a stretch needs more than maxCost edits, the
// diff keeps the path to the furthest point reached and searches again from
// there. Past that bound the diff is correct but may not be minimal; the
// work is O((N+M)·maxCost) at worst and the memory O(N+M+maxCost²).
// BenchmarkUnified, 25,000 lines: a re-indented file 9 ms, a shuffled one
// (every search runs out of budget) 190 ms. It replaces go-udiff, whose
// package initialisation compiled a regular expression in every mcsf
// process, and whose search gives up after 50 edits from each end: fmt -d
// of the 5,000-target file with a tab added to every third line printed
// 254,922 changed lines, where 85,042 (this diff) are enough.
//
// This package writes the diff only; it does not read or apply patches.
package linediff

import (
	"slices"
	"strings"
)

// maxCost bounds the edits one search explores (see the package comment):
// its trace takes at most (maxCost+1)² int32s, 4 MB.
const maxCost = 1024

// An edit replaces the lines a[a0:a1] by b[b0:b1]. A diff is a list of
// edits in order, each separated from the next by at least one equal line.
type edit struct{ a0, a1, b0, b1 int }

// splitLines cuts s after every '\n'; a last line without one is kept.
func splitLines(s string) []string {
	out := make([]string, 0, strings.Count(s, "\n")+1)
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n') + 1
		if i == 0 {
			i = len(s)
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return out
}

// diff returns the edits that turn the lines a into the lines b; none when
// they are equal. budget bounds each search (maxCost but in tests).
func diff(a, b []string, budget int) []edit {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	var es []edit
	x, y := p, p // the first lines not yet matched or edited
	match := func(mx, my int) {
		if mx > x || my > y {
			es = append(es, edit{x, mx, y, my})
		}
		x, y = mx+1, my+1
	}
	matchLines(a[p:len(a)-s], b[p:len(b)-s], budget, func(mx, my int) { match(p+mx, p+my) })
	if x < len(a)-s || y < len(b)-s {
		es = append(es, edit{x, len(a) - s, y, len(b) - s})
	}
	return es
}

// matchLines calls match, in order, with the index pairs of the lines of a
// common subsequence of a and b: a longest one unless the search bound was
// reached. Lines that only one side has are left out of the search.
func matchLines(a, b []string, budget int, match func(x, y int)) {
	if len(a) == 0 || len(b) == 0 {
		return
	}
	ids := make(map[string]int32, len(a))
	ia := make([]int32, len(a))
	for i, l := range a {
		id, ok := ids[l]
		if !ok {
			id = int32(len(ids))
			ids[l] = id
		}
		ia[i] = id
	}
	inB := make([]bool, len(ids))
	var rb []int32 // b's lines that a has, as ids
	var xb []int   // their indices in b
	for j, l := range b {
		if id, ok := ids[l]; ok {
			inB[id] = true
			rb, xb = append(rb, id), append(xb, j)
		}
	}
	var ra []int32
	var xa []int
	for i, id := range ia {
		if inB[id] {
			ra, xa = append(ra, id), append(xa, i)
		}
	}
	var trace []int32 // search's, kept from one search to the next
	x0, y0 := 0, 0
	for x0 < len(ra) && y0 < len(rb) {
		var snakes []snake
		var x, y int
		snakes, x, y, trace = search(ra[x0:], rb[y0:], budget, trace[:0])
		for _, s := range snakes {
			for i := range s.n {
				match(xa[x0+s.x+i], xb[y0+s.y+i])
			}
		}
		x0, y0 = x0+x, y0+y
	}
}

// A snake is a run of n equal elements, at a[x:] and b[y:].
type snake struct{ x, y, n int }

// search finds a shortest edit path from the start of a and b to their ends
// or, when that takes more than budget edits, to the point furthest along
// that budget edits reach. It returns the path's snakes in order and the
// point (x, y) the path ends at; x+y > 0 unless a or b is empty. trace is
// where it keeps its work: it returns it, grown, for the next search.
//
// This is the forward greedy search of Myers' paper: v[k] is the furthest x
// that d edits reach on diagonal k = x-y. The search does not stop at the
// edges of the edit graph: past them there are no equal elements, so a
// path that leaves the graph only costs more, and the first point found
// with x >= len(a) and y >= len(b) is the end itself.
func search(a, b []int32, budget int, trace []int32) (path []snake, x, y int, _ []int32) {
	n, m := len(a), len(b)
	limit := min(n+m, budget)
	off := limit + 1 // v[off+k] is diagonal k's; k-1 and k+1 stay in range
	v := make([]int32, 2*limit+3)
	// trace[d*d+d+k] is v[off+k] after d edits: v[off-d:off+d+1] is
	// appended after each d, and sum(2e+1 for e < d) = d².
	for d := 0; d <= limit; d++ {
		for k := -d; k <= d; k += 2 {
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = int(v[off+k+1]) // from diagonal k+1, one element of b inserted
			} else {
				x = int(v[off+k-1]) + 1 // from diagonal k-1, one element of a deleted
			}
			y = x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[off+k] = int32(x)
			if x >= n && y >= m {
				return backtrack(trace, d, k, x), n, m, trace
			}
		}
		trace = append(trace, v[off-d:off+d+1]...)
	}
	// Out of budget: the point inside the graph furthest along (x+y), the
	// one nearest the end's diagonal when several are.
	best, bestK := -1, 0
	for k := -limit; k <= limit; k += 2 {
		x := int(trace[limit*limit+limit+k])
		y := x - k
		if x > n || y > m {
			continue
		}
		if x+y > best || x+y == best && abs(k-(n-m)) < abs(bestK-(n-m)) {
			best, bestK = x+y, k
		}
	}
	if best < 0 { // cannot happen: a shortest path's point after limit edits is inside
		return nil, n, m, trace
	}
	x = int(trace[limit*limit+limit+bestK])
	return backtrack(trace, limit, bestK, x), x, x - bestK, trace
}

// backtrack returns, in order, the snakes of the path search found to the
// point x on diagonal k after d edits; trace holds v after e edits, as
// search keeps it, for every e < d.
func backtrack(trace []int32, d, k, x int) []snake {
	var path []snake
	for ; d > 0; d-- {
		e := d - 1
		at := func(k int) int { return int(trace[e*e+e+k]) }
		pk := k - 1
		if k == -d || k != d && at(k-1) < at(k+1) {
			pk = k + 1
		}
		px := at(pk)
		sx := px // where the snake after the edit starts
		if pk == k-1 {
			sx++
		}
		if x > sx {
			path = append(path, snake{sx, sx - k, x - sx})
		}
		x, k = px, pk
	}
	if x > 0 {
		path = append(path, snake{0, 0, x})
	}
	slices.Reverse(path)
	return path
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}
