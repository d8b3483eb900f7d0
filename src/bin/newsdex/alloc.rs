//! The allocator of the `newsdex` binary: mimalloc for `newsdex index`, the system allocator
//! for every other command.
//!
//! Indexing wants mimalloc: the indexing threads free what the reading threads allocated, and
//! glibc's per-thread arenas kept that memory (peak RSS of a million-article load: 2.3 GB with
//! glibc, 1.1 GB with mimalloc) and ran 14 % slower. A search wants the opposite: it is a
//! process of a few milliseconds, and mimalloc's start-up (reserving and committing its first
//! arena) added 0.8 ms to a 3.4 ms `newsdex search`.
//!
//! The choice is made once, at the first allocation, before `main` runs and before any thread
//! exists, by reading the command line from `/proc/self/cmdline` into a stack buffer (no
//! allocation). It never changes afterwards, so every block is freed by the allocator that
//! gave it out. Where `/proc` cannot be read, mimalloc is used.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU8, Ordering};

use mimalloc::MiMalloc;

#[global_allocator]
static GLOBAL: ByCommand = ByCommand;

/// Routes every allocation to mimalloc or the system allocator, as the command chose.
pub struct ByCommand;

const UNDECIDED: u8 = 0;
const SYSTEM: u8 = 1;
const MIMALLOC: u8 = 2;

static CHOICE: AtomicU8 = AtomicU8::new(UNDECIDED);

#[inline]
fn use_mimalloc() -> bool {
    match CHOICE.load(Ordering::Relaxed) {
        UNDECIDED => decide(),
        c => c == MIMALLOC,
    }
}

#[cold]
fn decide() -> bool {
    let want = match read_cmdline(&mut [0u8; 4096]) {
        Some(cmdline) => {
            if subcommand(cmdline) == Some(b"index".as_slice()) {
                MIMALLOC
            } else {
                SYSTEM
            }
        }
        None => MIMALLOC,
    };
    if want == MIMALLOC {
        keep_freed_memory();
        no_huge_pages();
    }
    // Only the first decision counts (there is one thread this early, but be exact).
    match CHOICE.compare_exchange(UNDECIDED, want, Ordering::Relaxed, Ordering::Relaxed) {
        Ok(_) => want == MIMALLOC,
        Err(earlier) => earlier == MIMALLOC,
    }
}

/// `mi_option_purge_delay` in mimalloc.h: the options are numbered in a fixed order (retired
/// ones keep their numbers), so the number is part of mimalloc's interface.
const MI_OPTION_PURGE_DELAY: libc::c_int = 15;

unsafe extern "C" {
    fn mi_option_set(option: libc::c_int, value: libc::c_long);
}

/// Tells mimalloc never to hand freed memory back to the system while indexing (unless
/// `MIMALLOC_PURGE_DELAY` says otherwise). By default it returns memory unused for a second,
/// and the kernel then zeroes 2 MB huge pages again when the next segment's term table or the
/// next file claims it. Measured on the 20-fold copy of the real corpora, four alternating
/// pairs of loads: 38.8–42.2 s → 35.3–38.8 s, user CPU −7 to −11 %, peak RSS 1.03 → 1.22 GB; a million
/// generated articles: 129 → 115 s, peak RSS 0.95 → 1.58 GB (the scale target is 2 GB). The
/// memory goes back to the system when the process exits, moments later.
fn keep_freed_memory() {
    // SAFETY: a NUL-terminated name; `getenv` does not allocate.
    let user_chose = unsafe { !libc::getenv(c"MIMALLOC_PURGE_DELAY".as_ptr()).is_null() };
    if !user_chose {
        // SAFETY: writes one entry of mimalloc's option table; allowed at any time.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    }
}

/// Turns transparent huge pages off for this process (unless `MIMALLOC_ALLOW_THP` is set,
/// which then decides). mimalloc asks the kernel for 2 MB pages for all its memory, so each
/// first touch of a page makes the kernel clear 2 MB, and on the virtual machines this was
/// measured on (2 cores, AMD EPYC) a first touch is costly and its cost varies with the hour:
/// a load's system time ranged from 0.11 to 0.65 s with huge pages. Alternating loads in one
/// hour (session 18), with huge pages and without:
/// - real corpora, 12 pairs: wall median 0.856 → 0.778 s, fastest 0.704 → 0.726 s; system
///   time 0.38 → 0.17 s, user 1.21 → 1.25 s; peak RSS 230 → 147 MB;
/// - the 20-fold copy, 3 pairs: median 15.2 → 13.9 s, fastest 14.3 → 13.7 s; system 4.5 →
///   2.3 s, user 24.8 → 24.2 s; peak RSS 930 → 793 MB;
/// - a million generated articles, 2 pairs: 40.5 and 55.7 s → 41.0 and 42.9 s; system 16.0 →
///   9.9 s (means).
///
/// In quieter hours (session 17) the copy had been about 3 % slower without them: fewer
/// misses of the address cache with huge pages (up to 4 % more user time without), which on
/// this machine rarely outweigh the kernel's work. `benches/PERFORMANCE.md` has the whole series.
fn no_huge_pages() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        // SAFETY: a NUL-terminated name; `getenv` does not allocate.
        let user_chose = unsafe { !libc::getenv(c"MIMALLOC_ALLOW_THP".as_ptr()).is_null() };
        if !user_chose {
            // SAFETY: sets one flag of this process; no memory is passed. Failure (a kernel
            // without transparent huge pages) leaves things as they were.
            unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
        }
    }
}

/// This process's arguments, NUL-separated, as far as they fit in `buf`.
fn read_cmdline(buf: &mut [u8]) -> Option<&[u8]> {
    // SAFETY: a NUL-terminated path, a buffer of the length passed, a descriptor closed once.
    unsafe {
        let fd = libc::open(c"/proc/self/cmdline".as_ptr(), libc::O_RDONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return None;
        }
        let n = libc::read(fd, buf.as_mut_ptr().cast(), buf.len());
        libc::close(fd);
        (n > 0).then(|| &buf[..n as usize])
    }
}

/// The subcommand in a NUL-separated command line: the first argument after the program's
/// name that is neither an option nor the value of `--index`, the only option the command
/// line takes before its subcommand.
fn subcommand(cmdline: &[u8]) -> Option<&[u8]> {
    let mut args = cmdline.split(|&b| b == 0).skip(1);
    while let Some(arg) = args.next() {
        if arg == b"--index" {
            args.next();
        } else if !arg.is_empty() && !arg.starts_with(b"-") {
            return Some(arg);
        }
    }
    None
}

/// Passes one `GlobalAlloc` call on, unchanged, to the allocator the command chose.
macro_rules! to_chosen {
    ($method:ident($($arg:expr),*)) => {
        // SAFETY: the caller's guarantees, passed on to one allocator; a pointer handed back
        // came from that same allocator, the only one this process ever uses.
        unsafe {
            if use_mimalloc() {
                MiMalloc.$method($($arg),*)
            } else {
                System.$method($($arg),*)
            }
        }
    };
}

// SAFETY: each call is passed on unchanged to one allocator, the same one for the whole life
// of the process (`CHOICE` is set before the first allocation and never changes).
unsafe impl GlobalAlloc for ByCommand {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        to_chosen!(alloc(layout))
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        to_chosen!(alloc_zeroed(layout))
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        to_chosen!(dealloc(ptr, layout))
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        to_chosen!(realloc(ptr, layout, new_size))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subcommand_is_found_past_the_global_option() {
        assert_eq!(subcommand(b"newsdex\0index\0corpus\0"), Some(b"index".as_slice()));
        assert_eq!(
            subcommand(b"/usr/bin/newsdex\0--index\0index\0search\0index\0"),
            Some(b"search".as_slice())
        );
        assert_eq!(
            subcommand(b"newsdex\0--index=idx\0-q\0index\0"),
            Some(b"index".as_slice())
        );
        assert_eq!(subcommand(b"newsdex\0--version\0"), None);
        assert_eq!(subcommand(b"newsdex"), None);
    }

    unsafe extern "C" {
        fn mi_option_get(option: libc::c_int) -> libc::c_long;
    }

    #[test]
    fn indexing_keeps_freed_memory_unless_the_user_says_otherwise() {
        // The test process's environment decides, as the user's would.
        let user = std::env::var("MIMALLOC_PURGE_DELAY").ok();
        keep_freed_memory();
        // SAFETY: reads one entry of mimalloc's option table.
        let now = unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) };
        match user {
            None => assert_eq!(now, -1),
            Some(v) => assert_eq!(now.to_string(), v.trim()),
        }
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    #[test]
    fn indexing_runs_without_huge_pages_unless_the_user_says_otherwise() {
        let user = std::env::var_os("MIMALLOC_ALLOW_THP");
        // SAFETY: reads one flag of this process.
        let before = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        no_huge_pages();
        // SAFETY: as above.
        let now = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        match user {
            None => assert_eq!(now, 1, "huge pages are off"),
            Some(_) => assert_eq!(now, before, "the user's setting is left alone"),
        }
    }

    #[test]
    fn the_choice_follows_the_command_line_and_is_kept() {
        // The test harness's own command line decides, as `newsdex`'s would: the system
        // allocator unless its first free argument is `index` (`cargo test index`).
        let mut buf = [0u8; 4096];
        let indexing = read_cmdline(&mut buf).is_none_or(|c| subcommand(c) == Some(b"index".as_slice()));
        let v = vec![1u8; 10];
        assert_eq!(
            CHOICE.load(Ordering::Relaxed),
            if indexing { MIMALLOC } else { SYSTEM }
        );
        drop(v);
        assert_eq!(use_mimalloc(), indexing);
    }
}
