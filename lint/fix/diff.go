package fix

import (
	"fmt"
	"io"
	"strings"

	"github.com/wranglint/wranglint/lint/source"
)

// WriteDiff prints a git-style unified diff (3 lines of context) of every
// changed file: what --fix would write. `patch -p1` and `git apply` take it.
// A renamed file is shown the way git shows it (git apply takes it; patch
// does not know renames). Secrets are masked, in changed lines and context
// alike (such a hunk no longer applies: it is for reading).
func WriteDiff(w io.Writer, r *Result) {
	for _, d := range Diffs(r) {
		fmt.Fprint(w, d.Diff)
	}
}

// FileDiff is the diff of one changed file.
type FileDiff struct {
	File string `json:"file"`           // as shown, after any rename
	From string `json:"from,omitempty"` // the name before a rename
	Diff string `json:"diff"`           // git-style unified diff
}

// Diffs returns the diff of each changed file, in path order, secrets
// masked.
func Diffs(r *Result) []FileDiff {
	var out []FileDiff
	for _, path := range r.Changed() {
		rel := r.Project.Files.Rel(path)
		name := source.Escape(rel) // the diff is text for a terminal
		from := r.renamedFrom(path)
		if from == "" {
			out = append(out, FileDiff{File: rel, Diff: unifiedDiff("a/"+name, "b/"+name, r.Original[path], r.Fixed[path], r.masker)})
			continue
		}
		oldRel := r.Project.Files.Rel(from)
		old := source.Escape(oldRel)
		head := fmt.Sprintf("diff --git a/%s b/%s\n", old, name)
		if string(r.Original[from]) == string(r.Fixed[path]) {
			head += fmt.Sprintf("similarity index 100%%\nrename from %s\nrename to %s\n", old, name)
			out = append(out, FileDiff{File: rel, From: oldRel, Diff: head})
			continue
		}
		head += fmt.Sprintf("rename from %s\nrename to %s\n", old, name)
		out = append(out, FileDiff{File: rel, From: oldRel, Diff: head + unifiedDiff("a/"+old, "b/"+name, r.Original[from], r.Fixed[path], r.masker)})
	}
	return out
}

// UnifiedDiff renders the difference between two texts.
func UnifiedDiff(nameA, nameB string, a, b []byte) string {
	return unifiedDiff(nameA, nameB, a, b, nil)
}

func unifiedDiff(nameA, nameB string, a, b []byte, m *source.Masker) string {
	la, lb := splitLines(string(a)), splitLines(string(b))
	ops := diffLines(la, lb)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", nameA, nameB)
	for _, h := range hunks(ops, 3) {
		writeHunk(&out, h, la, lb, m)
	}
	return out.String()
}

// splitLines keeps each line's ending, so CRLF and a missing final newline
// survive the round trip.
func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

type diffOp struct {
	kind byte // ' ', '-', '+'
	a, b int  // line indexes (for '-' and ' ': a; for '+' and ' ': b)
}

// diffLines is Myers' O(ND) shortest edit script over lines.
func diffLines(a, b []string) []diffOp {
	n, m := len(a), len(b)
	max := n + m
	v := make([]int, 2*max+2)
	var trace [][]int
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
				x = v[max+k+1]
			} else {
				x = v[max+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			v[max+k] = x
			if x >= n && y >= m {
				return backtrack(trace, a, b, max, d)
			}
		}
	}
	return nil
}

func backtrack(trace [][]int, a, b []string, max, d int) []diffOp {
	x, y := len(a), len(b)
	var ops []diffOp
	for ; d > 0; d-- {
		v := trace[d]
		k := x - y
		var prevK int
		if k == -d || (k != d && v[max+k-1] < v[max+k+1]) {
			prevK = k + 1
		} else {
			prevK = k - 1
		}
		prevX := v[max+prevK]
		prevY := prevX - prevK
		for x > prevX && y > prevY {
			x, y = x-1, y-1
			ops = append(ops, diffOp{' ', x, y})
		}
		if x == prevX {
			y--
			ops = append(ops, diffOp{'+', x, y})
		} else {
			x--
			ops = append(ops, diffOp{'-', x, y})
		}
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		ops = append(ops, diffOp{' ', x, y})
	}
	for i, j := 0, len(ops)-1; i < j; i, j = i+1, j-1 {
		ops[i], ops[j] = ops[j], ops[i]
	}
	return ops
}

// hunks groups changes with ctx lines of context around them.
func hunks(ops []diffOp, ctx int) [][]diffOp {
	var out [][]diffOp
	start, end := -1, -1
	for i, op := range ops {
		if op.kind == ' ' {
			continue
		}
		lo, hi := max(i-ctx, 0), min(i+ctx+1, len(ops))
		if start >= 0 && lo <= end {
			end = hi
			continue
		}
		if start >= 0 {
			out = append(out, ops[start:end])
		}
		start, end = lo, hi
	}
	if start >= 0 {
		out = append(out, ops[start:end])
	}
	return out
}

func writeHunk(out *strings.Builder, h []diffOp, a, b []string, m *source.Masker) {
	aStart, bStart, aLen, bLen := -1, -1, 0, 0
	for _, op := range h {
		if op.kind != '+' {
			if aStart < 0 {
				aStart = op.a
			}
			aLen++
		}
		if op.kind != '-' {
			if bStart < 0 {
				bStart = op.b
			}
			bLen++
		}
	}
	if aStart < 0 {
		aStart = h[0].a - 1 // pure insertion: the line before it
	}
	if bStart < 0 {
		bStart = h[0].b - 1
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
	for _, op := range h {
		line := ""
		switch op.kind {
		case '+':
			line = b[op.b]
		default:
			line = a[op.a]
		}
		out.WriteByte(op.kind)
		out.WriteString(source.EscapeLine(m.Mask(line)))
		if !strings.HasSuffix(line, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

func hunkRange(start, n int) string {
	if n == 1 {
		return source.Itoa(start + 1)
	}
	if n == 0 {
		return source.Itoa(start+1) + ",0"
	}
	return source.Itoa(start+1) + "," + source.Itoa(n)
}
