package lint

import (
	"slices"
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

// cacheKey is the definition and the projection in a canonical form.
func cacheKey(def string, obj map[string]any) string {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteString(def)
	for _, k := range keys {
		b.WriteByte(0)
		b.WriteString(k)
		b.WriteByte(1)
		if s, ok := obj[k].(string); ok {
			b.WriteString(s)
		} else {
			b.WriteByte(2) // a child list
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
