//! The Calling report through `Core` (C2–C5): the demo tenant synced, then
//! read from the cache alone; every reason the simulator seeds comes back
//! with its evidence.

use hubdesk_api::{CallingReason, CallingUserQuery, ErrorCode, Normalised, NotNormalised};

/// The demo tenant signed in, and its first customer synced.
async fn synced_customer(dir: &tempfile::TempDir) -> (hubdesk_core::Core, String) {
    let core = crate::support::open_core(dir.path(), crate::support::private_vault());
    core.sign_in_demo().await.expect("demo sign-in");
    let customer = core.list_orgs().unwrap()[1].id.clone();
    core.sync_org(&customer, &|_| {}).await.expect("sync");
    (core, customer)
}

#[tokio::test(flavor = "multi_thread")]
async fn every_seeded_reason_comes_back_with_its_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let (core, customer) = synced_customer(&dir).await;

    let report = core.calling_diagnose(&customer).unwrap();
    assert_eq!(report.org_id, customer);
    let counted: u32 = report.counts.iter().map(|c| c.count).sum();
    assert_eq!(counted as usize, report.users.len(), "every user is counted once");
    for reason in CallingReason::ALL {
        let count = report.counts.iter().find(|c| c.reason == reason).unwrap().count;
        assert!(count > 0, "{} is seeded in every customer", reason.code());
    }
    let of = |reason| report.users.iter().filter(move |u| u.reason == reason);
    assert!(of(CallingReason::NoWorkNumber).all(|u| u.evidence.number.is_none() && u.suggested_number.is_none()));
    assert!(of(CallingReason::NotE164).all(|u| u
        .evidence
        .number
        .as_deref()
        .is_some_and(|n| !n.starts_with('+') || u.suggested_number.is_none())));
    assert!(
        of(CallingReason::NotE164).any(|u| matches!(u.evidence.normalised, Some(Normalised::Reformatted { .. }))),
        "a 00 prefix is read as +"
    );
    // The demo's users without Calling have no location, and their national
    // numbers are in no inventory: no country to read them in, and said so.
    assert!(of(CallingReason::NotE164).any(|u| u.evidence.not_normalised == Some(NotNormalised::NoCountry)));
    assert!(
        of(CallingReason::NotE164).all(|u| u.suggested_number.is_some() != u.evidence.not_normalised.is_some()),
        "a number or why not"
    );
    assert!(of(CallingReason::LocationNotCalling).all(|u| u
        .evidence
        .location_name
        .as_deref()
        .is_some_and(|n| n.ends_with("new office"))));
    assert!(of(CallingReason::NumberTaken).all(|u| u.evidence.holder.as_deref().is_some_and(|h| !h.is_empty())));
    assert!(of(CallingReason::Eligible).all(
        |u| u.evidence.location_name.is_some() && u.evidence.number.as_deref().is_some_and(|n| n.starts_with('+'))
    ));

    // Offline: the report is the cache's, and an org the cache lacks is named.
    core.sign_out().await.unwrap();
    assert_eq!(core.calling_diagnose(&customer).unwrap(), report);
    let unknown = core.calling_diagnose("no-such-org").unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
    assert!(unknown.message.contains("Sync it first"), "{}", unknown.message);
}

/// The window's reading of the same report: the counts and C7's list, then
/// the users a page at a time, by reason and by typed text, each as the
/// whole report has them; kept in the cache until a sync changes the org.
#[tokio::test(flavor = "multi_thread")]
async fn the_window_reads_the_report_kept_in_the_cache_a_page_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let (core, customer) = synced_customer(&dir).await;
    let report = core.calling_diagnose(&customer).unwrap();

    let summary = core.calling_summary(&customer).unwrap();
    assert_eq!(summary, report.summary());
    let all = CallingUserQuery::default();
    // Pages of three, in the report's order, add up to the whole report.
    let mut paged = Vec::new();
    loop {
        let page = core.calling_users(&customer, &all, paged.len() as u32, 3).unwrap();
        assert_eq!(page.total as usize, report.users.len());
        if page.users.is_empty() {
            break;
        }
        assert!(page.users.len() <= 3);
        paged.extend(page.users);
    }
    assert_eq!(paged, report.users);
    for count in &summary.counts {
        let query = CallingUserQuery { reason: Some(count.reason), text: String::new() };
        let page = core.calling_users(&customer, &query, 0, 500).unwrap();
        assert_eq!(page.total, count.count, "{}", count.reason.code());
        assert!(page.users.iter().all(|u| u.reason == count.reason));
        assert_eq!(core.calling_user_ids(&customer, &query).unwrap().len() as u32, count.count);
    }
    // Typed text is searched as in the users table: a name's first letters.
    let someone = &report.users[report.users.len() / 2];
    let first_word = someone.display_name.split_whitespace().next().unwrap();
    let typed = CallingUserQuery { reason: None, text: first_word[..3].to_owned() };
    let found = core.calling_users(&customer, &typed, 0, 500).unwrap();
    assert!(
        found.users.iter().any(|u| u.person_id == someone.person_id),
        "{first_word} finds {}",
        someone.display_name
    );
    assert!(found.total < report.users.len() as u32, "the text narrows the list");

    // One user, and the users table's statuses.
    assert_eq!(core.calling_user(&customer, &someone.person_id).unwrap().as_ref(), Some(someone));
    let with_calling = core
        .store
        .people_of_org(&customer)
        .unwrap()
        .into_iter()
        .find(|p| !report.users.iter().any(|u| u.person_id == p.id))
        .expect("someone has Calling");
    assert_eq!(core.calling_user(&customer, &with_calling.id).unwrap(), None);
    let statuses = core.calling_statuses(&customer, &[someone.person_id.clone(), with_calling.id.clone()]).unwrap();
    assert_eq!(statuses[0].reason, Some(someone.reason));
    assert_eq!(statuses[1].reason, None);

    // A sync changes the org: the report is computed again from it.
    let before = core.store.org_generation(&customer).unwrap();
    core.sync_org(&customer, &|_| {}).await.expect("sync again");
    assert!(core.store.org_generation(&customer).unwrap() > before);
    assert_eq!(core.store.calling_summary(&customer, None).unwrap(), None, "the kept report is old");
    assert_eq!(core.calling_summary(&customer).unwrap(), summary, "nothing changed in Webex");
    assert!(core.store.calling_summary(&customer, None).unwrap().is_some(), "kept again");
}
