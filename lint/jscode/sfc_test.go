package jscode

import (
	"fmt"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/wranglint/wranglint/lint/source"
)

// The script blocks of a component are found as its compiler finds them:
// comments, styles, data scripts, external and self-closing scripts are
// left out, whatever the attributes hold.
func TestComponentBlocks(t *testing.T) {
	src := `<!-- <script>commented()</script> -->
<SCRIPT context="module" data-x='a>b'>one()</SCRIPT>
<style>p { content: "<script>styled()</script>" }</style>
<script type="application/ld+json">{"a": 1}</script>
<script src="./x.js"></script><script src="./y.js" />
<svelte:head><script lang="ts" {...rest} on:load={() => x > 1}>two()</script></svelte:head>
<script setup lang="tsx">three()</script >
<script type="module">four()`
	var got []string
	for _, m := range componentModules([]byte(src), ".svelte") {
		for _, b := range m {
			got = append(got, fmt.Sprintf("%s/%d", src[b.start:b.end], b.loader))
		}
	}
	want := []string{
		fmt.Sprintf("one()/%d", api.LoaderJS),
		fmt.Sprintf("two()/%d", api.LoaderTS),
		fmt.Sprintf("three()/%d", api.LoaderTSX),
		fmt.Sprintf("four()/%d", api.LoaderJS), // unclosed: to the end
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("blocks: %q, want %q", got, want)
	}
	if ms := componentModules([]byte(src), ".vue"); len(ms) != 1 || len(ms[0]) != 4 {
		t.Errorf("a Vue component's blocks are one module: %d", len(ms))
	}
}

// Astro: the frontmatter (after blank lines or a BOM) and each script are
// modules of their own; a fence that never closes holds no code.
func TestAstroModules(t *testing.T) {
	src := "\ufeff\n---\nconst a = 1;\n---  \n<p>---</p>\n<script>b()</script><script>c()</script>"
	var got []string
	for _, m := range componentModules([]byte(src), ".astro") {
		var parts []string
		for _, b := range m {
			parts = append(parts, src[b.start:b.end])
		}
		got = append(got, strings.Join(parts, "+"))
	}
	if strings.Join(got, "|") != "const a = 1;\n|b()|c()" {
		t.Errorf("modules: %q", got)
	}
	if ms := componentModules([]byte("---\nconst a = 1;\n<p/>"), ".astro"); len(ms) != 0 {
		t.Errorf("an unclosed fence: %+v", ms)
	}
	if ms := componentModules([]byte("<p>--- not a fence</p>"), ".astro"); len(ms) != 0 {
		t.Errorf("no frontmatter: %+v", ms)
	}
}

// Positions are the component's own, byte for byte: non-ASCII text and
// markup before a script on its line, CRLF line ends, TypeScript.
func TestComponentPositions(t *testing.T) {
	cases := map[string]string{
		"a.svelte": "<h1>Café ☕ 😀</h1><script lang=\"ts\">const x: string = \"é\"; new WebSocket(\"wss://h/agents/one/x\");</script>",
		"b.vue":    "<template>\r\n  <p>ü</p>\r\n</template>\r\n<script setup lang=\"ts\">\r\nconst n: number = 1;\r\n  fetch(`/agents/two/${n}`);\r\n</script>\r\n",
		"c.astro":  "---\nimport L from './L.astro';\nif (!Astro.locals.ok) return Astro.redirect('/');\nconst r = await fetch('/agents/three/x');\n---\n<L>{r.status}</L>",
		"d.svelte": "<p>ü</p><script>\n  const ws = new WebSocket('/agents/four/x');\n</script>",
	}
	want := map[string]string{"a.svelte": `"wss://h/agents/one/x"`, "b.vue": "`/agents/two/${n}`", "c.astro": `'/agents/three/x'`, "d.svelte": `'/agents/four/x'`}
	for name, src := range cases {
		sf := ScanSource(source.NewFile("/p/"+name, name, []byte(src)))
		if sf.Syntax != nil || len(sf.Skipped) != 0 || len(sf.Refs) != 1 {
			t.Errorf("%s: syntax %v skipped %+v refs %+v", name, sf.Syntax, sf.Skipped, sf.Refs)
			continue
		}
		if got := sf.Refs[0].Span.Text(); got != want[name] {
			t.Errorf("%s: the reference is placed at %q", name, got)
		}
	}
}

// A script the parsers cannot read is listed as skipped, never reported
// as a syntax error: the component's compiler judges its own syntax.
func TestComponentUnreadableScript(t *testing.T) {
	src := "<script>\nconst = ;\n</script>\n<p>{x}</p>\n<script context=\"module\">export const A = '/agents/a/b';</script>"
	f := source.NewFile("/p/x.svelte", "x.svelte", []byte(src))
	sf := ScanSource(f)
	if sf.Syntax != nil || len(sf.Skipped) != 1 || !strings.Contains(sf.Skipped[0].Reason, "cannot be read") || sf.Skipped[0].Span.StartPos().Line != 1 {
		t.Errorf("facts: syntax %v skipped %+v", sf.Syntax, sf.Skipped)
	}
	if se := CheckSyntax(f); se == nil {
		t.Error("a fix must not leave a script unreadable: CheckSyntax reports it")
	}
	if se := CheckSyntax(source.NewFile("/p/ok.vue", "ok.vue", []byte("<template><p/></template>"))); se != nil {
		t.Errorf("a component without script: %v", se)
	}
	// Astro pages whose script tags hold separate modules may import the
	// same name twice.
	astro := "---\nimport A from './a';\n---\n<script>import A from './a'; new WebSocket('/agents/x/y');</script><script>import A from './a';</script>"
	if sf := ScanSource(source.NewFile("/p/p.astro", "p.astro", []byte(astro))); len(sf.Skipped) != 0 || len(sf.Refs) != 1 {
		t.Errorf("astro modules: skipped %+v refs %+v", sf.Skipped, sf.Refs)
	}
}

// Blocks that cannot be one module are read one by one: the instance
// script's facts survive a <script> in <svelte:head> that declares the
// same name.
func TestComponentBlocksReadAlone(t *testing.T) {
	src := "<script>const ws = new WebSocket('/agents/one/x');</script>\n<svelte:head><script>const ws = 1;</script></svelte:head>"
	sf := ScanSource(source.NewFile("/p/h.svelte", "h.svelte", []byte(src)))
	if len(sf.Refs) != 1 || len(sf.Skipped) != 0 {
		t.Errorf("refs %+v skipped %+v", sf.Refs, sf.Skipped)
	}
}
