package source

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// MaskRune replaces each character of a secret wherever file text is
// printed; one per character keeps columns and carets in place.
const MaskRune = '*'

// MarkSecret records that f.Data[start:end] is a secret: excerpts,
// diffs and messages print it masked. Configs are marked when they load.
// Marking is constant time; the ranges are sorted and merged once, when
// they are next read.
func (f *File) MarkSecret(start, end int) {
	start, end = max(0, start), min(end, len(f.Data))
	if start >= end {
		return
	}
	f.secretMu.Lock()
	defer f.secretMu.Unlock()
	n := len(f.secrets)
	f.secretsSorted = n == 0 || f.secretsSorted && f.secrets[n-1][1] < start // still sorted and apart
	f.secrets = append(f.secrets, [2]int{start, end})
}

// normalizeSecrets adds the credentials of known formats found in the
// file's text (once, on first need: a file whose text is never shown is
// never searched), then sorts and merges the ranges; secretMu is held.
func (f *File) normalizeSecrets() {
	if !f.tokensFound {
		f.tokensFound = true
		if found := FindTokens(f.Data); len(found) > 0 {
			f.secrets = append(f.secrets, found...)
			f.secretsSorted = false
		}
	}
	if f.secretsSorted || len(f.secrets) == 0 {
		return
	}
	sort.Slice(f.secrets, func(i, j int) bool { return f.secrets[i][0] < f.secrets[j][0] })
	merged := f.secrets[:1]
	for _, r := range f.secrets[1:] {
		if last := &merged[len(merged)-1]; r[0] <= last[1] {
			last[1] = max(last[1], r[1])
		} else {
			merged = append(merged, r)
		}
	}
	f.secrets, f.secretsSorted = merged, true
}

// SecretRanges returns the secret byte ranges that meet [start, end),
// sorted and merged: those marked, and every credential in a known format
// (FindTokens) anywhere in the file, whatever its kind.
func (f *File) SecretRanges(start, end int) [][2]int {
	f.secretMu.Lock()
	defer f.secretMu.Unlock()
	f.normalizeSecrets()
	// merged ranges are disjoint, so their ends are sorted too
	i := sort.Search(len(f.secrets), func(i int) bool { return f.secrets[i][1] > start })
	var out [][2]int
	for ; i < len(f.secrets) && f.secrets[i][0] < end; i++ {
		out = append(out, f.secrets[i])
	}
	return out
}

// minMaskedText is the shortest secret that Masker replaces in free text
// (messages, diffs): shorter values would mask unrelated words. Excerpts
// mask by position and hide every secret, however short.
const minMaskedText = 6

// Masker hides known secret values in free text: diff lines, messages,
// fix descriptions. It masks by value, so a secret a fix copied elsewhere
// is hidden too. All values are searched at once (Aho–Corasick), so
// masking costs time linear in the text, however many secrets there are.
type Masker struct {
	mu     sync.Mutex
	values []string
	seen   map[string]bool
	ac     *matcher // built on first use after a change
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
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, v := range values {
		m.add(v)
		// messages may show a secret as a client sends it: lower-cased,
		// or turned into a URL namespace (sk-proj-AbCd... -> sk-proj--ab-cd...)
		m.add(strings.ToLower(v))
		m.add(kebabLike(v))
		if strings.ContainsAny(v, "\r\n") {
			for _, line := range strings.FieldsFunc(v, func(r rune) bool { return r == '\n' || r == '\r' }) {
				m.add(strings.TrimSpace(line))
			}
		}
	}
}

func (m *Masker) add(v string) {
	if utf8.RuneCountInString(v) < minMaskedText || m.seen[v] {
		return
	}
	if m.seen == nil {
		m.seen = map[string]bool{}
	}
	m.seen[v] = true
	m.values = append(m.values, v)
	m.ac = nil
}

// Merge adds another masker's values.
func (m *Masker) Merge(o *Masker) {
	if o == nil || o == m {
		return
	}
	o.mu.Lock()
	values := append([]string(nil), o.values...)
	o.mu.Unlock()
	m.Add(values...)
}

// Mask returns s with every character of every occurrence of a known
// secret replaced by MaskRune (overlapping occurrences too).
func (m *Masker) Mask(s string) string {
	if m == nil {
		return s
	}
	m.mu.Lock()
	if m.ac == nil && len(m.values) > 0 {
		m.ac = newMatcher(m.values)
	}
	ac := m.ac
	m.mu.Unlock()
	if ac == nil {
		return s
	}
	covered := ac.cover(s)
	if len(covered) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := 0
	for _, r := range covered {
		b.WriteString(s[prev:r[0]])
		b.WriteString(strings.Repeat(string(MaskRune), utf8.RuneCountInString(s[r[0]:r[1]])))
		prev = r[1]
	}
	b.WriteString(s[prev:])
	return b.String()
}

// Empty reports whether the masker knows no secret.
func (m *Masker) Empty() bool {
	if m == nil {
		return true
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.values) == 0
}

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

// matcher is an Aho–Corasick automaton over bytes. Each state keeps its
// children as a sibling list (the root as a table): memory stays linear
// in the total length of the values, tens of thousands of them included.
type matcher struct {
	root  [256]int32 // the root's children (0: none)
	nodes []acNode
}

type acNode struct {
	b           byte
	firstChild  int32
	nextSibling int32
	fail        int32
	// longest is the length of the longest value that ends at this
	// state (its own, or one reached through failure links); 0 if none.
	longest int32
}

func newMatcher(values []string) *matcher {
	m := &matcher{nodes: make([]acNode, 1, 1+len(values)*8)}
	for _, v := range values {
		state := int32(0)
		for i := 0; i < len(v); i++ {
			next := m.child(state, v[i])
			if next == 0 {
				next = int32(len(m.nodes))
				m.nodes = append(m.nodes, acNode{b: v[i]})
				if state == 0 {
					m.root[v[i]] = next
				} else {
					m.nodes[next].nextSibling = m.nodes[state].firstChild
					m.nodes[state].firstChild = next
				}
			}
			state = next
		}
		m.nodes[state].longest = int32(len(v))
	}
	// Failure links, breadth first: a state's failure is the longest
	// proper suffix of its text that is also a state.
	queue := make([]int32, 0, len(m.nodes))
	for _, c := range m.root {
		if c != 0 {
			queue = append(queue, c)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for c := m.nodes[s].firstChild; c != 0; c = m.nodes[c].nextSibling {
			m.nodes[c].fail = m.step(m.nodes[s].fail, m.nodes[c].b)
			if m.nodes[c].longest == 0 {
				m.nodes[c].longest = m.nodes[m.nodes[c].fail].longest
			}
			queue = append(queue, c)
		}
	}
	return m
}

func (m *matcher) child(state int32, b byte) int32 {
	if state == 0 {
		return m.root[b]
	}
	for c := m.nodes[state].firstChild; c != 0; c = m.nodes[c].nextSibling {
		if m.nodes[c].b == b {
			return c
		}
	}
	return 0
}

// step is the automaton's transition.
func (m *matcher) step(state int32, b byte) int32 {
	for {
		if next := m.child(state, b); next != 0 || state == 0 {
			return next
		}
		state = m.nodes[state].fail
	}
}

// cover returns the byte ranges of s covered by occurrences of the
// values, sorted and merged.
func (m *matcher) cover(s string) [][2]int {
	var out [][2]int
	state := int32(0)
	for i := 0; i < len(s); i++ {
		state = m.step(state, s[i])
		n := int(m.nodes[state].longest)
		if n == 0 {
			continue
		}
		start := i + 1 - n
		for k := len(out) - 1; k >= 0 && start <= out[k][1]; k-- {
			start = min(start, out[k][0]) // a longer value may reach back over earlier ones
			out = out[:k]
		}
		out = append(out, [2]int{start, i + 1})
	}
	return out
}

// kebabLike is v with each ASCII capital turned into '-' and its lower
// case (as the Agents SDK turns names into URL namespaces): a secret shown
// that way is masked too.
func kebabLike(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 'A' && c <= 'Z' {
			b.WriteByte('-')
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}
