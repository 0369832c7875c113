// Package lazy holds package-level values that are computed on first use
// and then shared: tables built from the catalog, compiled regular
// expressions, parsed embedded files.
//
// A sync.OnceValue at package level is a function call, run at process
// start: it allocates closures and its code is paged in before main, for
// every command, even those that never use the value (mcsf --version). The
// zero Value and a Regexp literal are laid out by the compiler instead, so
// a package that keeps its lazy values here does no work at init.
//
// Every method is safe for concurrent use. A build function must not panic
// and must not call Get of the same Value.
package lazy

import (
	"regexp"
	"sync"
)

// Value is a T computed once, by the first Get; its zero value is ready to
// use.
type Value[T any] struct {
	once sync.Once
	v    T
}

// Get returns the value, calling build to compute it the first time.
// Every call of one Value must pass the same build.
func (l *Value[T]) Get(build func() T) T {
	l.once.Do(func() { l.v = build() })
	return l.v
}

// Result is a T or the error of computing it, computed once by the first
// Get; its zero value is ready to use.
type Result[T any] struct {
	once sync.Once
	v    T
	err  error
}

// Get returns the value and error, calling build to compute them the first
// time. Every call of one Result must pass the same build.
func (l *Result[T]) Get(build func() (T, error)) (T, error) {
	l.once.Do(func() { l.v, l.err = build() })
	return l.v, l.err
}

// Regexp is the regular expression Expr, compiled by the first Get. Expr
// must be valid (Get panics otherwise, as regexp.MustCompile does) and must
// not change once Get has been called.
type Regexp struct {
	Expr string
	re   Value[*regexp.Regexp]
}

// Get returns the compiled expression.
func (r *Regexp) Get() *regexp.Regexp {
	return r.re.Get(func() *regexp.Regexp { return regexp.MustCompile(r.Expr) })
}
