package lint

import (
	"sync"
	"sync/atomic"
)

// SchemaCache remembers element projections that the answer-file schema
// accepted, so that linting many files (which repeat the same Settings,
// Setting and Condition elements) validates each distinct element once.
// The outcome of validating an element depends only on its definition and
// its projection, so a hit is exact. It also remembers the settings groups
// in which the settings check found nothing (see groupKey), whose outcome
// depends only on what the key holds. It is safe for concurrent use and
// each of its sets stops growing at a fixed number of entries.
type SchemaCache struct {
	mu    sync.RWMutex
	valid map[string]struct{}
	clean map[string]struct{}
	// checkers holds the checkers of small files done, for the memory
	// they keep (checkScratch): a file allocated all of it anew.
	checkers sync.Pool
	// mncForm holds mnc-form's texts of the MNCs met, 2-digit ones in [0]
	// and 3-digit ones (starting with 0) in [1], by their last two digits:
	// each made when first needed (all 200 at once were a twentieth of
	// the CPU of linting one small file).
	mncForm [2][100]atomic.Pointer[mncFormText]
}

// mncFormText returns mnc-form's texts for MNC v (2 digits, or 3 that
// start with 0); c may be nil.
func (c *SchemaCache) mncFormText(v string) *mncFormText {
	if c == nil {
		return newMNCFormText(v)
	}
	p := &c.mncForm[len(v)-2][int(v[len(v)-2]-'0')*10+int(v[len(v)-1]-'0')]
	t := p.Load()
	if t == nil {
		t = newMNCFormText(v) // two workers may both make it: the same texts
		p.Store(t)
	}
	return t
}

// NewSchemaCache returns an empty cache.
func NewSchemaCache() *SchemaCache {
	return &SchemaCache{valid: map[string]struct{}{}, clean: map[string]struct{}{}}
}

const schemaCacheMax = 200_000

// cleanGroupsMax bounds the clean settings groups remembered.
const cleanGroupsMax = 50_000

// groupClean reports whether the settings group of key (see groupKey) was
// found clean before.
func (c *SchemaCache) groupClean(key []byte) bool {
	c.mu.RLock()
	_, ok := c.clean[string(key)]
	c.mu.RUnlock()
	return ok
}

func (c *SchemaCache) markGroupClean(key []byte) {
	c.mu.Lock()
	if len(c.clean) < cleanGroupsMax {
		c.clean[string(key)] = struct{}{}
	}
	c.mu.Unlock()
}

// accepted reports whether key (see projectionKey) was accepted before.
func (c *SchemaCache) accepted(key []byte) bool {
	if c == nil {
		return false
	}
	c.mu.RLock()
	_, ok := c.valid[string(key)] // no copy: the compiler looks up bytes as a string
	c.mu.RUnlock()
	return ok
}

func (c *SchemaCache) accept(key []byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	if len(c.valid) < schemaCacheMax {
		c.valid[string(key)] = struct{}{}
	}
	c.mu.Unlock()
}

// checker returns a checker of an earlier file, or a new one; c may be nil.
func (c *SchemaCache) checker() *checker {
	if c != nil {
		if ck, ok := c.checkers.Get().(*checker); ok {
			return ck
		}
	}
	return &checker{}
}

// maxPooledConditions is the most conditions whose memory a pooled
// checker keeps: it does not hold on to a large file's.
const maxPooledConditions = 256

// release hands back the checker of a small file once its findings are
// taken: the file's conditions are cleared from its scratch memory, and
// nothing else of the file is kept.
func (c *SchemaCache) release(ck *checker) {
	if c == nil || ck.large || cap(ck.scratch.checked) > maxPooledConditions {
		return
	}
	clear(ck.scratch.checked)
	clear(ck.scratch.states)
	ck.scratch.conds = fileConditions{}
	*ck = checker{scratch: ck.scratch}
	c.checkers.Put(ck)
}
