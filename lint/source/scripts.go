package source

import (
	"encoding/json"
	"path"
	"path/filepath"
	"strings"
)

// Configs by other names. wrangler reads wrangler.json, wrangler.jsonc or
// wrangler.toml unless given -c/--config FILE, and projects do that for
// each deployment they keep apart (wrangler.data.jsonc,
// wrangler.canary.jsonc, deploy/production.toml). Such a file is a Worker
// config too: named by a package.json script, or named wrangler.<x>.json,
// .jsonc or .toml beside the code.

// ScriptConfigs returns the config files the scripts of a package.json
// (in dir) pass to wrangler with -c or --config, as absolute paths. wrangler
// reads only .json, .jsonc and .toml files as configs (any other name is
// an empty config), so only those are returned.
func ScriptConfigs(dir string, pkgJSON []byte) []string {
	var pkg struct {
		Scripts map[string]any `json:"scripts"`
	}
	if json.Unmarshal(pkgJSON, &pkg) != nil {
		return nil
	}
	var out []string
	for _, name := range SortedKeys(pkg.Scripts) {
		script, ok := pkg.Scripts[name].(string)
		if !ok {
			continue
		}
		for _, cfg := range wranglerConfigArgs(script) {
			switch filepath.Ext(cfg) {
			case ".json", ".jsonc", ".toml":
				out = append(out, filepath.Join(dir, filepath.FromSlash(cfg)))
			}
		}
	}
	return out
}

// DeployedConfigs says which configs the scripts of a package.json (in
// dir) deploy: `wrangler deploy`, `publish` or `versions upload` with -c
// FILE names FILE; without, wrangler's own choice in dir (implicit).
func DeployedConfigs(dir string, pkgJSON []byte) (implicit bool, named []string) {
	var pkg struct {
		Scripts map[string]any `json:"scripts"`
	}
	if json.Unmarshal(pkgJSON, &pkg) != nil {
		return false, nil
	}
	for _, name := range SortedKeys(pkg.Scripts) {
		script, ok := pkg.Scripts[name].(string)
		if !ok {
			continue
		}
		for _, cmd := range wranglerCommands(script) {
			if !cmd.deploys {
				continue
			}
			if cmd.unknown {
				continue
			}
			if cmd.config == "" {
				implicit = true
			} else {
				named = append(named, filepath.Join(dir, filepath.FromSlash(cmd.config)))
			}
		}
	}
	return implicit, named
}

// wranglerCommand is one wrangler invocation of a script.
type wranglerCommand struct {
	deploys bool   // deploy, publish or versions upload
	config  string // its -c/--config value, relative to the package's folder
	// unknown: it names a config, but where is not known (after a cd to
	// an absolute or variable folder)
	unknown bool
}

// wranglerCommands finds each wrangler command of a script line. A
// config path is relative to the package's folder, or to the folder an
// earlier `cd DIR` of the line moved to (`cd apps/api && wrangler deploy
// -c wrangler.prod.toml`, also in a subshell: `(cd apps/api && ...)`).
func wranglerCommands(script string) []wranglerCommand {
	var out []wranglerCommand
	var cur *wranglerCommand
	words := subshellWords(shellWords(script))
	dir, start := ".", true // start: the word begins a command
	var outer []string      // the folders of the enclosing subshells
	for i := 0; i < len(words); i++ {
		w := words[i]
		atStart := start
		start = false
		switch {
		case w == ";" || w == "&&" || w == "||" || w == "|" || w == "&":
			cur, start = nil, true
		case w == "(":
			outer, start = append(outer, dir), true
		case w == ")":
			if len(outer) > 0 {
				dir, outer = outer[len(outer)-1], outer[:len(outer)-1]
			}
			cur = nil
		case atStart && w == "cd" && i+1 < len(words):
			dir = changeDir(dir, words[i+1])
			i++
		case filepath.Base(w) == "wrangler" || strings.HasPrefix(w, "wrangler@"):
			out = append(out, wranglerCommand{})
			cur = &out[len(out)-1]
		case cur == nil:
		case w == "deploy" || w == "publish" || w == "upload" && i > 0 && words[i-1] == "versions":
			cur.deploys = true
		case (w == "-c" || w == "--config") && i+1 < len(words):
			cur.config, cur.unknown = configIn(dir, words[i+1])
			i++
		case strings.HasPrefix(w, "--config="):
			cur.config, cur.unknown = configIn(dir, strings.TrimPrefix(w, "--config="))
		case strings.HasPrefix(w, "-c="):
			cur.config, cur.unknown = configIn(dir, strings.TrimPrefix(w, "-c="))
		}
	}
	return out
}

// subshellWords splits the parentheses of subshells off the words they
// are written against: "(cd", "x)" become "(", "cd", "x", ")".
func subshellWords(words []string) []string {
	var out []string
	for _, w := range words {
		for len(w) > 1 && w[0] == '(' {
			out, w = append(out, "("), w[1:]
		}
		closing := 0
		for len(w) > 1 && w[len(w)-1] == ')' {
			w, closing = w[:len(w)-1], closing+1
		}
		out = append(out, w)
		for ; closing > 0; closing-- {
			out = append(out, ")")
		}
	}
	return out
}

// changeDir is the folder `cd to` moves to from dir (relative to the
// package's folder); "" once it is unknown (an absolute path, ~, a
// variable, cd -).
func changeDir(dir, to string) string {
	if dir == "" || to == "" || to == "-" || path.IsAbs(to) || strings.ContainsAny(to, "~$`") {
		return ""
	}
	return path.Join(dir, to)
}

// configIn places a config argument given in dir (unknown when dir is
// unknown and the path is relative).
func configIn(dir, cfg string) (string, bool) {
	switch {
	case path.IsAbs(cfg):
		return cfg, false
	case dir == "":
		return "", cfg != ""
	}
	return path.Join(dir, cfg), false
}

// wranglerConfigArgs finds the -c/--config values of every wrangler
// command in a shell script line (commands split at ;, &&, || and |),
// relative to the package's folder.
func wranglerConfigArgs(script string) []string {
	var out []string
	for _, cmd := range wranglerCommands(script) {
		if cmd.config != "" {
			out = append(out, cmd.config)
		}
	}
	return out
}

// shellWords splits a script into words as a POSIX shell would for plain
// commands: quotes group, backslashes escape, and the operators ; && ||
// | & stand alone. Expansions are left as written.
func shellWords(s string) []string {
	var out []string
	var cur strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			out = append(out, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			flush()
		case c == '\'':
			inWord = true
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				cur.WriteString(s[i+1:])
				i = len(s)
				break
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			inWord = true
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				cur.WriteByte(s[i])
			}
		case c == '\\' && i+1 < len(s):
			inWord = true
			i++
			cur.WriteByte(s[i])
		case c == ';' || c == '|' || c == '&':
			flush()
			op := string(c)
			if i+1 < len(s) && (s[i+1] == '|' || s[i+1] == '&') && s[i+1] == c {
				op += string(c)
				i++
			}
			out = append(out, op)
		default:
			inWord = true
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}

// IsOtherConfigName reports whether a file name reads as a wrangler config
// kept under another name: wrangler.<x>.json, .jsonc or .toml. Such a file
// is loaded as a config only if it looks like one (the loader decides).
func IsOtherConfigName(name string) bool {
	if IsConfigName(name) || !strings.HasPrefix(name, "wrangler.") {
		return false
	}
	switch filepath.Ext(name) {
	case ".json", ".jsonc", ".toml":
		return strings.Count(name, ".") == 2
	}
	return false
}
