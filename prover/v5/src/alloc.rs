//! A per-thread cache of small blocks in front of std's allocator, for wasm32 with threads.
//!
//! std's wasm32 allocator is dlmalloc behind one global spin lock (`std/src/sys/alloc/wasm.rs`:
//! a thread that finds it taken spins). SP1's constraint evaluation allocates small vectors for
//! every lookup of every row, so with a Rayon pool the threads queue on that lock: measured in
//! Chromium, computing quotient values took 10.5 s on one thread and 19.3 s on two. No
//! maintained allocator for wasm32 with atomics offers thread caches, so this one keeps, per
//! thread, free lists of small blocks: a block freed on a thread is reused by that thread's next
//! allocation of its size class without taking the lock. Large blocks, and blocks beyond a
//! list's cap, go to std's allocator as before.

use std::{
    alloc::{GlobalAlloc, Layout, System},
    cell::UnsafeCell,
    ptr,
};

/// Size classes: 16, 32, 64, 128, 256 and 512 bytes, all 16-byte aligned.
const CLASSES: usize = 6;
const SMALLEST: usize = 16;
const LARGEST: usize = SMALLEST << (CLASSES - 1);
/// Blocks a thread keeps per class; beyond that they return to std's allocator, so a thread that
/// frees many blocks it will not reuse does not hold on to them.
const CAP: usize = 4096;

/// One thread's free lists: singly linked through the first word of each free block.
struct FreeLists {
    heads: [*mut u8; CLASSES],
    lengths: [usize; CLASSES],
}

// Zero-initialised per thread, with no destructor: `thread_local!` could allocate on first use,
// from inside the allocator. Blocks still cached when a pool thread ends are not reclaimed; the
// pool lives as long as the instance.
#[thread_local]
static FREE_LISTS: UnsafeCell<FreeLists> =
    UnsafeCell::new(FreeLists { heads: [ptr::null_mut(); CLASSES], lengths: [0; CLASSES] });

pub struct ThreadCachingAllocator;

/// The size class of `layout`, if it is small enough to cache.
fn class_of(layout: Layout) -> Option<usize> {
    if layout.size() > LARGEST || layout.align() > SMALLEST {
        return None;
    }
    let size = layout.size().max(SMALLEST).next_power_of_two();
    Some((size / SMALLEST).trailing_zeros() as usize)
}

fn class_layout(class: usize) -> Layout {
    // SAFETY: a power of two no larger than LARGEST, aligned to 16 (a power of two).
    unsafe { Layout::from_size_align_unchecked(SMALLEST << class, SMALLEST) }
}

unsafe impl GlobalAlloc for ThreadCachingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(class) = class_of(layout) else { return System.alloc(layout) };
        // SAFETY: this thread's own lists; nothing else runs on this thread meanwhile.
        let lists = &mut *FREE_LISTS.get();
        let head = lists.heads[class];
        if head.is_null() {
            return System.alloc(class_layout(class));
        }
        lists.heads[class] = *(head as *mut *mut u8);
        lists.lengths[class] -= 1;
        head
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let Some(class) = class_of(layout) else { return System.dealloc(block, layout) };
        let lists = &mut *FREE_LISTS.get();
        if lists.lengths[class] >= CAP {
            return System.dealloc(block, class_layout(class));
        }
        *(block as *mut *mut u8) = lists.heads[class];
        lists.heads[class] = block;
        lists.lengths[class] += 1;
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        match (class_of(layout), class_of(new_layout)) {
            // Both large: std's allocator may grow the block in place.
            (None, None) => System.realloc(block, layout, new_size),
            // The same class: the block already has room.
            (Some(old), Some(new)) if old == new => block,
            _ => {
                let moved = self.alloc(new_layout);
                if !moved.is_null() {
                    ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                    self.dealloc(block, layout);
                }
                moved
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Threads allocate, fill, grow, shrink and free blocks of every class (and large ones),
    /// also freeing blocks other threads allocated; every block keeps its contents.
    #[test]
    fn blocks_keep_their_contents_across_threads() {
        let allocator = &ThreadCachingAllocator;
        let sizes = [1, 8, 16, 17, 100, 256, 511, 512, 513, 4000];
        let shared: Vec<(usize, usize)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4u8)
                .map(|thread| {
                    scope.spawn(move || {
                        let mut kept = Vec::new();
                        for round in 0..2000usize {
                            let size = sizes[round % sizes.len()];
                            let layout = Layout::from_size_align(size, 8).unwrap();
                            unsafe {
                                let block = allocator.alloc(layout);
                                ptr::write_bytes(block, thread, size);
                                let grown = allocator.realloc(block, layout, size * 2);
                                let grown_layout = Layout::from_size_align(size * 2, 8).unwrap();
                                assert!((0..size).all(|i| *grown.add(i) == thread));
                                if round % 3 == 0 {
                                    kept.push((grown as usize, size * 2));
                                } else {
                                    allocator.dealloc(grown, grown_layout);
                                }
                            }
                        }
                        kept
                    })
                })
                .collect();
            handles.into_iter().flat_map(|handle| handle.join().unwrap()).collect()
        });
        // Free on this thread what the others allocated.
        for (block, size) in shared {
            unsafe { allocator.dealloc(block as *mut u8, Layout::from_size_align(size, 8).unwrap()) };
        }
    }

    #[test]
    fn size_classes() {
        let class = |size, align| class_of(Layout::from_size_align(size, align).unwrap());
        assert_eq!(class(0, 1), Some(0));
        assert_eq!(class(16, 16), Some(0));
        assert_eq!(class(17, 8), Some(1));
        assert_eq!(class(512, 8), Some(5));
        assert_eq!(class(513, 8), None);
        assert_eq!(class(64, 32), None);
    }
}
