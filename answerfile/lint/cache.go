package lint

import (
	"strings"
	"sync"
	"sync/atomic"
)

// SchemaCache remembers element projections that the answer-file schema
// accepted, so that linting many files (which repeat the same Settings,
// Setting and Condition elements) validates each distinct element once.
// The outcome of validating an element depends only on its definition and
// its projection, so a hit is exact. It is safe for concurrent use and
// stops growing at a fixed number of entries.
type SchemaCache struct {
	valid sync.Map // key -> struct{}
	size  atomic.Int64
}

// NewSchemaCache returns an empty cache.
func NewSchemaCache() *SchemaCache { return &SchemaCache{} }

const schemaCacheMax = 200_000

// cacheKey is the definition and the projection (sorted members) in one string.
func cacheKey(def string, ms []member) string {
	var b strings.Builder
	b.WriteString(def)
	for _, m := range ms {
		b.WriteByte(0)
		b.WriteString(m.key)
		b.WriteByte(1)
		if m.child {
			b.WriteByte(2) // a child list
		} else {
			b.WriteString(m.value)
		}
	}
	return b.String()
}

func (c *SchemaCache) accepted(key string) bool {
	if c == nil {
		return false
	}
	_, ok := c.valid.Load(key)
	return ok
}

func (c *SchemaCache) accept(key string) {
	if c != nil && c.size.Load() < schemaCacheMax {
		if _, loaded := c.valid.LoadOrStore(key, struct{}{}); !loaded {
			c.size.Add(1)
		}
	}
}
