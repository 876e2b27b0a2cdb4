//! The simulator over real HTTP on loopback, one module per resource; each
//! test names the Webex rule or API fact it checks. `support` starts a
//! simulator and sends requests; `schema` checks answers against the
//! official OpenAPI files.

mod support;

mod bounds;
mod broadworks;
mod calling;
mod connections;
mod faults;
mod groups;
mod helpers_guard;
mod licenses;
mod meetings;
mod oauth;
mod orgs;
mod people;
mod people_writes;
mod persistence;
mod schema;
