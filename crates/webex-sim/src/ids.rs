//! Webex resource ids: unpadded base64url of `ciscospark://us/<TYPE>/<tail>`.
//!
//! Most tails are a uuid; licenses use `<orgUuid>:<CODE>_<uuid>` like the real
//! ones (wxc_sdk `License.lic_type` splits that shape), roles a name such as
//! `id_full_admin`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use uuid::Uuid;

const PREFIX: &str = "ciscospark://us/";

/// The `<TYPE>` segment of an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdType {
    People,
    Organization,
    License,
    Location,
    Role,
    /// Groups: the tail is `<groupUuid>:<orgUuid>`.
    ScimGroup,
    Subscriber,
    Enterprise,
    AutoAttendant,
    HuntGroup,
    CallQueue,
    Place,
}

impl IdType {
    fn segment(self) -> &'static str {
        match self {
            IdType::People => "PEOPLE",
            IdType::Organization => "ORGANIZATION",
            IdType::License => "LICENSE",
            IdType::Location => "LOCATION",
            IdType::Role => "ROLE",
            IdType::ScimGroup => "SCIM_GROUP",
            IdType::Subscriber => "SUBSCRIBER",
            IdType::Enterprise => "ENTERPRISE",
            IdType::AutoAttendant => "AUTO_ATTENDANT",
            IdType::HuntGroup => "HUNT_GROUP",
            IdType::CallQueue => "CALL_QUEUE",
            IdType::Place => "PLACE",
        }
    }
}

/// Encodes an id of `kind` around `tail`.
pub fn encode(kind: IdType, tail: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{PREFIX}{}/{tail}", kind.segment()))
}

/// Encodes the usual uuid-tailed id.
pub fn encode_uuid(kind: IdType, uuid: &Uuid) -> String {
    let mut buf = Uuid::encode_buffer();
    encode(kind, uuid.hyphenated().encode_lower(&mut buf))
}

/// The tail of an id of `kind`, or None when `id` is not such an id.
/// Padded base64 is accepted too: some clients re-pad ids they copy around.
pub fn decode(kind: IdType, id: &str) -> Option<String> {
    let bytes = URL_SAFE_NO_PAD.decode(id.trim_end_matches('=')).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let rest = text.strip_prefix(PREFIX)?;
    let (segment, tail) = rest.split_once('/')?;
    (segment == kind.segment() && !tail.is_empty()).then(|| tail.to_string())
}

/// The uuid inside a uuid-tailed id of `kind`.
pub fn decode_uuid(kind: IdType, id: &str) -> Option<Uuid> {
    Uuid::parse_str(&decode(kind, id)?).ok()
}

/// A version-4 uuid fixed by the seed and a key naming the thing (what it
/// is and where it sits), not by the order of random draws: ids stay put
/// when the generator changes how much randomness it uses elsewhere, or
/// when the tenant grows.
pub fn derived_uuid(seed: u64, key: &[u64]) -> Uuid {
    // Two independent 64-bit folds give 128 bits, so collisions are as
    // unlikely as between random v4 uuids.
    let fold = |salt: u64| key.iter().fold(splitmix64(seed ^ salt), |acc, &part| splitmix64(acc ^ part));
    let bits = (u128::from(fold(0x5EED_0001)) << 64) | u128::from(fold(0x5EED_0002));
    uuid::Builder::from_random_bytes(bits.to_be_bytes()).into_uuid()
}

/// SplitMix64's finalizer: a cheap, well-mixing 64-bit permutation (also
/// the simulator's fault dice).
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_webex_spec_example() {
        // The People example id from the admin spec.
        let id = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9mNWIzNjE4Ny1jOGRkLTQ3MjctOGIyZi1mOWM0NDdmMjkwNDY";
        let uuid = decode_uuid(IdType::People, id).unwrap();
        assert_eq!(uuid.to_string(), "f5b36187-c8dd-4727-8b2f-f9c447f29046");
        assert_eq!(encode_uuid(IdType::People, &uuid), id);
    }

    #[test]
    fn refuses_other_types_and_garbage() {
        let uuid = Uuid::nil();
        let org = encode_uuid(IdType::Organization, &uuid);
        assert_eq!(decode_uuid(IdType::People, &org), None);
        assert_eq!(decode_uuid(IdType::Organization, &org), Some(uuid));
        assert_eq!(decode(IdType::People, "not base64 !"), None);
        assert!(!org.contains('='), "ids carry no padding");
    }

    #[test]
    fn derived_uuids_depend_on_seed_and_key_only() {
        let a = derived_uuid(7, &[1, 2]);
        assert_eq!(a, derived_uuid(7, &[1, 2]));
        assert_eq!(a.get_version_num(), 4);
        assert_ne!(a, derived_uuid(8, &[1, 2]));
        assert_ne!(a, derived_uuid(7, &[2, 1]));
        let many: std::collections::HashSet<Uuid> = (0..100_000).map(|i| derived_uuid(7, &[5, 3, i])).collect();
        assert_eq!(many.len(), 100_000);
    }
}
