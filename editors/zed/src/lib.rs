// Zed starts language servers only from extensions: this one runs the
// wranglint found on the PATH of the project's shell as `wranglint lsp`.
use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Wranglint;

impl zed::Extension for Wranglint {
    fn new() -> Self {
        Wranglint
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let command = worktree.which("wranglint").ok_or_else(|| {
            "wranglint is not on the PATH of the project's shell, so Zed cannot start wranglint lsp: put it there (from a clone: go install ./cmd/wranglint)".to_string()
        })?;
        Ok(zed::Command {
            command,
            args: vec!["lsp".to_string()],
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(Wranglint);
