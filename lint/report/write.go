package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/wranglint/wranglint/lint"
	"github.com/wranglint/wranglint/lint/source"
)

// Formats are the output formats Write knows.
var Formats = []string{"text", "json", "sarif", "github", "gitlab", "checkstyle", "junit"}

// CheckFormat says what is wrong with a format name, or "".
func CheckFormat(format string) string {
	for _, f := range Formats {
		if f == format {
			return ""
		}
	}
	return fmt.Sprintf("unknown --format %q (use %s)", format, strings.Join(Formats, ", "))
}

// Options say how Write prints.
type Options struct {
	Format  string
	Painter Painter
	// Rel shows an absolute path relative to the working folder (JSON).
	Rel func(string) string
	// Masker hides the secrets of the files the findings come from.
	Masker *source.Masker
	// Tool describes wranglint for SARIF.
	Tool Tool
	// Quiet (--quiet): the findings alone, without the summary line.
	Quiet bool
	// Statistics (--statistics): counts per rule instead of the findings.
	Statistics bool
}

// Write prints findings in the chosen format, every known secret masked
// in messages, notes, fix descriptions and edits first.
func Write(w io.Writer, ds []lint.Diagnostic, o Options) error {
	ds = Mask(ds, o.Masker)
	if o.Statistics {
		return WriteStatistics(w, ds, o.Format, o.Painter)
	}
	switch o.Format {
	case "json":
		return WriteJSON(w, ds, o.Rel)
	case "sarif":
		return WriteSARIF(w, ds, o.Tool)
	case "github":
		if o.Quiet {
			return WriteGitHubAnnotations(w, ds)
		}
		return WriteGitHub(w, ds)
	case "gitlab":
		return WriteGitLab(w, ds)
	case "checkstyle":
		return WriteCheckstyle(w, ds)
	case "junit":
		return WriteJUnit(w, ds)
	}
	if o.Quiet {
		WriteDiagnostics(w, ds, o.Painter)
		return nil
	}
	WriteText(w, ds, o.Painter)
	return nil
}

// CheckStatisticsFormat says what is wrong with --statistics in a format.
func CheckStatisticsFormat(format string) string {
	for _, f := range StatisticsFormats {
		if f == format {
			return ""
		}
	}
	return fmt.Sprintf("--statistics prints counts per rule as %s, not as %s: drop --format %s, or --statistics", strings.Join(StatisticsFormats, ", "), format, format)
}

// FixSummary says what --fix did: how many findings went away (the count
// before fixing minus the count after), in how many files.
func FixSummary(before, after, files int) string {
	if gone := before - after; gone > 0 {
		return fmt.Sprintf("fixed %s in %s (%d before, %d remaining)", plural(gone, "finding"), plural(files, "file"), before, after)
	}
	return fmt.Sprintf("changed %s; %s remaining, as many as before", plural(files, "file"), plural(after, "finding"))
}

// Mask returns the findings with every known secret masked in their
// messages, notes, fix descriptions and fix edits.
func Mask(ds []lint.Diagnostic, m *source.Masker) []lint.Diagnostic {
	if m.Empty() {
		return ds
	}
	out := make([]lint.Diagnostic, len(ds))
	for i, d := range ds {
		d.Message = m.Mask(d.Message)
		d.Related = append([]lint.Related(nil), d.Related...)
		for j := range d.Related {
			d.Related[j].Note = m.Mask(d.Related[j].Note)
		}
		d.Fix = maskFix(d.Fix, m)
		d.Alternatives = append([]*lint.Fix(nil), d.Alternatives...)
		for j, alt := range d.Alternatives {
			d.Alternatives[j] = maskFix(alt, m)
		}
		out[i] = d
	}
	return out
}

func maskFix(f *lint.Fix, m *source.Masker) *lint.Fix {
	if f == nil {
		return nil
	}
	c := *f
	c.Description = m.Mask(f.Description)
	c.Edits = append([]source.Edit(nil), f.Edits...)
	for i := range c.Edits {
		c.Edits[i].New = m.Mask(c.Edits[i].New)
	}
	return &c
}
