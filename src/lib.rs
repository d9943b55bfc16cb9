//! Newsmark: a Markdown annotation format for news articles, its checker and its
//! language server. The core (`syntax`, `model`, `registry`, `workspace`,
//! `attribution`, `analysis`, `annotate`, `report`) is pure; `fs` and `cli` are
//! the edges that do IO.

pub mod analysis;
pub mod annotate;
pub mod attribution;
pub mod cli;
pub mod fs;
pub mod lsp;
pub mod model;
pub mod registry;
pub mod report;
pub mod syntax;
pub mod text;
pub mod workspace;
