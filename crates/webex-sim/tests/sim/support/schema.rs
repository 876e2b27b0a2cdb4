//! Validation of simulator responses against the official Webex OpenAPI
//! schemas (`../shared/openapi/*.json`, CC BY 4.0; webex-api.md §0).
//!
//! A response schema is looked up by spec file, path (as the spec writes
//! it, without `/v1`), method and status, and checked with the `$ref`s of
//! the document resolved in place. The spec defects webex-api.md lists are
//! patched on load, each where it is done, with why. The Calling
//! endpoints (`/telephony/config/...`) are in no file of the copy (its
//! `webex-cloud-calling.json` is missing): they are checked against the
//! wxc_sdk models webex-api.md names, transcribed in `wxc_sdk_schemas`.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use serde_json::{json, Value};

/// Where the OpenAPI files are: `$HUBDESK_OPENAPI_DIR`, else `../shared/openapi` next to the repository.
fn openapi_dir() -> PathBuf {
    match std::env::var_os("HUBDESK_OPENAPI_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/openapi"),
    }
}

/// The spec files, loaded once per test binary, defects patched.
fn document(file: &str) -> &'static Value {
    static DOCS: OnceLock<Mutex<HashMap<String, &'static Value>>> = OnceLock::new();
    let mut docs = DOCS.get_or_init(Default::default).lock().unwrap();
    docs.entry(file.to_string()).or_insert_with(|| {
        let path = openapi_dir().join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("the official OpenAPI file {} is needed: {e}", path.display()));
        let mut doc: Value = serde_json::from_str(&text).expect("an OpenAPI document");
        patch_known_defects(file, &mut doc);
        Box::leak(Box::new(doc))
    })
}

fn patch_known_defects(file: &str, doc: &mut Value) {
    let schemas = &mut doc["components"]["schemas"];
    match file {
        "webex-device.json" => {
            // Spec defect (webex-api.md §5.3): `Location` is the
            // workspace-location shape (displayName, string address,
            // countryCode...) and contradicts the spec's own examples of
            // /locations. Checked against the examples' shape (and wxc_sdk's).
            schemas["Location"] = json!({
                "type": "object",
                "required": ["id", "name", "orgId", "address"],
                "properties": {
                    "id": {"type": "string"}, "name": {"type": "string"}, "orgId": {"type": "string"},
                    "timeZone": {"type": "string"}, "preferredLanguage": {"type": "string"},
                    "announcementLanguage": {"type": "string"},
                    "address": {"type": "object", "required": ["address1", "city", "country"], "properties": {
                        "address1": {"type": "string"}, "address2": {"type": "string"}, "city": {"type": "string"},
                        "state": {"type": "string"}, "postalCode": {"type": "string"}, "country": {"type": "string"}}},
                    "latitude": {"type": "string"}, "longitude": {"type": "string"}, "notes": {"type": "string"}
                }
            });
        }
        "webex-broadworks.json" => {
            // Spec defect (webex-api.md §7.1): the precheck's `info` is an
            // object in the schema but an array in the spec's example.
            schemas["SubscriberProvisioningPrecheckResponse"]["properties"]["info"] = json!({
                "type": "array",
                "items": {"type": "object", "properties": {"infoCode": {"type": "number"}, "description": {"type": "string"}}}
            });
            // Spec defect (webex-api.md §7.2): `EnterpriseListResponse` is
            // one enterprise; the example (and Webex) wrap them in `items`.
            let enterprise = schemas["EnterpriseListResponse"].take();
            schemas["EnterpriseListResponse"] = json!({"type": "object", "required": ["items"], "properties": {
                "items": {"type": "array", "items": enterprise}}});
        }
        _ => {}
    }
}

/// The response schema of an operation, for a status.
fn response_schema(file: &str, path: &str, method: &str, status: u16) -> Value {
    let doc = document(file);
    let response = &doc["paths"][path][method]["responses"][status.to_string()];
    let content =
        response["content"].as_object().unwrap_or_else(|| panic!("{file}: no {status} body for {method} {path}"));
    // The meeting spec declares `application/json;charset=UTF-8`.
    let (_, media) = content.iter().find(|(k, _)| k.starts_with("application/json")).expect("a JSON response");
    media["schema"].clone()
}

/// Asserts that `body` is valid for the schema, `$ref`s resolved within `file`.
pub fn assert_valid_schema(file: &str, schema: Value, body: &Value, what: &str) {
    let mut root = match schema {
        Value::Object(map) => Value::Object(map),
        other => panic!("{what}: not a schema: {other}"),
    };
    root["components"] = document(file)["components"].clone();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&root)
        .unwrap_or_else(|e| panic!("{what}: the schema does not compile: {e}"));
    let errors: Vec<String> =
        validator.iter_errors(body).take(10).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not match the official schema:\n{}\nbody: {body:#}", errors.join("\n"));
}

/// Asserts that `body` is a valid `status` answer of `method path` in `file`.
pub fn assert_valid(file: &str, method: &str, path: &str, status: u16, body: &Value) {
    let schema = response_schema(file, path, method, status);
    assert_valid_schema(file, schema, body, &format!("{method} {path} {status}"));
}

/// The Calling schemas, transcribed from wxc_sdk (webex-api.md §5.3–5.4):
/// `NumberListPhoneNumber` (with `NumberOwner`, `NumberLocation`) and
/// `TelephonyLocation`. Required fields are the ones wxc_sdk requires.
pub mod wxc_sdk_schemas {
    use serde_json::{json, Value};

    pub fn numbers_list() -> Value {
        json!({"type": "object", "required": ["phoneNumbers"], "properties": {
            "phoneNumbers": {"type": "array", "items": {
                "type": "object", "required": ["mainNumber", "tollFreeNumber", "location"],
                "properties": {
                    "phoneNumber": {"type": "string", "pattern": "^\\+[1-9][0-9]{7,14}$"},
                    "extension": {"type": "string"}, "routingPrefix": {"type": "string"}, "esn": {"type": "string"},
                    "state": {"enum": ["ACTIVE", "INACTIVE"]},
                    "phoneNumberType": {"enum": ["PRIMARY", "ALTERNATE", "FAX", "DNIS"]},
                    "mainNumber": {"type": "boolean"}, "tollFreeNumber": {"type": "boolean"},
                    "isServiceNumber": {"type": "boolean"},
                    "includedTelephonyTypes": {"enum": ["PSTN_NUMBER", "MOBILE_NUMBER"]},
                    "location": {"type": "object", "required": ["id", "name"],
                        "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
                    "owner": {"type": "object", "required": ["id", "type"], "properties": {
                        "id": {"type": "string"},
                        "type": {"enum": ["PEOPLE", "PLACE", "VIRTUAL_LINE", "AUTO_ATTENDANT", "CALL_QUEUE",
                            "PAGING_GROUP", "HUNT_GROUP", "VOICE_MESSAGING", "BROADWORKS_ANYWHERE",
                            "CONTACT_CENTER_LINK", "CONTACT_CENTER_ADAPTER", "ROUTE_LIST", "VOICEMAIL_GROUP",
                            "COLLABORATE_BRIDGE", "AI_RECEPTIONIST"]},
                        "firstName": {"type": "string"}, "lastName": {"type": "string"},
                        "displayName": {"type": "string"}}}
                }}},
            "count": {"type": "object", "properties": {
                "assigned": {"type": "integer"}, "unAssigned": {"type": "integer"}, "inActive": {"type": "integer"},
                "extensionOnly": {"type": "integer"}, "tollFreeNumbers": {"type": "integer"}, "total": {"type": "integer"}}}
        }})
    }

    pub fn telephony_location() -> Value {
        json!({"type": "object", "required": ["id", "name"], "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "announcementLanguage": {"type": "string"},
            "callingLineId": {"type": "object", "properties": {"name": {"type": "string"}, "phoneNumber": {"type": "string"}}},
            "routingPrefix": {"type": "string"}, "defaultDomain": {"type": "string"}, "e911SetupRequired": {"type": "boolean"}
        }})
    }

    pub fn telephony_locations_list() -> Value {
        json!({"type": "object", "required": ["locations"], "properties": {
            "locations": {"type": "array", "items": telephony_location()}}})
    }
}
