//! newsdex's integration tests: one binary, one module per area, sharing the harness in
//! `util`.

mod util;

mod cli_index;
mod cli_search;
mod extract;
mod formats;
mod library;
mod quotes;
mod real_corpora;
mod reliability;
mod schema;
mod snippets;
