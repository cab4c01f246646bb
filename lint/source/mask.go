package source

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// MaskRune replaces each character of a secret wherever file text is
// printed; one per character keeps columns and carets in place.
const MaskRune = '*'

// MarkSecret records that f.Data[start:end] is a secret: excerpts,
// diffs and messages print it masked. Configs are marked when they load.
func (f *File) MarkSecret(start, end int) {
	start, end = max(0, start), min(end, len(f.Data))
	if start >= end {
		return
	}
	f.secretMu.Lock()
	defer f.secretMu.Unlock()
	f.secrets = append(f.secrets, [2]int{start, end})
	sort.Slice(f.secrets, func(i, j int) bool { return f.secrets[i][0] < f.secrets[j][0] })
	merged := f.secrets[:1]
	for _, r := range f.secrets[1:] {
		if last := &merged[len(merged)-1]; r[0] <= last[1] {
			last[1] = max(last[1], r[1])
		} else {
			merged = append(merged, r)
		}
	}
	f.secrets = merged
}

// SecretRanges returns the secret byte ranges that meet [start, end).
func (f *File) SecretRanges(start, end int) [][2]int {
	f.secretMu.Lock()
	defer f.secretMu.Unlock()
	var out [][2]int
	for _, r := range f.secrets {
		if r[0] < end && start < r[1] {
			out = append(out, r)
		}
	}
	return out
}

// minMaskedText is the shortest secret that Masker replaces in free text
// (messages, diffs): shorter values would mask unrelated words. Excerpts
// mask by position and hide every secret, however short.
const minMaskedText = 6

// Masker hides known secret values in free text: diff lines, messages,
// fix descriptions. It masks by value, so a secret a fix copied elsewhere
// is hidden too.
type Masker struct {
	values []string // longest first
}

// NewMasker returns a masker for the given secret values.
func NewMasker(values ...string) *Masker {
	m := &Masker{}
	m.Add(values...)
	return m
}

// Add adds values; a multi-line value also adds each of its lines, since
// diffs show a text line by line.
func (m *Masker) Add(values ...string) {
	for _, v := range values {
		m.add(v)
		if strings.ContainsAny(v, "\r\n") {
			for _, line := range strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' }) {
				m.add(strings.TrimSpace(line))
			}
		}
	}
	slices.SortFunc(m.values, func(a, b string) int { return len(b) - len(a) })
	m.values = slices.Compact(m.values)
}

func (m *Masker) add(v string) {
	if utf8.RuneCountInString(v) >= minMaskedText {
		m.values = append(m.values, v)
	}
}

// Merge adds another masker's values.
func (m *Masker) Merge(o *Masker) {
	if o != nil {
		m.Add(o.values...)
	}
}

// Mask returns s with every known secret replaced by MaskRune.
func (m *Masker) Mask(s string) string {
	if m == nil {
		return s
	}
	for _, v := range m.values {
		if strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, strings.Repeat(string(MaskRune), utf8.RuneCountInString(v)))
		}
	}
	return s
}

// Empty reports whether the masker knows no secret.
func (m *Masker) Empty() bool { return m == nil || len(m.values) == 0 }

// Masker returns a masker for every secret marked in the files read so
// far.
func (s *FileSet) Masker() *Masker {
	s.mu.Lock()
	files := make([]*File, 0, len(s.files))
	for _, f := range s.files {
		files = append(files, f)
	}
	s.mu.Unlock()
	m := &Masker{}
	for _, f := range files {
		for _, r := range f.SecretRanges(0, len(f.Data)) {
			m.Add(string(f.Data[r[0]:r[1]]))
		}
	}
	return m
}
