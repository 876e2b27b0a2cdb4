//! Webex resource ids: unpadded base64url of `ciscospark://us/<TYPE>/<tail>`.
//!
//! Most tails are a uuid; licenses use `<orgUuid>:<CODE>_<uuid>` like the real
//! ones (wxc_sdk `License.lic_type` splits that shape), roles a name such as
//! `id_full_admin`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::Rng;
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
}

impl IdType {
    fn segment(self) -> &'static str {
        match self {
            IdType::People => "PEOPLE",
            IdType::Organization => "ORGANIZATION",
            IdType::License => "LICENSE",
            IdType::Location => "LOCATION",
            IdType::Role => "ROLE",
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

/// A version-4 uuid drawn from a seeded generator, so ids repeat with the seed.
pub fn seeded_uuid(rng: &mut impl Rng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.random()).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

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
    fn seeded_uuids_repeat_with_the_seed() {
        let a = seeded_uuid(&mut rand_chacha::ChaCha8Rng::seed_from_u64(7));
        let b = seeded_uuid(&mut rand_chacha::ChaCha8Rng::seed_from_u64(7));
        assert_eq!(a, b);
        assert_eq!(a.get_version_num(), 4);
    }
}
