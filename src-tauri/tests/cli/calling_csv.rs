//! `hubdesk calling export` and `hubdesk calling import --plan|--apply`
//! (C4, C5): the real binary on a cache synced from the simulator over
//! HTTP, and real files, one of them saved as a spreadsheet saves an edited
//! CSV (`;`, CRLF, a BOM, every `+` stripped, the columns reordered).

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use webex_sim::{self as sim, SimConfig};

use crate::support::{self, partner_token, stderr, sync_all, BIN};

fn hubdesk(args: &[&str], db: &Path, org: &str, file: &Path, flag: &str) -> Output {
    Command::new(BIN).args(args).arg("--db").arg(db).args(["--org", org, flag]).arg(file).output().unwrap()
}

fn import(db: &Path, org: &str, csv: &Path, format: &str) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(["calling", "import", "--plan", "--format", format, "--db"]).arg(db).args(["--org", org, "--csv"]);
    cmd.arg(csv).output().unwrap()
}

fn plan_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(out)))
}

#[tokio::test(flavor = "multi_thread")]
async fn c4_c5_export_edit_as_a_spreadsheet_and_import_plans_exactly_the_edited_numbers() {
    let server = sim::start(SimConfig { people: 300, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    let org = sync_all(&server.base_url(), &token, &db)[1].clone();

    // The export: Control Hub's columns, every user, the file private.
    let exported = dir.path().join("users.csv");
    let out = hubdesk(&["calling", "export"], &db, &org, &exported, "--out");
    assert!(out.status.success(), "{}", stderr(&out));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&exported).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let mut reader = csv::Reader::from_path(&exported).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        header[..7],
        [
            "First Name",
            "Last Name",
            "Display Name",
            "User ID/Email (Required)",
            "Phone Number",
            "Extension",
            "Location"
        ]
    );
    assert!(header.iter().any(|h| h.starts_with("Webex Calling VAR Professional [")), "{header:?}");
    assert_eq!(header[header.len() - 2..], ["Reason", "Suggested Number"]);
    let mut table: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    assert!(stderr(&out).contains(&format!("{} users written", table.len())), "{}", stderr(&out));
    let reason = header.len() - 2;
    let no_number: Vec<usize> = (0..table.len()).filter(|&i| table[i][reason] == "no_work_number").collect();
    assert!(no_number.len() >= 3, "the demo seeds users with no work number");
    assert!(table.iter().all(|r| !r[4].contains("339999")), "the new numbers are free");

    // Imported as it is: nothing changes.
    let out = import(&db, &org, &exported, "json");
    assert!(out.status.success(), "{}", stderr(&out));
    let plan = plan_json(&out);
    assert_eq!(plan["unchanged"].as_u64().unwrap() as usize, table.len(), "{plan}");
    assert_eq!((plan["changes"].as_array().unwrap().len(), plan["rejections"].as_array().unwrap().len()), (0, 0));

    // Two numbers edited, one mangled into scientific notation, one unknown
    // user; then saved as a Danish spreadsheet saves it.
    let (a, b, c) = (no_number[0], no_number[1], no_number[2]);
    table[a][4] = "+4533999901".into();
    table[b][4] = "+45 33 99 99 02".into();
    table[c][4] = "4.53399E+09".into();
    let mut ghost = table[a].clone();
    ghost[3] = "ghost@example.com".into();
    table.push(ghost);
    let mut saved = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in std::iter::once(&header).chain(&table) {
        let mut row = row.clone();
        if row[4].starts_with('+') && !row[4].contains(' ') {
            row[4].remove(0);
        }
        let phone = row.remove(4);
        row.insert(0, phone);
        saved.write_record(&row).unwrap();
    }
    let edited = dir.path().join("edited.csv");
    std::fs::write(&edited, saved.into_inner().unwrap()).unwrap();

    let out = import(&db, &org, &edited, "json");
    assert_eq!(out.status.code(), Some(1), "some lines are refused: {}", stderr(&out));
    let plan = plan_json(&out);
    let changes: Vec<(&str, &str)> = plan["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["email"].as_str().unwrap(), c["to"].as_str().unwrap()))
        .collect();
    assert_eq!(changes, [(table[a][3].as_str(), "+4533999901"), (table[b][3].as_str(), "+4533999902")]);
    let rejections: Vec<(u64, &str, &str)> = plan["rejections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["reason"].as_str().unwrap(), r["value"].as_str().unwrap()))
        .collect();
    // Line 1 is the header, so row i is on line i + 2.
    assert_eq!(
        rejections,
        [
            (c as u64 + 2, "invalid_number", "4.53399E+09"),
            (table.len() as u64 + 1, "unknown_user", "ghost@example.com")
        ]
    );
    assert_eq!(plan["unchanged"].as_u64().unwrap() as usize, table.len() - 4);

    // The same as text, for a person to read.
    let out = import(&db, &org, &edited, "text");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("change  {}  (none) -> +4533999901", table[a][3])), "{text}");
    assert!(text.contains(&format!("line {}  rejected  invalid_number", c + 2)), "{text}");
    assert!(stderr(&out).contains(&format!("{} rows: 2 to change", table.len())), "{}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread")]
async fn c5_a_file_without_the_phone_number_column_or_a_cache_without_the_org_fails_with_exit_2() {
    let server = sim::start(SimConfig { people: 50, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    let org = sync_all(&server.base_url(), &token, &db)[1].clone();

    let file = dir.path().join("numbers.csv");
    std::fs::write(&file, "User ID/Email (Required);Mobile\r\nann@example.com;+4533999901\r\n").unwrap();
    let out = import(&db, &org, &file, "text");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no \"Phone Number\" column"), "{}", stderr(&out));

    let out = import(&db, "no-such-org", &file, "text");
    assert_eq!(out.status.code(), Some(2));
    let out = hubdesk(&["calling", "export"], &db, "no-such-org", &file, "--out");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Sync it first"), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&file).unwrap().contains("Mobile"), "a failed export leaves the file as it was");
}

/// The round trip's end (C4): the edited file applied sends each edited
/// number once (`PUT /v1/people`), a user who has Calling is left out
/// (C7: Webex would ignore the new number), and the same file planned
/// again afterwards changes nothing.
#[tokio::test(flavor = "multi_thread")]
async fn c4_c7_the_edited_file_applied_sends_each_number_once_and_leaves_calling_users_out() {
    let server = sim::start(SimConfig { people: 300, customers: 1, ..SimConfig::default() }).await.unwrap();
    let token = partner_token(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.sqlite");
    let org = sync_all(&server.base_url(), &token, &db)[1].clone();
    let exported = dir.path().join("users.csv");
    assert!(hubdesk(&["calling", "export"], &db, &org, &exported, "--out").status.success());

    let mut reader = csv::Reader::from_path(&exported).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let mut table: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    let reason = header.len() - 2;
    let without: Vec<usize> = (0..table.len()).filter(|&i| table[i][reason] == "no_work_number").collect();
    let with_calling = (0..table.len()).find(|&i| table[i][reason].is_empty()).expect("a user with Calling");
    table[without[0]][4] = "4533999911".into();
    table[without[1]][4] = "4533999912".into();
    table[with_calling][4] = "4533999913".into();
    let mut saved = csv::WriterBuilder::new().delimiter(b';').terminator(csv::Terminator::CRLF).from_writer(vec![]);
    for row in std::iter::once(&header).chain(&table) {
        saved.write_record(row).unwrap();
    }
    let edited = dir.path().join("edited.csv");
    std::fs::write(&edited, saved.into_inner().unwrap()).unwrap();

    let mut apply = Command::new(BIN);
    apply.args(["calling", "import", "--apply", "--api", &server.base_url(), "--format", "json", "--db"]).arg(&db);
    apply.args(["--org", &org, "--csv"]).arg(&edited).env("HUBDESK_TOKEN", &token);
    let out = apply.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("skipped {}", table[with_calling][3])), "{}", stderr(&out));
    let applied = plan_json(&out);
    assert_eq!(applied["changes"].as_array().unwrap().len(), 3, "the plan as read: {applied}");
    let run = &applied["run"];
    assert_eq!((run["succeeded"].as_u64(), run["failed"].as_u64()), (Some(2), Some(0)), "{applied}");

    let changes = support::changes(&server, 0).await;
    let puts: Vec<&str> = changes
        .iter()
        .filter(|c| c["method"] == "PUT" && c["path"].as_str().unwrap().starts_with("/v1/people/"))
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(puts.len(), 2, "each edited number once, the Calling user's not at all: {changes:#?}");
    assert_eq!(changes.len(), 2, "nothing else is sent: {changes:#?}");

    // Planned again from the cache the run refreshed: only the Calling
    // user's row is still a difference.
    let out = import(&db, &org, &edited, "json");
    let plan = plan_json(&out);
    let left: Vec<&str> = plan["changes"].as_array().unwrap().iter().map(|c| c["email"].as_str().unwrap()).collect();
    assert_eq!(left, [table[with_calling][3].as_str()], "{plan}");
}
