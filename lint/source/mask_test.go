package source

import "testing"

func TestMarkSecretMerges(t *testing.T) {
	f := NewFile("/f", "f", []byte("0123456789abcdef"))
	f.MarkSecret(4, 8)
	f.MarkSecret(2, 5)
	f.MarkSecret(4, 8)
	f.MarkSecret(10, 12)
	f.MarkSecret(-3, 1)
	f.MarkSecret(15, 99)
	if got := f.SecretRanges(0, 16); len(got) != 4 || got[0] != [2]int{0, 1} || got[1] != [2]int{2, 8} || got[3] != [2]int{15, 16} {
		t.Errorf("ranges %v", got)
	}
	if got := f.SecretRanges(8, 10); len(got) != 0 {
		t.Errorf("ranges meeting [8,10): %v", got)
	}
}

func TestMasker(t *testing.T) {
	m := NewMasker("short", "sk-or-v1-0123456789", "-----BEGIN KEY-----\nMIIEvQIBADANBgkq\n-----END KEY-----")
	got := m.Mask("a short sk-or-v1-0123456789 and MIIEvQIBADANBgkq here")
	if want := "a short ******************* and **************** here"; got != want {
		t.Errorf("Mask: %q, want %q", got, want)
	}
	var none *Masker
	if none.Mask("x") != "x" || !none.Empty() || m.Empty() {
		t.Error("nil masker")
	}
}

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain ü 😀":        "plain ü 😀",
		"a\x1b[2Jb":        `a\x1b[2Jb`,
		"bidi \u202eabc":   `bidi \u202eabc`,
		"nul\x00 del\x7f":  `nul\x00 del\x7f`,
		"bad \xff utf8":    `bad \xff utf8`,
		"c1 \u0085 tab\t.": `c1 \u0085 tab\t.`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
	if got := EscapeLine("\tx\x1b\r\n"); got != "\tx\\x1b\r\n" {
		t.Errorf("EscapeLine keeps tabs and the line ending: %q", got)
	}
}

// Columns in characters and UTF-16 units, on ASCII and non-ASCII lines
// longer than a block, agree with counting from the line start.
func TestColumns(t *testing.T) {
	line := ""
	for i := 0; i < 300; i++ {
		line += "aé😀"
	}
	data := []byte("x\n" + line + "\nend")
	f := NewFile("/f", "f", data)
	start := 2
	units, runes := 0, 0
	for off := start; off <= start+len(line); {
		if got := f.UTF16Col(off); got != units {
			t.Fatalf("UTF16Col(%d) = %d, want %d", off, got, units)
		}
		if got := f.Position(off); got.Line != 2 || got.Col != runes+1 {
			t.Fatalf("Position(%d) = %v, want 2:%d", off, got, runes+1)
		}
		if got := f.OffsetAtUTF16(1, units); got != off {
			t.Fatalf("OffsetAtUTF16(1, %d) = %d, want %d", units, got, off)
		}
		if off == start+len(line) {
			break
		}
		switch data[off] {
		case 'a':
			off, units = off+1, units+1
		case 0xC3:
			off, units = off+2, units+1
		default:
			off, units = off+4, units+2
		}
		runes++
	}
	if got := f.OffsetAtUTF16(1, 1<<20); got != start+len(line) {
		t.Errorf("a column past the end is clamped to the line end: %d", got)
	}
	if f.OffsetAtUTF16(5, 0) != len(data) || f.OffsetAtUTF16(2, 2) != len(data)-1 {
		t.Error("lines past the end and the last line")
	}
}
