//! Locks are used as they are even when a thread panicked while holding one:
//! every value lectern guards stays whole between statements (a map gains an
//! entry or not, a slot holds the old snapshot or the new), and the panic
//! itself is reported where it happened.

use std::sync::PoisonError;

/// `lock()`, `read()`, `write()` and `into_inner()` results, poisoned or not.
pub(crate) trait Unpoisoned<T> {
    fn unpoisoned(self) -> T;
}

impl<T> Unpoisoned<T> for Result<T, PoisonError<T>> {
    fn unpoisoned(self) -> T {
        self.unwrap_or_else(PoisonError::into_inner)
    }
}
