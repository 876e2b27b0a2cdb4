//! The scopes an integration can ask for (webex-api.md §1.8), as bits, so a
//! token carries them compactly and endpoints can check them cheaply.
//! A scope outside this list is refused at `/v1/authorize` (`invalid_scope`),
//! as Webex refuses scopes it does not know.

macro_rules! scopes {
    ($($variant:ident = $name:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Scope { $($variant,)* }

        impl Scope {
            pub const ALL: &'static [Scope] = &[$(Scope::$variant,)*];

            pub fn name(self) -> &'static str {
                match self { $(Scope::$variant => $name,)* }
            }
        }
    };
}

scopes! {
    SparkAll = "spark:all",
    SparkKms = "spark:kms",
    PeopleRead = "spark:people_read",
    AdminPeopleRead = "spark-admin:people_read",
    AdminPeopleWrite = "spark-admin:people_write",
    AdminLicensesRead = "spark-admin:licenses_read",
    AdminOrganizationsRead = "spark-admin:organizations_read",
    AdminOrganizationsWrite = "spark-admin:organizations_write",
    AdminRolesRead = "spark-admin:roles_read",
    AdminLocationsRead = "spark-admin:locations_read",
    AdminLocationsWrite = "spark-admin:locations_write",
    AdminDeviceRead = "spark-admin:device_read",
    AdminPlacesWrite = "spark-admin:places_write",
    AdminTelephonyConfigRead = "spark-admin:telephony_config_read",
    AdminTelephonyConfigWrite = "spark-admin:telephony_config_write",
    IdentityGroupsRead = "identity:groups_read",
    IdentityGroupsRw = "identity:groups_rw",
    IdentityPeopleRead = "identity:people_read",
    IdentityPeopleRw = "identity:people_rw",
    IdentityOrganizationsRead = "identity:organizations_read",
    IdentityOrganizationsRw = "identity:organizations_rw",
    MeetingAdminScheduleRead = "meeting:admin_schedule_read",
    MeetingAdminScheduleWrite = "meeting:admin_schedule_write",
    MeetingAdminConfigRead = "meeting:admin_config_read",
    MeetingAdminConfigWrite = "meeting:admin_config_write",
    MeetingSchedulesRead = "meeting:schedules_read",
    MeetingSchedulesWrite = "meeting:schedules_write",
    MeetingPreferencesRead = "meeting:preferences_read",
    MeetingPreferencesWrite = "meeting:preferences_write",
    MeetingAdminPreferencesRead = "meeting:admin_preferences_read",
    MeetingAdminPreferencesWrite = "meeting:admin_preferences_write",
    BroadworksSubscribersRead = "spark-admin:broadworks_subscribers_read",
    BroadworksSubscribersWrite = "spark-admin:broadworks_subscribers_write",
    BroadworksEnterprisesRead = "spark-admin:broadworks_enterprises_read",
    BroadworksEnterprisesWrite = "spark-admin:broadworks_enterprises_write",
    BroadworksBillingReportsRead = "spark-admin:broadworks_billing_reports_read",
    BroadworksBillingReportsWrite = "spark-admin:broadworks_billing_reports_write",
    WholesaleCustomersRead = "spark-admin:wholesale_customers_read",
    WholesaleCustomersWrite = "spark-admin:wholesale_customers_write",
    WholesaleSubscribersRead = "spark-admin:wholesale_subscribers_read",
    WholesaleSubscribersWrite = "spark-admin:wholesale_subscribers_write",
    WholesaleBillingReportsRead = "spark-admin:wholesale_billing_reports_read",
    WholesaleSubPartnersRead = "spark-admin:wholesale_sub_partners_read",
    OpenId = "openid",
    Email = "email",
    Profile = "profile",
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScopeSet(u64);

impl ScopeSet {
    /// Every known scope: what `/_sim/tokens` grants.
    pub fn all() -> ScopeSet {
        ScopeSet(Scope::ALL.iter().fold(0, |bits, &s| bits | ScopeSet::bit(s)))
    }

    fn bit(scope: Scope) -> u64 {
        1 << (scope as u32)
    }

    pub fn contains(self, scope: Scope) -> bool {
        self.0 & ScopeSet::bit(scope) != 0
    }

    /// True when every scope of `other` is in `self`.
    pub fn covers(self, other: ScopeSet) -> bool {
        other.0 & !self.0 == 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Parses a space-separated `scope` parameter; Err names the first unknown scope.
    pub fn parse(text: &str) -> Result<ScopeSet, String> {
        text.split_ascii_whitespace().try_fold(ScopeSet::default(), |set, name| {
            let scope = Scope::ALL.iter().find(|s| s.name() == name).ok_or_else(|| name.to_string())?;
            Ok(ScopeSet(set.0 | ScopeSet::bit(*scope)))
        })
    }

    pub fn to_bits(self) -> u64 {
        self.0
    }

    /// Only bits of known scopes survive.
    pub fn from_bits(bits: u64) -> ScopeSet {
        ScopeSet(bits & ScopeSet::all().0)
    }
}

impl std::fmt::Display for ScopeSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = Scope::ALL.iter().filter(|s| self.contains(**s)).map(|s| s.name()).collect();
        f.write_str(&names.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_in_the_bits() {
        assert!(Scope::ALL.len() <= 64);
    }

    #[test]
    fn parses_and_prints_scopes() {
        let set = ScopeSet::parse("spark-admin:people_read  spark:kms").unwrap();
        assert!(set.contains(Scope::AdminPeopleRead) && set.contains(Scope::SparkKms));
        assert!(!set.contains(Scope::AdminLicensesRead));
        assert_eq!(set.to_string(), "spark:kms spark-admin:people_read");
        assert_eq!(ScopeSet::parse("spark-admin:licenses_write"), Err("spark-admin:licenses_write".to_string()));
        assert!(ScopeSet::all().covers(set) && !set.covers(ScopeSet::all()));
    }
}
