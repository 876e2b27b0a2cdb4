//! C6: after work numbers are fixed, the org's Calling template applied
//! again to the existing users it covers who do not have Calling yet, as a
//! templates preview (committed with `templates_commit`, so C8 and the
//! journal are the templates engine's).

use hubdesk_api::{ApiError, ErrorCode, Preview, Template};
use hubdesk_rules::calling::{has_calling, is_line_license};

use crate::features::templates::facts::Pools;
use crate::features::templates::{facts, plan_reapply};
use crate::Core;

impl Core {
    pub fn calling_template_preview(&self, org_id: &str) -> Result<Preview, ApiError> {
        let pools = facts::pools(&self.store, org_id)?;
        let templates = self.ledger.template_list(org_id)?;
        let ids: Vec<String> = templates.iter().filter(|t| gives_calling(t, &pools)).map(|t| t.id.clone()).collect();
        if ids.is_empty() {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                "This organization has no template that gives a Calling license. Add Calling to a template on the \
                 templates screen, or fix users one by one.",
            )
            .with_detail(format!("org {org_id}: {} templates, none with a Calling line license", templates.len())));
        }
        let without_calling = |facts: &_, person: &_| !has_calling(facts, person);
        let planned = plan_reapply(&self.store, &self.ledger, org_id, &ids, &without_calling)?;
        Ok(self.previews.keep_planned(planned))
    }
}

/// Whether the template gives a license with a Calling line (C1).
fn gives_calling(template: &Template, pools: &Pools) -> bool {
    template.licenses.iter().any(|l| pools.name(l).is_some_and(is_line_license))
}
