package answerfile

import "sync"

// A Parser parses documents into memory it keeps between them: when a
// document it parsed is released (Document.Release), the memory of its
// tree, whatever its size, is cleared and goes back to the Parser for its
// next Parse, instead of to the package's pool, which keeps only what a
// small file needs and which the garbage collector empties. It is for a
// program that reads the same large file again and again, as the language
// server does at each edit. A Parser may be used by several goroutines; it
// keeps the memory of at most two released documents (one being read while
// the last one is still in use).
//
// Measured on bench/gen's 5,000-target file (4.5 MB; go test ./answerfile
// -bench ParseGenLarge, each document released): a parse with a Parser
// allocates 17.4 MB and takes 84-110 CPU-ms, with Parse 48.4 MB and 154-165
// CPU-ms (the garbage collector's work included).
type Parser struct {
	limits Limits
	mu     sync.Mutex
	free   []*arena
}

// maxParserArenas is how many released documents' memory a Parser keeps.
const maxParserArenas = 2

// NewParser returns a Parser that reads with the limits lim (see ParseLimits).
func NewParser(lim Limits) *Parser { return &Parser{limits: lim} }

// Parse is ParseLimits with the Parser's limits and memory.
func (p *Parser) Parse(name string, data []byte) (*Document, []Diagnostic, error) {
	return parse(name, data, p.limits, p)
}

// get returns a free arena of p, or a new one.
func (p *Parser) get() *arena {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		a := p.free[n-1]
		p.free[n-1] = nil
		p.free = p.free[:n-1]
		return a
	}
	return &arena{owner: p}
}

// put takes back a released arena of p.
func (p *Parser) put(a *arena) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.free) < maxParserArenas {
		p.free = append(p.free, a)
	}
}
