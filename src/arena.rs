//! The binary's memory allocator: the first 64 MiB come from a bump arena, the rest from
//! the system allocator.
//!
//! A run decodes the embedded dataset into a few thousand small records, plans, prints and
//! exits; with the system allocator those allocations cost about as much as the decoding
//! itself. From the arena an allocation is an addition, and freeing is nothing (the run is
//! short, and the binary does not free the dataset at exit anyway; see `run::Afterwards`).
//! Once the arena is used up, every allocation goes to the system allocator, so a large
//! dataset (`--data`) or a long search uses memory as it would without the arena, plus at
//! most the arena's size. Only `src/main.rs` installs it: tests and the library use the
//! system allocator.
//!
//! Touching memory costs too: the first write to each 4 KiB page is a page fault, a few
//! microseconds each on a virtual machine, and a plan touches about a thousand pages, as
//! much time as all its instructions. So the arena has two parts. The first `SMALL` bytes
//! are ordinary pages: `--version`, `hours` and other small commands fit in them. Past
//! them the arena lies on 2 MiB boundaries and, the first time an allocation reaches it,
//! is marked for transparent huge pages (`madvise(MADV_HUGEPAGE)`, Linux), so that one fault
//! maps 2 MiB where 512 would have. Where the kernel has no huge page to give (or does not
//! use them), the pages are ordinary ones, as before.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// A huge page (x86-64, aarch64 with 4 KiB pages).
const HUGE: usize = 2 << 20;
/// Bytes of ordinary pages at the start of the arena.
const SMALL: usize = 256 << 10;
/// Bytes in the arena's huge-page part: enough for every allocation of the year's window
/// on the embedded dataset (about 40 MB, freed or not) and of a week's plan on the 10×
/// network (about 12 MB). Up to there a search allocates by an addition and frees nothing
/// (the system allocator's malloc and free were 6–8% of their instructions, and its pages
/// 6,000 page faults of the year's window against 230), at the cost of memory it would
/// have reused: the year's window peaks at about 48 MB instead of 32 MB.
const BIG: usize = 64 << 20;
/// The static block: the arena is its last `SMALL + BIG` bytes, so that the huge-page part
/// starts on a 2 MiB boundary. It lives in `.bss`, so pages the run never touches cost
/// nothing (nor does the unused first part of the block).
const BLOCK: usize = HUGE + BIG;
/// Where the arena starts in the block, and its end.
const START: usize = HUGE - SMALL;
const SIZE: usize = BLOCK;

#[repr(C, align(2097152))]
struct Bytes(UnsafeCell<[u8; BLOCK]>);

// SAFETY: the arena hands out each byte range once (an atomic bump), so no two owners ever
// share bytes; the cell itself is never read or written as a whole.
unsafe impl Sync for Bytes {}

static ARENA: Bytes = Bytes(UnsafeCell::new([0; BLOCK]));
/// Offset of the first free byte in the block.
static NEXT: AtomicUsize = AtomicUsize::new(START);
/// Whether the huge-page part has been marked.
static MARKED: AtomicBool = AtomicBool::new(false);

pub struct Arena;

impl Arena {
    fn base() -> usize {
        ARENA.0.get() as usize
    }
    fn owns(p: *mut u8) -> bool {
        let (base, p) = (Self::base(), p as usize);
        p >= base + START && p < base + SIZE
    }
    /// Marks the huge-page part before the first allocation that reaches it.
    fn reaching(end: usize) {
        if end > HUGE && !MARKED.swap(true, Ordering::Relaxed) {
            huge_pages(Self::base() + HUGE, BIG);
        }
    }
    /// A fresh range for `layout` from the arena, or null when it does not fit.
    fn bump(layout: Layout) -> *mut u8 {
        let base = Self::base();
        let mut next = NEXT.load(Ordering::Relaxed);
        loop {
            // Align the address, not the offset.
            let start = (base + next).next_multiple_of(layout.align()) - base;
            let Some(end) = start.checked_add(layout.size()).filter(|e| *e <= SIZE) else {
                return std::ptr::null_mut();
            };
            match NEXT.compare_exchange_weak(next, end, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => {
                    Self::reaching(end);
                    return (base + start) as *mut u8;
                }
                Err(now) => next = now,
            }
        }
    }
}

/// Asks the kernel to back `len` bytes at `addr` with transparent huge pages: advice only
/// (a kernel without them, or with them off, leaves ordinary pages; the result is ignored).
#[cfg(target_os = "linux")]
fn huge_pages(addr: usize, len: usize) {
    extern "C" {
        fn madvise(
            addr: *mut std::ffi::c_void,
            len: usize,
            advice: std::ffi::c_int,
        ) -> std::ffi::c_int;
    }
    const MADV_HUGEPAGE: std::ffi::c_int = 14;
    // SAFETY: the range is part of the arena's static block (page-aligned, mapped for the
    // whole run) and the advice changes how it is backed, never its contents.
    let _ = unsafe { madvise(addr as *mut std::ffi::c_void, len, MADV_HUGEPAGE) };
}

#[cfg(not(target_os = "linux"))]
fn huge_pages(_addr: usize, _len: usize) {}

// SAFETY: every pointer returned is either a range of the arena handed out once and aligned
// as asked, or the system allocator's; `dealloc` and `realloc` tell the two apart by
// address and pass the system's back to it.
unsafe impl GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = Self::bump(layout);
        if p.is_null() {
            // SAFETY: the caller's layout contract is passed on unchanged.
            unsafe { System.alloc(layout) }
        } else {
            p
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if !Self::owns(ptr) {
            // SAFETY: not the arena's, so the system allocator gave it out with this layout.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !Self::owns(ptr) {
            // SAFETY: the system allocator's block, with the caller's contract.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // The last range handed out grows (or shrinks) in place.
        let start = ptr as usize - Self::base();
        let end = start + layout.size();
        if let Some(new_end) = start.checked_add(new_size).filter(|e| *e <= SIZE) {
            if NEXT
                .compare_exchange(end, new_end, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
            {
                Self::reaching(new_end);
                return ptr;
            }
        }
        if new_size <= layout.size() {
            return ptr;
        }
        // SAFETY: `realloc`'s contract makes `new_size` with the old alignment a valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: as `alloc`.
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both ranges are valid for the old size (the new one is larger) and
            // distinct (the new one was just handed out).
            unsafe { std::ptr::copy_nonoverlapping(ptr, new, layout.size()) };
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::{Arena, BIG, HUGE, SIZE, SMALL, START};
    use std::alloc::{GlobalAlloc, Layout};

    #[test]
    fn allocations_are_aligned_distinct_and_keep_their_bytes_when_they_grow() {
        let a = Arena;
        unsafe {
            let l1 = Layout::from_size_align(3, 1).unwrap();
            let p1 = a.alloc(l1);
            let l2 = Layout::from_size_align(16, 16).unwrap();
            let p2 = a.alloc(l2);
            assert!(Arena::owns(p1) && Arena::owns(p2));
            assert_eq!(p2 as usize % 16, 0);
            assert!(p2 as usize >= p1 as usize + 3);
            p1.copy_from_nonoverlapping(b"abc".as_ptr(), 3);
            // Not the last allocation any more: grows by moving, bytes kept.
            let p1b = a.realloc(p1, l1, 64);
            assert_eq!(std::slice::from_raw_parts(p1b, 3), b"abc");
            // Now the last one: grows in place.
            let l1b = Layout::from_size_align(64, 1).unwrap();
            assert_eq!(a.realloc(p1b, l1b, 128), p1b);
            a.dealloc(p2, l2);
        }
    }

    #[test]
    fn the_huge_page_part_starts_on_a_huge_page_boundary() {
        assert_eq!((Arena::base() + HUGE) % HUGE, 0);
        assert!(Arena::owns((Arena::base() + START) as *mut u8));
        assert!(!Arena::owns((Arena::base() + START - 1) as *mut u8));
        assert_eq!(SIZE - START, SMALL + BIG);
    }

    #[test]
    fn what_does_not_fit_comes_from_the_system_allocator() {
        let a = Arena;
        unsafe {
            let big = Layout::from_size_align(SIZE + 1, 8).unwrap();
            let p = a.alloc(big);
            assert!(!p.is_null() && !Arena::owns(p));
            p.write(7);
            a.dealloc(p, big);
        }
    }
}
