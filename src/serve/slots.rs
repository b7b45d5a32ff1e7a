//! A fixed number of slots for things that each hold a thread while open
//! (connections, event streams): past the limit, the next one is refused
//! instead of growing without bound.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

pub(super) struct Slots {
    limit: usize,
    taken: Arc<AtomicUsize>,
}

/// One taken slot; given back when dropped.
#[derive(Debug)]
pub(super) struct Slot(Arc<AtomicUsize>);

impl Slots {
    pub(super) fn new(limit: usize) -> Slots {
        Slots {
            limit,
            taken: Arc::new(AtomicUsize::new(0)),
        }
    }

    pub(super) fn limit(&self) -> usize {
        self.limit
    }

    /// A slot, or `None` when all are taken.
    pub(super) fn take(&self) -> Option<Slot> {
        self.taken
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < self.limit).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(self.taken.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_limit_and_frees_on_drop() {
        let slots = Slots::new(2);
        let a = slots.take().unwrap();
        let _b = slots.take().unwrap();
        assert!(slots.take().is_none());
        drop(a);
        assert!(slots.take().is_some());
    }
}
