//! What a rule keeps while it walks a file and what it leaves for the end of the run, held
//! by type: each rule declares its own types in its file and finds them here, so that the
//! [`Walker`](super::Walker) and the [`FileFacts`](super::FileFacts) name no rule.

use std::any::Any;

/// Values of distinct types, at most one of each (a handful per file: a linear search).
#[derive(Default)]
pub(crate) struct Slots(Vec<Box<dyn Any + Send + Sync>>);

impl Slots {
    /// The value of type `T`, if one was stored.
    pub fn get<T: Any>(&self) -> Option<&T> {
        self.0.iter().find_map(|b| (**b).downcast_ref::<T>())
    }

    /// The value of type `T`, stored as its default on first use.
    pub fn entry<T: Any + Default + Send + Sync>(&mut self) -> &mut T {
        let i = if let Some(i) = self.0.iter().position(|b| (**b).is::<T>()) {
            i
        } else {
            self.0.push(Box::new(T::default()));
            self.0.len() - 1
        };
        (*self.0[i])
            .downcast_mut::<T>()
            .expect("the slot holds a T")
    }
}

impl std::fmt::Debug for Slots {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Slots({} values)", self.0.len())
    }
}
