//! Links the `newsdex` binary as a position-dependent executable on Linux.
//!
//! A search is a short process: open the index, answer, exit. As a position-independent
//! executable the binary carried about 45,000 relative relocations, which the dynamic loader
//! applied at every start by writing into 1 MB of `.data.rel.ro` (copy-on-write page faults):
//! 0.6 ms of a 3.9 ms `newsdex search` (`LD_DEBUG=statistics`: 4.7 million cycles in the
//! loader, 0.2 million without). Linked with `-no-pie` the addresses are fixed at link time
//! and there is nothing to relocate. The cost is that the executable's own code is not
//! loaded at a random address (shared libraries, stack and heap still are), the trade Go
//! makes by default. Only the binary is affected: the library, tests and examples are built
//! as before.
//!
//! Built from this repository on Linux with glibc, `.cargo/config.toml` goes further and
//! links everything statically (no shared libraries to load at start-up); this argument is
//! what remains when the package is built without that file (installed from crates.io, say).

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
