//! `newsmark schema actors|config`: prints the JSON Schema (draft-07) of
//! `actors.yaml` or of `newsmark.toml`, for editors' YAML and TOML extensions.
//! The schemas are kept by hand in `grammar/schema/`; `tests/schema.rs` checks
//! them against the fields, kinds, keys and rules the checker accepts.

use clap::ValueEnum;
use std::io::Write;

/// The schema of actor registries (and of front-matter `actors:` entries).
pub const ACTORS: &str = include_str!("../../grammar/schema/actors.schema.json");
/// The schema of `newsmark.toml`.
pub const CONFIG: &str = include_str!("../../grammar/schema/config.schema.json");

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Schema {
    /// `actors.yaml` and `*.actors.yaml`.
    Actors,
    /// `newsmark.toml`.
    Config,
}

impl Schema {
    pub fn text(self) -> &'static str {
        match self {
            Schema::Actors => ACTORS,
            Schema::Config => CONFIG,
        }
    }
}

/// Runs `newsmark schema`; returns the exit status.
pub fn schema(which: Schema) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(which.text().as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => super::EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => super::EXIT_OK,
        Err(e) => {
            eprintln!("newsmark: cannot write the schema: {e}");
            super::EXIT_USAGE
        }
    }
}
