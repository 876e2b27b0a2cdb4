//! `hubdesk broadworks list` (rules B3, B5): the status view from a cache
//! `hubdesk sync` wrote from the simulator over HTTP, as CSV and JSON;
//! bad values are refused with a sentence and exit 2.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::{json, Value};
use webex_sim::client::call;
use webex_sim::{self as sim, SimConfig};

use crate::support::{partner_token, post, stderr, sync_all, BIN};

fn list(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(["broadworks", "list", "--db"]).arg(db).args(args).output().unwrap()
}

fn json_rows(output: &Output) -> Vec<Value> {
    assert!(output.status.success(), "{}", stderr(output));
    serde_json::from_slice::<Value>(&output.stdout).unwrap().as_array().unwrap().clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn b3_b5_list_every_customers_subscribers_filtered_as_csv_and_json() {
    let server = sim::start(SimConfig { people: 600, customers: 2, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let api = server.base_url();
    // A subscriber whose name looks like a formula (provisioned through the API).
    let enterprises = call(reqwest::Method::GET, &format!("{api}/broadworks/enterprises"), &token, None).await.unwrap();
    let enterprise = &enterprises.body["items"][0];
    let provisioned = post(
        &format!("{api}/broadworks/subscribers"),
        &token,
        json!({
            "provisioningId": enterprise["provisioningId"], "spEnterpriseId": enterprise["spEnterpriseId"],
            "userId": "formula@bw.example", "firstName": "=HYPERLINK(\"http://x\")", "lastName": "Eve",
            "package": "basic", "primaryPhoneNumber": "+4521999999",
        }),
    )
    .await;
    assert!(provisioned.status.is_success(), "{}", provisioned.body);
    let served =
        call(reqwest::Method::GET, &format!("{api}/broadworks/subscribers?max=100"), &token, None).await.unwrap();
    assert!(!served.body["items"].as_array().unwrap().is_empty());

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    sync_all(&api, &token, &db);

    let csv = list(&db, &[]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "Customer",
            "BroadWorks User ID",
            "Name",
            "Email",
            "Phone Number",
            "Package",
            "Status",
            "Last Status Change",
            "Error Codes",
            "Error Text"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| !r[0].starts_with("No customer")), "every subscriber maps to its customer");
    assert!(rows.iter().any(|r| &r[6] == "provisioned"), "without the flag, provisioned ones are listed");
    let evil = rows.iter().find(|r| &r[1] == "formula@bw.example").expect("the new subscriber");
    assert!(evil[2].starts_with("'=HYPERLINK"), "a formula is written as text: {:?}", &evil[2]);
    assert!(rows.iter().any(|r| &r[6] == "error" && r[9].contains(": ")), "B3: error codes with their text");

    let all = json_rows(&list(&db, &["--format", "json"]));
    assert_eq!(all.len(), rows.len(), "the same rows as the CSV");
    let stuck =
        json_rows(&list(&db, &["--status", "error,pending_email_input", "--exclude-provisioned", "--format", "json"]));
    assert!(!stuck.is_empty());
    assert!(stuck.iter().all(|r| r["status"] == "error" || r["status"] == "pending_email_input"));
    let expected = all.iter().filter(|r| r["status"] == "error" || r["status"] == "pending_email_input").count();
    assert_eq!(stuck.len(), expected);
    let open = json_rows(&list(&db, &["--exclude-provisioned", "--format", "json"]));
    assert!(!open.is_empty() && open.iter().all(|r| r["status"] != "provisioned"), "B5");

    let customer = all[0]["customerOrgId"].as_str().unwrap().to_owned();
    let theirs = json_rows(&list(&db, &["--customer", &customer, "--format", "json"]));
    assert!(!theirs.is_empty() && theirs.iter().all(|r| r["customerOrgId"] == customer.as_str()));
    assert!(theirs.len() < all.len(), "two customers");
    let premium = json_rows(&list(&db, &["--package", "premium", "--format", "json"]));
    assert!(premium.iter().all(|r| r["package"] == "premium"));
    let found = json_rows(&list(&db, &["--search", "formula@bw", "--format", "json"]));
    assert_eq!(found.len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_values_are_refused_with_a_sentence_and_exit_2() {
    let server = sim::start(SimConfig { people: 200, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    sync_all(&server.base_url(), &token, &db);

    for (args, says) in [
        (
            vec!["--status", "error,stuck"],
            "there is no subscriber status 'stuck'; use one of error, pending_email_input",
        ),
        (vec!["--package", "gold"], "there is no package 'gold'; use one of softphone, basic, standard, premium"),
        (vec!["--customer", "no-such-org"], "no customer with the org id no-such-org has BroadWorks subscribers"),
    ] {
        let output = list(&db, &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {}", stderr(&output));
        assert!(stderr(&output).contains(says), "{args:?}: {}", stderr(&output));
        assert!(output.stdout.is_empty(), "nothing listed");
    }
}
