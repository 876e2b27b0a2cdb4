//! The Calling report through `Core` (C2–C5): the demo tenant synced, then
//! read from the cache alone; every reason the simulator seeds comes back
//! with its evidence.

use hubdesk_api::{CallingReason, ErrorCode, Normalised, NotNormalised};

#[tokio::test(flavor = "multi_thread")]
async fn every_seeded_reason_comes_back_with_its_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let core = crate::support::open_core(dir.path(), crate::support::private_vault());
    core.sign_in_demo().await.expect("demo sign-in");
    let customer = core.list_orgs().unwrap()[1].id.clone();
    core.sync_org(&customer, &|_| {}).await.expect("sync");

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
