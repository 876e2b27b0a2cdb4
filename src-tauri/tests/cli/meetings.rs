//! `hubdesk meetings show|set|diagnose` as a helpdesk script runs them
//! (rules S1–S5, T16): the real binary against the simulator over HTTP, on
//! the demo tenant's named "cannot schedule" people of every customer.

use std::process::{Command, Output};

use hubdesk_core::auth::{TokenKind, Vault};
use hubdesk_core::{Core, CoreFiles};
use serde_json::{json, Value};
use webex_sim::client::call;
use webex_sim::{self as sim, SimConfig, SimServer};

use crate::support::{self, BIN};

pub(crate) const PUT_PATH: &str = "/v1/admin/meeting/userconfig/sessionTypes";

/// The five seeded people, the cause diagnose names and the check that fails.
const CAUSES: [(&str, &str, &str); 5] = [
    ("sam.sessionless", "paid_types_missing", "paid_types_enabled"),
    ("otto.othersite", "license_on_other_site", "paid_license_on_site"),
    ("bea.basic", "basic_meetings_only", "paid_license_on_site"),
    ("ada.attendee", "attendee_only", "paid_license_on_site"),
    ("nils.neversigned", "never_signed_in", "signed_in"),
];

pub(crate) struct Customer {
    pub(crate) org: String,
    pub(crate) domain: String,
    /// The org's first Meetings site, where the seeded causes are.
    pub(crate) site: String,
    /// A customer full admin's token, acting in this org.
    pub(crate) token: String,
}

pub(crate) struct Tenant {
    pub(crate) server: SimServer,
    /// The app's data folder for every run (the audit log goes there).
    pub(crate) data: tempfile::TempDir,
    pub(crate) customers: Vec<Customer>,
}

impl Tenant {
    pub(crate) async fn start() -> Tenant {
        let server =
            sim::start(SimConfig { seed: 7, people: 300, customers: 2, ..SimConfig::default() }).await.unwrap();
        let helpers = support::helpers(&server);
        let partner = helpers.token("partner_full_admin", None).await.unwrap();
        let orgs =
            call(reqwest::Method::GET, &format!("{}/organizations", server.base_url()), &partner.access_token, None)
                .await
                .unwrap();
        let mut customers = Vec::new();
        for org in orgs.body["items"].as_array().unwrap() {
            let org = org["id"].as_str().unwrap();
            if org == partner.org_id {
                continue;
            }
            let token = helpers.token("customer_full_admin", Some(org)).await.unwrap().access_token;
            let me =
                call(reqwest::Method::GET, &format!("{}/people/me", server.base_url()), &token, None).await.unwrap();
            let domain = me.body["emails"][0].as_str().unwrap().split('@').nth(1).unwrap().to_owned();
            let site = format!("{}.webex.com", domain.trim_end_matches(".example"));
            customers.push(Customer { org: org.to_owned(), domain, site, token });
        }
        assert_eq!(customers.len(), 2, "two customers");
        Tenant { server, data: tempfile::tempdir().unwrap(), customers }
    }

    pub(crate) fn api(&self) -> String {
        self.server.base_url()
    }

    /// `hubdesk meetings <args>` with `token`, on the test's data folder.
    pub(crate) fn run(&self, token: &str, args: &[&str]) -> Output {
        let mut command = Command::new(BIN);
        command.arg("meetings").args(args).args(["--api", &self.api()]);
        command.env("HUBDESK_TOKEN", token).env("HUBDESK_DATA_DIR", self.data.path());
        command.output().unwrap()
    }

    pub(crate) async fn changes(&self) -> Vec<Value> {
        support::changes(&self.server, 0).await
    }
}

pub(crate) fn person(c: &Customer, local: &str) -> String {
    format!("{local}@{}", c.domain)
}

pub(crate) fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(out)))
}

pub(crate) fn text(out: &Output) -> String {
    format!(
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn check<'a>(diagnosis: &'a Value, name: &str) -> &'a Value {
    diagnosis["checks"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn s1_s5_t16_diagnose_names_each_seeded_cause_in_every_customer_exits_1_and_sends_nothing() {
    let tenant = Tenant::start().await;
    let partner = support::partner_token(&tenant.server).await;
    for c in &tenant.customers {
        for (local, cause, failing) in CAUSES {
            // The partner's token reaches the customer with --org.
            let out =
                tenant.run(&partner, &["diagnose", "--org", &c.org, "--person", &person(c, local), "--format", "json"]);
            assert_eq!(out.status.code(), Some(1), "{local}: {}", text(&out));
            let d = stdout_json(&out);
            assert_eq!(d["verdict"], cause, "{local}: {d:#}");
            assert_eq!(d["siteUrl"], c.site.as_str(), "{local}: the site with the problem");
            let failed = check(&d, failing);
            assert_eq!(failed["status"], "fail", "{local}: {d:#}");
            assert!(!failed["evidence"].as_str().unwrap().is_empty(), "{local}: evidence");
            for c in d["checks"].as_array().unwrap() {
                assert!(["pass", "fail", "skipped"].contains(&c["status"].as_str().unwrap()), "{c}");
            }
        }
    }
    // S1's evidence names the missing types.
    let c = &tenant.customers[0];
    let out = tenant.run(&c.token, &["diagnose", "--person", &person(c, "sam.sessionless"), "--format", "json"]);
    let evidence = check(&stdout_json(&out), "paid_types_enabled")["evidence"].as_str().unwrap().to_owned();
    assert!(evidence.contains("Pro Meeting (PRO)") && evidence.contains("Private Meeting (PRV)"), "{evidence}");
    assert!(tenant.changes().await.is_empty(), "diagnosing changes nothing");
}

#[tokio::test(flavor = "multi_thread")]
async fn s1_s2_set_with_the_missing_types_makes_diagnose_pass_with_each_put_once_and_audited() {
    let tenant = Tenant::start().await;
    let c = &tenant.customers[1];
    let sam = person(c, "sam.sessionless");

    // S1: the free type only, as `show` prints it.
    let show = tenant.run(&c.token, &["show", "--person", &sam, "--format", "json"]);
    assert!(show.status.success(), "{}", text(&show));
    let view = stdout_json(&show);
    let site = view["sites"].as_array().unwrap().iter().find(|s| s["siteUrl"] == c.site.as_str()).unwrap();
    assert_eq!(site["role"]["type"], "host");
    let enabled: Vec<(&str, bool)> = site["types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["sessionType"]["shortName"].as_str().unwrap(), r["enabled"].as_bool().unwrap()))
        .collect();
    assert_eq!(enabled, [("FRE", true), ("PRO", false), ("PRV", false)]);

    // S2: the whole set, ids and short names mixed; what Webex holds is printed.
    let set = tenant.run(&c.token, &["set", "--person", &sam, "--site", &c.site, "--types", "FRE,3,prv"]);
    assert!(set.status.success(), "{}", text(&set));
    let printed = String::from_utf8_lossy(&set.stdout).into_owned();
    assert!(printed.contains("Webex now holds: 1 FRE") && printed.contains("11 PRV"), "{printed}");
    assert!(!printed.contains("other than what was sent"), "{printed}");

    let out = tenant.run(&c.token, &["diagnose", "--person", &sam, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let d = stdout_json(&out);
    assert_eq!(d["verdict"], Value::Null);
    assert_eq!(check(&d, "paid_types_enabled")["status"], "pass");
    assert_eq!(d["userMessage"].as_array().unwrap().len(), 4, "en, fr, da, sv (S3, S4)");

    // The simulator saw the one PUT, once, for Sam on the site.
    let changes = tenant.changes().await;
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["method"], "PUT");
    assert_eq!(changes[0]["path"], PUT_PATH);
    assert_eq!(changes[0]["summary"], format!("session types on {}: 1,3,11", c.site));
    let tracking_id = changes[0]["trackingId"].as_str().unwrap();
    assert!(printed.contains(tracking_id), "the tracking id printed is the one Webex saw: {printed}");

    // The window's audit log (the app's data folder) lists it with that id.
    let core = Core::open(&CoreFiles::in_data_dir(tenant.data.path()), Vault::new("hubdesk-it-unused")).unwrap();
    let audit = core.audit_list(&c.org).unwrap();
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert_eq!((audit[0].email.as_str(), audit[0].tracking_id.as_deref()), (sam.as_str(), Some(tracking_id)));
}

#[tokio::test(flavor = "multi_thread")]
async fn s2_bad_input_gets_a_sentence_and_a_documented_exit_code_and_changes_nothing() {
    let tenant = Tenant::start().await;
    let c = &tenant.customers[0];
    let sam = person(c, "sam.sessionless");
    let nobody = person(c, "nobody.here");
    let err = support::stderr;

    // An unknown person: 5 (input refused) for show and set, 2 for diagnose.
    let out = tenant.run(&c.token, &["show", "--person", &nobody]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(err(&out).contains("No user nobody.here@"), "{}", err(&out));
    let out = tenant.run(&c.token, &["set", "--person", &nobody, "--site", &c.site, "--types", "3"]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    let out = tenant.run(&c.token, &["diagnose", "--person", &nobody, "--format", "json"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(out.stdout.is_empty() && err(&out).contains("No user nobody.here@"), "{}", text(&out));

    // A site the user is not on, and one the org does not have.
    let out = tenant.run(&c.token, &["set", "--person", &person(c, "bea.basic"), "--site", &c.site, "--types", "3"]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(err(&out).contains(&format!("is not on {}", c.site)), "{}", err(&out));
    let out = tenant.run(&c.token, &["diagnose", "--person", &sam, "--site", "elsewhere.webex.com"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(err(&out).contains("elsewhere.webex.com is not a Meetings site of this org"), "{}", err(&out));

    // An attendee cannot be given session types there.
    let ada = person(c, "ada.attendee");
    let out = tenant.run(&c.token, &["set", "--person", &ada, "--site", &c.site, "--types", "3"]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(
        err(&out).contains("no paid Meetings license") && err(&out).contains("Nothing was changed"),
        "{}",
        err(&out)
    );

    // A session type the site does not offer: named, with what it offers.
    let out = tenant.run(&c.token, &["set", "--person", &sam, "--site", &c.site, "--types", "3,WBN"]);
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(
        err(&out).contains("offers no session type WBN") && err(&out).contains("Pro Meeting (PRO)"),
        "{}",
        err(&out)
    );

    // The command line itself: no --types is clap's 2.
    let out = tenant.run(&c.token, &["set", "--person", &sam, "--site", &c.site]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));

    assert!(tenant.changes().await.is_empty(), "nothing was sent");
    let core = Core::open(&CoreFiles::in_data_dir(tenant.data.path()), Vault::new("hubdesk-it-unused")).unwrap();
    assert!(core.audit_list(&c.org).unwrap().is_empty(), "nothing audited");
}

#[tokio::test(flavor = "multi_thread")]
async fn s2_a_read_only_admin_from_the_keyring_may_look_but_its_set_is_refused_and_changes_nothing() {
    let tenant = Tenant::start().await;
    let c = &tenant.customers[0];
    let sam = person(c, "sam.sessionless");
    let read_only = support::helpers(&tenant.server).token("read_only_admin", Some(&c.org)).await.unwrap().access_token;
    // The token the app would keep, under a keyring service of this test only.
    let service = format!("hubdesk-it-{}", uuid::Uuid::new_v4());
    let vault = Vault::new(&service);
    vault.set(TokenKind::Access, &json!({"token": read_only, "expiresAtMs": null}).to_string()).unwrap();
    let run = |args: &[&str]| {
        let mut command = Command::new(BIN);
        command.arg("meetings").args(args).args(["--api", &tenant.api()]);
        command.env_remove("HUBDESK_TOKEN").env("HUBDESK_KEYRING_SERVICE", &service);
        command.env("HUBDESK_DATA_DIR", tenant.data.path()).output().unwrap()
    };

    let out = run(&["diagnose", "--person", &sam, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "reading is allowed: {}", text(&out));
    assert_eq!(stdout_json(&out)["verdict"], "paid_types_missing");

    let out = run(&["set", "--person", &sam, "--site", &c.site, "--types", "1,3,11"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not allowed to do this") && stderr.contains("full administrator"), "{stderr}");
    vault.delete(TokenKind::Access).unwrap();

    assert!(tenant.changes().await.is_empty(), "nothing was changed");
    let out = tenant.run(&c.token, &["diagnose", "--person", &sam, "--format", "json"]);
    assert_eq!(stdout_json(&out)["verdict"], "paid_types_missing", "the set is as before");
}
