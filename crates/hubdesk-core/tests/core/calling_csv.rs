//! The Control Hub users CSV round trip through `Core` and the window's
//! commands (C4, C5): the demo tenant synced into a real cache, exported
//! where a save dialog says, edited, and planned back from the file.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use futures::future::BoxFuture;
use hubdesk_api::{ApiError, CallingFix, CallingImportRejectReason, ErrorCode, Event};
use hubdesk_core::commands::{dispatch, Caller};
use hubdesk_core::host::Host;
use serde_json::json;

/// Dialogs that answer what the test put in them (`None`: cancelled).
#[derive(Default)]
struct Dialogs {
    save: Mutex<Option<PathBuf>>,
    open: Mutex<Option<PathBuf>>,
}

impl Host for Dialogs {
    fn emit(&self, _event: Event) {}
    fn open_in_browser(&self, _url: String) -> BoxFuture<'static, Result<(), ApiError>> {
        Box::pin(async { Err(ApiError::new(ErrorCode::SignInFailed, "no browser in this test")) })
    }
    fn open_folder(&self, _path: PathBuf) -> BoxFuture<'static, Result<(), ApiError>> {
        Box::pin(async { Ok(()) })
    }
    fn choose_save_path(&self, _suggested: PathBuf) -> BoxFuture<'static, Option<PathBuf>> {
        let answer = self.save.lock().unwrap().clone();
        Box::pin(async move { answer })
    }
    fn choose_open_path(&self) -> BoxFuture<'static, Option<PathBuf>> {
        let answer = self.open.lock().unwrap().clone();
        Box::pin(async move { answer })
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn c4_the_window_exports_where_chosen_and_the_file_edited_plans_its_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let core = Arc::new(crate::support::open_core(dir.path(), crate::support::private_vault()));
    core.sign_in_demo().await.expect("demo sign-in");
    let customer = core.list_orgs().unwrap()[1].id.clone();
    core.sync_org(&customer, &|_| {}).await.expect("sync");
    let host = Arc::new(Dialogs::default());
    let caller = Caller::new(core.clone(), host.clone());

    // Cancelled: nothing is written, null is answered.
    let cancelled = dispatch(&caller, "calling_export", json!({ "orgId": customer })).await.unwrap();
    assert_eq!(cancelled, "null");
    let cancelled = dispatch(&caller, "calling_import_preview", json!({ "orgId": customer })).await.unwrap();
    assert_eq!(cancelled, "null");

    let path = dir.path().join("users.csv");
    *host.save.lock().unwrap() = Some(path.clone());
    let saved = dispatch(&caller, "calling_export", json!({ "orgId": customer })).await.unwrap();
    assert_eq!(saved, serde_json::to_string(&path.display().to_string()).unwrap());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let (header, rows) = text.split_once("\r\n").or_else(|| text.split_once('\n')).unwrap();
    assert!(header.starts_with("First Name,Last Name,Display Name,User ID/Email (Required),Phone Number,"), "{header}");
    assert!(header.ends_with("Reason,Suggested Number"), "{header}");
    let report = core.calling_diagnose(&customer).unwrap();
    let everyone = rows.lines().count();
    assert!(everyone > report.users.len(), "users with Calling are exported too");

    // The report's suggested numbers typed into the file: exactly those change.
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(reader.headers().unwrap()).unwrap();
    let mut suggested = Vec::new();
    for record in reader.records() {
        let mut cells: Vec<String> = record.unwrap().iter().map(str::to_owned).collect();
        let last = cells.len() - 1;
        if cells[last - 1] == "not_e164" && !cells[last].is_empty() {
            cells[4] = cells[last].clone();
            suggested.push((cells[3].clone(), cells[last].clone()));
        }
        out.write_record(&cells).unwrap();
    }
    assert!(!suggested.is_empty(), "the demo seeds numbers that can be made E.164");
    let edited = dir.path().join("edited.csv");
    std::fs::write(&edited, out.into_inner().unwrap()).unwrap();
    let plan = core.calling_import_plan(&customer, &edited).unwrap();
    assert!(plan.rejections.is_empty(), "{:?}", plan.rejections);
    let changes: Vec<(String, String)> = plan
        .changes
        .iter()
        .map(|c| match &c.fix {
            CallingFix::SetWorkNumber { number } => (c.email.clone(), number.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(changes, suggested);
    assert_eq!(plan.unchanged as usize, everyone - suggested.len());

    // A line the plan refuses names its line; a file too odd is refused whole.
    std::fs::write(&edited, "Phone Number\tUser ID/Email (Required)\nx\tnobody@example.com\n").unwrap();
    let plan = core.calling_import_plan(&customer, &edited).unwrap();
    assert_eq!(plan.rejections[0].line, 2);
    assert_eq!(plan.rejections[0].reason, CallingImportRejectReason::UnknownUser);
    std::fs::write(&edited, "Name,Number\n").unwrap();
    let refused = core.calling_import_plan(&customer, &edited).unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(refused.message.contains("User ID/Email (Required)"), "{}", refused.message);
}

/// The plan reads the cache in one pass, holding in full only the users
/// whose row may change (C4): it must plan exactly what the plan of the
/// whole org, loaded as the report loads it, plans. The file is the demo
/// customer's export with every kind of edit a spreadsheet brings.
#[tokio::test(flavor = "multi_thread")]
async fn c4_the_plan_read_from_the_cache_in_one_pass_is_the_plan_of_the_whole_org() {
    use hubdesk_core::features::calling::{calling_import_plan, CallingFacts};
    use hubdesk_rules::calling::{plan_import, read_sheet, ImportOrg};

    let dir = tempfile::tempdir().unwrap();
    let core = crate::support::open_core(dir.path(), crate::support::private_vault());
    core.sign_in_demo().await.expect("demo sign-in");
    let customer = core.list_orgs().unwrap()[1].id.clone();
    core.sync_org(&customer, &|_| {}).await.expect("sync");
    let store = hubdesk_core::store::Store::open(&dir.path().join("cache.sqlite")).unwrap();

    let (exported, _) = core.calling_users_csv(&customer).unwrap();
    let mut reader = csv::Reader::from_reader(exported.as_slice());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    let (phone, email) = (4, 3);
    let number_of = |k: usize| rows[k % rows.len()][phone].clone();
    let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    out.write_record(&header).unwrap();
    for (k, row) in rows.iter().enumerate() {
        let mut cells = row.clone();
        match k % 8 {
            // Another user's number, as it is and without its `+`.
            1 => cells[phone] = number_of(k + 3),
            2 => cells[phone] = number_of(k + 5).trim_start_matches('+').to_owned(),
            // A new number, a `00` one, an invalid one, a cleared cell.
            3 => cells[phone] = format!("+4520{}", 200_000 + k),
            4 => cells[phone] = format!("004520{}", 300_000 + k),
            5 => cells[phone] = "12".into(),
            6 => cells[phone].clear(),
            _ => {}
        }
        if k % 5 == 0 {
            cells[email] = cells[email].to_uppercase();
        }
        out.write_record(&cells).unwrap();
        if k % 9 == 0 {
            // The same user again, with the number of the next row.
            cells[phone] = number_of(k + 1);
            out.write_record(&cells).unwrap();
        }
    }
    let mut nobody = vec![String::new(); header.len()];
    (nobody[email], nobody[phone]) = ("nobody@example.com".into(), "+4520999999".into());
    out.write_record(&nobody).unwrap();
    let file = out.into_inner().unwrap();

    let from_cache = calling_import_plan(&store, &customer, &file).unwrap();
    let sheet = read_sheet(&file).unwrap();
    let whole = CallingFacts::load(&store, &customer).unwrap();
    let of_whole_org =
        plan_import(&sheet, &ImportOrg::of_facts(&sheet, &whole.facts, &whole.locations, &whole.person_locations));
    assert_eq!(from_cache, of_whole_org);
    let reasons = |why| from_cache.rejections.iter().filter(|r| r.reason == why).count();
    for why in [
        CallingImportRejectReason::NumberInUse,
        CallingImportRejectReason::InvalidNumber,
        CallingImportRejectReason::DuplicateUser,
        CallingImportRejectReason::UnknownUser,
    ] {
        assert!(reasons(why) > 0, "the file has a row refused as {why:?}: {:?}", from_cache.rejections);
    }
    assert!(!from_cache.changes.is_empty() && from_cache.unchanged > 0, "{from_cache:?}");
}
