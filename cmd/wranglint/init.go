package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/wranglint/wranglint/lint/report"
	"github.com/wranglint/wranglint/lint/settings"
)

// starterSettings is what `wranglint init` writes: every key, explained,
// with examples commented out, so that it changes nothing until edited.
var starterSettings = `// wranglint settings (https://github.com/wranglint/wranglint#configuration-wranglintjsonc).
// wranglint uses the nearest .wranglint.jsonc above each linted file, up to
// the repository root; a nearer one replaces this one entirely.
{
  // The JSON Schema of this file: editors complete and check its keys.
  "$schema": "` + report.SettingsSchemaURL + `",

  // Rule levels: "off", "info", "warning" or "error".
  // ` + "`wranglint rules`" + ` lists the rule ids; "unused-suppression" can be set too.
  "rules": {
    // "prefer-sqlite-classes": "off",
    // "unknown-field": "error",
  },

  // Files and folders not to lint, relative to this file. "*" matches within
  // a name, "**" any number of folders; a pattern without "/" matches at any depth.
  "ignore": [
    // "legacy/**",
  ],

  // The agents and partyserver versions that decide how names become URLs,
  // when node_modules and the lockfile do not say (exact versions).
  "versions": {
    // "agents": "0.2.30",
    // "partyserver": "0.0.75",
  },

  // The project's own client wrappers, when the agent name passes through
  // more than one function before reaching the Agents SDK or a URL.
  // nameOption: the key of the first object argument that holds the name;
  // nameArgument: its position instead. convention: "kebab" (the SDK's),
  // "lowercase" or "verbatim". prefix: the URL prefix ("agents" if omitted).
  "clients": [
    // { "function": "useChat", "nameOption": "agentId", "convention": "lowercase" },
    // { "function": "connectAgent", "nameArgument": 0, "convention": "kebab", "prefix": "agents" },
  ],
}
`

func initCommand(code *int, stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "init [folder]",
		Short: "Write a commented starter " + settings.FileName + " (in the current folder by default)",
		Args:  cobra.MaximumNArgs(1),
		Run: func(cmd *cobra.Command, args []string) {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			path := filepath.Join(dir, settings.FileName)
			if err := writeNew(path, []byte(starterSettings)); err != nil {
				fmt.Fprintf(stderr, "wranglint: %v\n", err)
				*code = 2
				return
			}
			fmt.Fprintf(stdout, "wrote %s: every setting is commented out; edit it to turn rules off, ignore paths or declare your client wrappers\n", path)
		},
	}
}

// writeNew creates path with data, never replacing an existing file.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: wranglint init does not overwrite it; edit it, or remove it first", path)
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrap(err))
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %w", path, unwrap(err))
	}
	return f.Close()
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
