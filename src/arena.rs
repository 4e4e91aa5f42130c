//! The binary's memory allocator: the first few megabytes come from a bump arena, the rest
//! from the system allocator.
//!
//! A run decodes the embedded dataset into a few thousand small records, plans, prints and
//! exits; with the system allocator those allocations cost about as much as the decoding
//! itself. From the arena an allocation is an addition, and freeing is nothing (the run is
//! short, and the binary does not free the dataset at exit anyway; see `run::Afterwards`).
//! Once the arena is used up, every allocation goes to the system allocator, so a large
//! dataset (`--data`) or a long search uses memory as it would without the arena, plus at
//! most the arena's size. Only `src/main.rs` installs it: tests and the library use the
//! system allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bytes in the arena: enough for a plan on the embedded dataset several times over. It
/// lives in `.bss`, so pages the run never touches cost nothing.
const SIZE: usize = 4 << 20;

#[repr(C, align(4096))]
struct Bytes(UnsafeCell<[u8; SIZE]>);

// SAFETY: the arena hands out each byte range once (an atomic bump), so no two owners ever
// share bytes; the cell itself is never read or written as a whole.
unsafe impl Sync for Bytes {}

static ARENA: Bytes = Bytes(UnsafeCell::new([0; SIZE]));
/// Offset of the first free byte.
static NEXT: AtomicUsize = AtomicUsize::new(0);

pub struct Arena;

impl Arena {
    fn base() -> usize {
        ARENA.0.get() as usize
    }
    fn owns(p: *mut u8) -> bool {
        let (base, p) = (Self::base(), p as usize);
        p >= base && p < base + SIZE
    }
    /// A fresh range for `layout` from the arena, or null when it does not fit.
    fn bump(layout: Layout) -> *mut u8 {
        let base = Self::base();
        let mut next = NEXT.load(Ordering::Relaxed);
        loop {
            // Align the address, not the offset (the arena's own alignment is only 4096).
            let start = (base + next).next_multiple_of(layout.align()) - base;
            let Some(end) = start.checked_add(layout.size()).filter(|e| *e <= SIZE) else {
                return std::ptr::null_mut();
            };
            match NEXT.compare_exchange_weak(next, end, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return (base + start) as *mut u8,
                Err(now) => next = now,
            }
        }
    }
}

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
    use super::{Arena, SIZE};
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
