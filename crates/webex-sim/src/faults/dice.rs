//! Deterministic dice: whether request number `seq` gets a fault depends
//! on the seed, the request's number and the fault alone. A client that
//! sends the same requests in the same order meets the same faults.

use crate::ids::splitmix64;

/// Which fault a roll is for, so the rolls of one request are independent.
#[derive(Debug, Clone, Copy)]
pub enum Die {
    Error = 1,
    ErrorKind = 2,
    GatewayTimeout = 3,
    Drop = 4,
    Malformed = 5,
    DropFilters = 6,
    MaxNull = 7,
    RetryAfterForm = 8,
    WriteDrop = 9,
}

/// A uniform draw in [0, 1).
pub fn roll(seed: u64, seq: u64, die: Die) -> f64 {
    let bits = splitmix64(splitmix64(seed ^ 0xFA17_0000_0000_0000) ^ seq.wrapping_mul(16).wrapping_add(die as u64));
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// True with probability `rate`.
pub fn hits(seed: u64, seq: u64, die: Die, rate: f64) -> bool {
    rate > 0.0 && roll(seed, seq, die) < rate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolls_are_repeatable_and_roughly_uniform() {
        assert_eq!(roll(1, 7, Die::Error), roll(1, 7, Die::Error));
        assert_ne!(roll(1, 7, Die::Error), roll(2, 7, Die::Error));
        let hits = (0..10_000).filter(|&seq| hits(3, seq, Die::Drop, 0.1)).count();
        assert!((800..1200).contains(&hits), "{hits} of 10000 at 10 %");
        assert!(!(0..1000).any(|seq| super::hits(3, seq, Die::Drop, 0.0)));
    }
}
