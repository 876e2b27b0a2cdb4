//! HTTP pieces every resource uses: the Webex error body, tracking ids,
//! query parameters, paging, and the authenticated caller.

mod caller;
mod error;
mod paging;
mod params;
pub mod tracking;

pub use caller::Caller;
pub use error::ApiError;
pub use paging::{decode_cursor, encode_cursor, next_link, page_size};
pub use params::QueryParams;
