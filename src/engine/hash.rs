//! A stable hash of the game state (FNV-1a over its JSON form), equal on
//! every platform for equal states.

use super::state::State;

pub fn state_hash(state: &State) -> u64 {
    let bytes = serde_json::to_vec(state).unwrap_or_default();
    fnv1a(&bytes)
}

pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
