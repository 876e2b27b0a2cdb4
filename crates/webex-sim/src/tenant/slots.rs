//! A small bit set over an org's slots (its licenses, its meeting sites):
//! eight bytes per person instead of a vector of ids.

/// Most slots an org may have of one kind.
pub const MAX_SLOTS: usize = 64;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SlotSet(u64);

impl SlotSet {
    pub fn contains(self, slot: usize) -> bool {
        slot < MAX_SLOTS && self.0 & (1 << slot) != 0
    }

    pub fn insert(&mut self, slot: usize) {
        assert!(slot < MAX_SLOTS, "an org has at most {MAX_SLOTS} slots of a kind");
        self.0 |= 1 << slot;
    }

    pub fn remove(&mut self, slot: usize) {
        if slot < MAX_SLOTS {
            self.0 &= !(1 << slot);
        }
    }

    /// The slots in ascending order.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        (0..MAX_SLOTS).filter(move |&slot| self.contains(slot))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_slots_in_order() {
        let mut set = SlotSet::default();
        assert_eq!(set.iter().count(), 0);
        set.insert(5);
        set.insert(0);
        set.insert(63);
        assert!(set.contains(5) && !set.contains(4));
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![0, 5, 63]);
        set.remove(5);
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![0, 63]);
    }
}
