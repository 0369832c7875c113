package variant

import (
	"encoding/json"
	"strconv"
)

// AppendJSON appends r as compact JSON, byte for byte what json.Marshal
// writes, several times faster: a batch of 100,000 SIMs spends most of its
// time writing results. A test keeps the two identical.
func (r *Result) AppendJSON(b []byte) []byte {
	b = append(b, `{"sim":`...)
	b, _ = appendProfile(b, r.SIM)
	b = append(b, `,"matched":`...)
	b, open := openArray(b, r.Matched == nil)
	for i := range r.Matched {
		m := &r.Matched[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"variant":`...)
		b = appendJSONString(b, m.Variant)
		b = append(b, `,"target":`...)
		b = appendJSONString(b, m.Target)
		b = append(b, `,"targetState":`...)
		b = strconv.AppendInt(b, int64(m.TargetState), 10)
		b = append(b, `,"priority":`...)
		b = appendPriority(b, m.Priority)
		b = append(b, `,"source":`...)
		b = appendSource(b, m.Source)
		b = append(b, '}')
	}
	b = closeArray(b, open)
	b = append(b, `,"settings":`...)
	b, open = openArray(b, r.Settings == nil)
	for i := range r.Settings {
		s := &r.Settings[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"path":`...)
		b = appendJSONString(b, s.Path)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, s.Name)
		b = append(b, `,"value":`...)
		b = appendJSONString(b, s.Value)
		b = append(b, `,"source":`...)
		b = appendSettingSource(b, &s.Source)
		b = append(b, '}')
	}
	b = closeArray(b, open)
	b = append(b, `,"runtime":`...)
	b, open = openArray(b, r.Runtime == nil)
	for i := range r.Runtime {
		s := &r.Runtime[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"customization":`...)
		b = appendJSONString(b, s.Customization)
		b = append(b, `,"path":`...)
		b = appendJSONString(b, s.Path)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, s.Name)
		b = append(b, `,"value":`...)
		b = appendJSONString(b, s.Value)
		b = append(b, `,"scope":`...)
		b = appendJSONString(b, s.Scope)
		if s.Source != nil {
			b = append(b, `,"source":`...)
			b = appendSettingSource(b, s.Source)
		}
		if s.Shadowed != nil {
			b = append(b, `,"shadowed":{"scope":`...)
			b = appendJSONString(b, s.Shadowed.Scope)
			b = append(b, `,"value":`...)
			b = appendJSONString(b, s.Shadowed.Value)
			b = append(b, `,"source":`...)
			b = appendSettingSource(b, &s.Shadowed.Source)
			b = append(b, '}')
		}
		if s.Forced != "" {
			b = append(b, `,"forced":`...)
			b = appendJSONString(b, s.Forced)
		}
		if s.Undocumented {
			b = append(b, `,"undocumented":true`...)
		}
		if s.Note != "" {
			b = append(b, `,"note":`...)
			b = appendJSONString(b, s.Note)
		}
		b = append(b, '}')
	}
	b = closeArray(b, open)
	b = append(b, `,"effects":`...)
	b, open = openArray(b, r.Effects == nil)
	for i := range r.Effects {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"customization":`...)
		b = appendJSONString(b, r.Effects[i].Customization)
		b = append(b, `,"effects":`...)
		b = appendStrings(b, r.Effects[i].Effects)
		b = append(b, '}')
	}
	b = closeArray(b, open)
	b = append(b, `,"conflicts":`...)
	b, open = openArray(b, r.Conflicts == nil)
	for i := range r.Conflicts {
		c := &r.Conflicts[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"path":`...)
		b = appendJSONString(b, c.Path)
		b = append(b, `,"name":`...)
		b = appendJSONString(b, c.Name)
		b = append(b, `,"priority":`...)
		b = appendPriority(b, c.Priority)
		for _, side := range []struct {
			key string
			s   *ConflictSide
		}{{`,"winner":`, &c.Winner}, {`,"other":`, &c.Other}} {
			b = append(b, side.key...)
			b = append(b, `{"value":`...)
			b = appendJSONString(b, side.s.Value)
			b = append(b, `,"source":`...)
			b = appendSettingSource(b, &side.s.Source)
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	b = closeArray(b, open)
	b = append(b, `,"undecided":`...)
	b, open = openArray(b, r.Undecided == nil)
	for i := range r.Undecided {
		u := &r.Undecided[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"target":`...)
		b = appendJSONString(b, u.Target)
		b = append(b, `,"targetState":`...)
		b = strconv.AppendInt(b, int64(u.TargetState), 10)
		b = append(b, `,"variants":`...)
		b = appendStrings(b, u.Variants)
		b = append(b, `,"condition":`...)
		b = appendJSONString(b, u.Condition)
		b = append(b, `,"value":`...)
		b = appendJSONString(b, u.Value)
		b = append(b, `,"reason":`...)
		b = appendJSONString(b, u.Reason)
		b = append(b, `,"file":`...)
		b = appendJSONString(b, u.File)
		b = append(b, `,"line":`...)
		b = strconv.AppendInt(b, int64(u.Line), 10)
		b = append(b, `,"targetMatched":`...)
		b = strconv.AppendBool(b, u.TargetMatched)
		b = append(b, '}')
	}
	b = closeArray(b, open)
	b = append(b, `,"notes":`...)
	b = appendStrings(b, r.Notes)
	// Cases and explain reports are rare in batches: encoding/json writes them.
	if len(r.Cases) > 0 {
		cs, _ := json.Marshal(r.Cases)
		b = append(append(b, `,"cases":`...), cs...)
	}
	if len(r.Targets) > 0 {
		t, _ := json.Marshal(r.Targets)
		b = append(append(b, `,"targets":`...), t...)
	}
	if len(r.Variants) > 0 {
		v, _ := json.Marshal(r.Variants)
		b = append(append(b, `,"variants":`...), v...)
	}
	return append(b, '}')
}

// openArray appends '[' or, for a nil slice, "null" as encoding/json does;
// it reports whether elements follow.
func openArray(b []byte, isNil bool) ([]byte, bool) {
	if isNil {
		return append(b, "null"...), false
	}
	return append(b, '['), true
}

func closeArray(b []byte, open bool) []byte {
	if open {
		return append(b, ']')
	}
	return b
}

func appendProfile(b []byte, p Profile) ([]byte, error) {
	j, err := p.MarshalJSON()
	return append(b, j...), err
}

func appendPriority(b []byte, p [2]int) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(p[0]), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(p[1]), 10)
	return append(b, ']')
}

func appendSource(b []byte, s Source) []byte {
	b = append(b, `{"file":`...)
	b = appendJSONString(b, s.File)
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(s.Line), 10)
	return append(b, '}')
}

func appendSettingSource(b []byte, s *SettingSource) []byte {
	b = append(b, `{"kind":`...)
	b = appendJSONString(b, s.Kind)
	if s.Variant != "" {
		b = append(b, `,"variant":`...)
		b = appendJSONString(b, s.Variant)
	}
	if s.Target != "" {
		b = append(b, `,"target":`...)
		b = appendJSONString(b, s.Target)
	}
	if s.TargetState != 0 {
		b = append(b, `,"targetState":`...)
		b = strconv.AppendInt(b, int64(s.TargetState), 10)
	}
	b = append(b, `,"file":`...)
	b = appendJSONString(b, s.File)
	b = append(b, `,"line":`...)
	b = strconv.AppendInt(b, int64(s.Line), 10)
	return append(b, '}')
}

func appendStrings(b []byte, ss []string) []byte {
	if ss == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}
