package source

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// tokenValues are n distinct token-like values and one message naming
// each (as secret-in-vars reports every one of 60,000 vars).
func tokenValues(n int) (values, messages []string) {
	for i := 0; i < n; i++ {
		v := fmt.Sprintf("sk_live_%024d", i*7919)
		values = append(values, v)
		messages = append(messages, fmt.Sprintf("var \"V%d_TOKEN\" holds %q: move it to a secret", i, v))
	}
	return values, messages
}

// 60,000 secrets and 60,000 messages: every message used to be searched
// for every value, and every insert re-sorted the list.
func TestMaskerManyValuesIsLinear(t *testing.T) {
	if raceEnabled {
		t.Skip("a time bound means nothing under the race detector")
	}
	values, messages := tokenValues(60000)
	start := time.Now()
	f := NewFile("/f", "f", []byte(strings.Join(values, "\n")))
	off := 0
	for _, v := range values {
		f.MarkSecret(off, off+len(v))
		off += len(v) + 1
	}
	if got := len(f.SecretRanges(0, len(f.Data))); got != len(values) {
		t.Fatalf("%d ranges, want %d", got, len(values))
	}
	m := &Masker{}
	for _, v := range values {
		m.Add(v) // one at a time, as FileSet.Masker adds them
	}
	for i, msg := range messages {
		got := m.Mask(msg)
		if strings.Contains(got, values[i]) || !strings.Contains(got, strings.Repeat("*", len(values[i]))) {
			t.Fatalf("not masked: %s", got)
		}
	}
	if d := time.Since(start); d > 10*time.Second { // well under a second in fact; only a blow-up trips this
		t.Errorf("60,000 secrets and messages took %v", d)
	}
}

func BenchmarkMaskerManyValues(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		values, messages := tokenValues(n)
		b.Run(fmt.Sprint("values=", n), func(b *testing.B) {
			for b.Loop() {
				m := &Masker{}
				for _, v := range values {
					m.Add(v)
				}
				for _, msg := range messages {
					m.Mask(msg)
				}
			}
		})
	}
}

func BenchmarkMarkSecret(b *testing.B) {
	for _, n := range []int{1000, 4000, 16000} {
		b.Run(fmt.Sprint("ranges=", n), func(b *testing.B) {
			data := make([]byte, 10*n)
			for b.Loop() {
				f := NewFile("/f", "f", data)
				for i := n - 1; i >= 0; i-- {
					f.MarkSecret(10*i, 10*i+6)
				}
				f.SecretRanges(0, len(data))
			}
		})
	}
}

// naiveMask masks every occurrence of every value, one value at a time.
func naiveMask(values []string, s string) string {
	covered := make([]bool, len(s))
	for _, v := range values {
		if utf8.RuneCountInString(v) < minMaskedText {
			continue
		}
		for i := 0; i+len(v) <= len(s); i++ {
			if s[i:i+len(v)] == v {
				for j := i; j < i+len(v); j++ {
					covered[j] = true
				}
			}
		}
	}
	var b strings.Builder
	for i, r := range s {
		if covered[i] {
			b.WriteRune(MaskRune)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// The automaton masks exactly what searching for each value masks, with
// values that overlap, nest and share prefixes and suffixes.
func TestMaskerAgreesWithSearchingEachValue(t *testing.T) {
	rng := rand.New(rand.NewSource(17))
	alphabet := []string{"a", "b", "c", "é", "_"}
	word := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		return b.String()
	}
	for round := 0; round < 3000; round++ {
		var values []string
		for i := rng.Intn(6); i >= 0; i-- {
			values = append(values, word(4+rng.Intn(8)))
		}
		text := word(rng.Intn(60))
		if want, got := naiveMask(values, text), NewMasker(values...).Mask(text); got != want {
			t.Fatalf("values %q in %q:\n got %q\nwant %q", values, text, got, want)
		}
	}
}
