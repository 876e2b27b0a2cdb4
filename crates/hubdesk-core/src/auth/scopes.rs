//! The scopes hubdesk asks for (webex-api.md §1.8). Reads for every cached
//! resource, writes for the fixes hubdesk offers. The README lists them too,
//! for admins registering their own integration.
pub const WEBEX_SCOPES: &[&str] = &[
    "spark:people_read",
    "spark-admin:people_read",
    "spark-admin:people_write",
    "spark-admin:organizations_read",
    "spark-admin:licenses_read",
    "identity:groups_read",
    "spark-admin:locations_read",
    "spark-admin:telephony_config_read",
    "meeting:admin_schedule_read",
    "meeting:admin_schedule_write",
    "meeting:admin_preferences_read",
    "spark-admin:broadworks_subscribers_read",
    "spark-admin:broadworks_subscribers_write",
    // Which customer each subscriber belongs to (the status view, B3).
    "spark-admin:broadworks_enterprises_read",
];
