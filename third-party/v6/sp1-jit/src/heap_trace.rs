//! sp1-wasm: where there is no mmap (wasm32), a trace chunk lives in a zeroed heap buffer with
//! the alignment a page gives an anonymous map (`TraceChunkHeader` needs 16 bytes). It offers the
//! part of memmap2's `MmapMut` and `Mmap` API that the portable executor and `TraceChunkRaw`
//! use, so their code is unchanged.

use std::{
    alloc::{alloc_zeroed, dealloc, Layout},
    io,
    ops::Deref,
    ptr::NonNull,
};

pub struct HeapTraceBuffer {
    ptr: NonNull<u8>,
    layout: Layout,
}

// SAFETY: the buffer is owned memory, like a private anonymous map.
unsafe impl Send for HeapTraceBuffer {}
unsafe impl Sync for HeapTraceBuffer {}

impl HeapTraceBuffer {
    /// memmap2's `MmapMut::map_anon`: `len` zeroed bytes.
    pub fn map_anon(len: usize) -> io::Result<Self> {
        let layout = Layout::from_size_align(len.max(1), 16)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
        // SAFETY: the layout has a non-zero size.
        let ptr = NonNull::new(unsafe { alloc_zeroed(layout) }).ok_or(io::ErrorKind::OutOfMemory)?;
        Ok(Self { ptr, layout })
    }

    /// memmap2's `MmapMut::make_read_only`: nothing to protect on the heap.
    pub fn make_read_only(self) -> io::Result<Self> {
        Ok(self)
    }
}

impl Deref for HeapTraceBuffer {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        // SAFETY: `ptr` points to `layout.size()` initialized (zeroed, then written) bytes.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.layout.size()) }
    }
}

impl Drop for HeapTraceBuffer {
    fn drop(&mut self) {
        // SAFETY: allocated in `map_anon` with this layout.
        unsafe { dealloc(self.ptr.as_ptr(), self.layout) }
    }
}
