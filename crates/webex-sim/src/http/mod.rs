//! HTTP pieces every resource uses: the Webex error body, tracking ids,
//! query parameters, paging, and the authenticated caller; and the layers
//! that bound what a request may send (`limits`) or break (`panic`).

mod body;
mod caller;
mod error;
pub mod limits;
mod mutation;
mod paging;
pub mod panic;
mod params;
mod path;
pub mod tracking;

pub use body::{is_json, JsonBody};
pub use caller::Caller;
pub use error::{ApiError, ErrorDetail};
pub use mutation::Mutation;
pub use paging::{decode_cursor, encode_cursor, next_link, page_size};
pub use params::QueryParams;
pub use path::PathId;
